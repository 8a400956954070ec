// `newsindex ner-train`: trains the NER model from CoNLL files.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/ner/entity_extractor.h"
#include "common/ner_train/conll.h"
#include "common/ner_train/trainer.h"
#include "indexer/commands.h"

namespace po = boost::program_options;

namespace newsindex::cli {

namespace {

const CommandSpec kSpec{
    "newsindex ner-train", "FILE.conll...",
    "Trains the NER tagger on CoNLL files (token<TAB>tag[<TAB>...], '# doc:' lines,\n"
    "blank line between sentences). FILE '-' reads stdin, e.g.\n"
    "  xz -dc ner-more.conll.xz | newsindex ner-train --out m.model a.conll -",
    "Training is deterministic for a given seed and input order (bench/train_model.sh).\n"
    "Exit codes: 0 ok, 1 a file could not be read or written, 2 usage error.\n",
    "files"};

}  // namespace

int run_ner_train(int argc, char** argv) {
    po::options_description opts("Options");
    std::string out;
    ner::TrainOptions train;
    ner::DocSelection selection;
    selection.exclude = true;
    std::string iso_dir = "/usr/share/iso-codes/json";
    std::string geonames = "/usr/share/locale/en/LC_MESSAGES/geonames.mo";
    bool no_gazetteer = false;
    int convention_inputs = -1;
    bool merge_honorifics = false;
    int upper_case_every = 0;
    opts.add_options()("out,o", po::value(&out), "model file to write (also accepted as --model)")(
        "model", po::value<std::string>(), "same as --out")(
        "seed", po::value(&train.seed)->default_value(1), "shuffle seed")(
        "epochs", po::value(&train.epochs)->default_value(10), "training passes")(
        "hash-bits", po::value(&train.hash_bits)->default_value(18),
        "log2 of the weight-table rows (model size = 16 bytes << bits)")(
        "docs-mod", po::value(&selection.mod)->default_value(0),
        "hold out documents whose 0-based '# doc:' index in their file % K == R")(
        "docs-rem", po::value(&selection.rem)->default_value(0), "R for --docs-mod")(
        "iso-codes", po::value(&iso_dir), "iso-codes JSON folder (gazetteer)")(
        "geonames", po::value(&geonames), "English geonames.mo catalogue (city gazetteer)")(
        "no-gazetteer", po::bool_switch(&no_gazetteer), "train without gazetteer features")(
        "title-convention-inputs", po::value(&convention_inputs)->default_value(-1),
        "only the first N inputs teach how titles before names are tagged (GMB: inside\n"
        "the person); in later inputs title words before a person are latent (-1: all teach)")(
        "upper-case-every", po::value(&upper_case_every)->default_value(0),
        "also train on an upper-cased copy of every Nth sentence, for headlines in capitals\n"
        "(0: none)")(
        "merge-honorifics", po::bool_switch(&merge_honorifics),
        "training data: a lone 'Mr./B-PER' chunk followed by an ORG/LOC chunk becomes one\n"
        "person (GMB tagger noise)");
    po::variables_map vm;
    if (auto stop = parse_command_line(argc, argv, kSpec, opts, vm)) return *stop;
    const auto files = operands(kSpec, vm);
    if (out.empty() && vm.count("model")) out = vm["model"].as<std::string>();
    if (out.empty()) return usage_error(kSpec, "--out is required");
    if (files.empty()) return usage_error(kSpec, "no training files given");
    if (train.epochs < 1) return usage_error(kSpec, "--epochs must be at least 1");
    if (upper_case_every < 0) return usage_error(kSpec, "--upper-case-every must be 0 or more");
    if (train.hash_bits < 12 || train.hash_bits > 24)
        return usage_error(kSpec, "--hash-bits must be 12..24");
    if (!selection.valid()) return usage_error(kSpec, "--docs-rem must be in 0..K-1");

    std::vector<ner::LabeledSentence> data;
    long freed = 0, merged = 0;
    for (std::size_t k = 0; k < files.size(); ++k) {
        const auto& f = files[k];
        ner::ConllStats stats;
        const std::size_t before = data.size();
        if (f == "-") {
            stats = ner::read_conll(std::cin, selection, data);
        } else {
            std::ifstream in(f);
            if (!in) {
                std::cerr << "newsindex ner-train: cannot read " << f << "\n";
                return 1;
            }
            stats = ner::read_conll(in, selection, data);
        }
        for (std::size_t i = before; i < data.size(); ++i) {
            if (merge_honorifics) merged += ner::merge_honorific_chunks(data[i]);
            if (convention_inputs >= 0 && static_cast<int>(k) >= convention_inputs)
                freed += ner::free_title_labels(data[i]);
        }
        std::cerr << f << ": " << stats.kept_documents << " of " << stats.documents
                  << " documents, " << data.size() - before << " sentences\n";
    }
    if (merge_honorifics) std::cerr << "merged " << merged << " honorific chunks\n";
    if (convention_inputs >= 0) std::cerr << "freed " << freed << " title tokens\n";
    if (upper_case_every > 0) {
        const std::size_t originals = data.size();
        for (std::size_t i = 0; i < originals; i += static_cast<std::size_t>(upper_case_every))
            data.push_back(ner::upper_cased(data[i]));
        std::cerr << "added " << data.size() - originals << " upper-cased sentences\n";
    }
    ner::Gazetteer gaz;
    if (!no_gazetteer) {
        const auto counts = gaz.add_system_sources(iso_dir, geonames);
        std::cerr << "gazetteer: " << counts.countries << " country, " << counts.subdivisions
                  << " subdivision, " << counts.cities << " city names; " << gaz.size()
                  << " distinct\n";
    }
    train.progress = [](const std::string& msg) { std::cerr << msg << "\n"; };
    try {
        const ner::Model model = ner::train(data, std::move(gaz), train);
        model.save(out);
    } catch (const std::exception& e) {
        std::cerr << "newsindex ner-train: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "wrote " << out << "\n";
    return 0;
}

}  // namespace newsindex::cli
