// `newsindex ner-train`: trains the NER model from CoNLL files.
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/base/language_code.h"
#include "common/cli/command_line.h"
#include "common/ner/entity_extractor.h"
#include "common/ner/tokenizer.h"
#include "common/ner_train/conll.h"
#include "common/ner_train/trainer.h"
#include "common/ner_train/word_clustering.h"
#include "common/read/article_reader.h"
#include "indexer/commands.h"

namespace po = boost::program_options;

namespace newsindex::cli {

namespace {

const CommandSpec kSpec{
    "newsindex ner-train", "FILE.conll...",
    "Trains the NER tagger on CoNLL files (token<TAB>tag[<TAB>...], '# doc:' lines,\n"
    "blank line between sentences). FILE '-' reads stdin, e.g.\n"
    "  xz -dc ner-more.conll.xz | newsindex ner-train --out m.model a.conll -\n"
    "A model for another language than English (--language fr) is used for the\n"
    "articles in that language when it lies beside the main model as ner.fr.model.",
    "Training is deterministic for a given seed and input order (bench/train_model.sh).\n"
    "Exit codes: 0 ok, 1 a file could not be read or written, 2 usage error.\n",
    "files"};

// Adds the sentences of every article in `path` (a file, or the files of a folder, not
// recursive, in name order) to the clustering corpus. Sentences without a lower-case
// letter (wire headlines in capitals, tables) are left out: capitals are looked up in
// title case at tagging time instead (WordClusters::lookup).
void add_cluster_text(const std::filesystem::path& path, ner::ClusterCorpus& corpus) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path)) {
        for (const auto& e : std::filesystem::directory_iterator(path))
            if (e.is_regular_file()) files.push_back(e.path());
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    std::vector<ner::Token> tokens;
    std::vector<ner::SentenceSpan> sentences;
    std::vector<std::string_view> words;
    for (const auto& f : files) {
        const auto format = format_for_path(f);
        if (format == ArticleFormat::unsupported) continue;
        ReadResult read;
        try {
            read = read_articles(f, format, f.filename().string(), f.string());
        } catch (const std::exception& e) {
            std::cerr << "newsindex ner-train: " << f.string() << ": " << e.what() << "\n";
            continue;
        }
        for (const auto& a : read.articles) {
            const std::string text = a.title + "\n\n" + a.subtitle + "\n\n" + a.body;
            ner::tokenize(text, tokens);
            ner::split_sentences(text, tokens, sentences);
            for (const auto& s : sentences) {
                words.clear();
                bool lower = false;
                for (auto i = s.begin; i < s.end; ++i) {
                    words.push_back(tokens[i].text);
                    lower = lower || std::any_of(tokens[i].text.begin(), tokens[i].text.end(),
                                                 [](char c) { return c >= 'a' && c <= 'z'; });
                }
                if (lower) corpus.add_sentence(words);
            }
        }
    }
}

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
    bool strip_titles = false;
    int upper_case_every = 0;
    std::string clusters_file, clusters_out;
    std::vector<std::string> cluster_text;
    ner::ClusteringOptions clustering;
    opts.add_options()("out,o", po::value(&out), "model file to write (also accepted as --model)")(
        "model", po::value<std::string>(), "same as --out")(
        "language", po::value(&train.language)->default_value("en"),
        "the language of the training text (ISO 639-1), kept in the model")(
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
        "only the first N inputs teach how titles before names are tagged (GMB: inside "
        "the person); in later inputs title words before a person are latent (-1: all teach)")(
        "upper-case-every", po::value(&upper_case_every)->default_value(0),
        "also train on an upper-cased copy of every Nth sentence, for headlines in capitals "
        "(0: none)")(
        "merge-honorifics", po::bool_switch(&merge_honorifics),
        "training data: a lone 'Mr./B-PER' chunk followed by an ORG/LOC chunk becomes one "
        "person (GMB tagger noise)")(
        "strip-titles", po::bool_switch(&strip_titles),
        "training data: leading titles of person names become O in every input (after "
        "--merge-honorifics), so names are learnt without titles")(
        "clusters", po::value(&clusters_file),
        "word clusters to use (the --clusters-out format) instead of learning them")(
        "cluster-text", po::value(&cluster_text)->composing(),
        "learn word clusters from the article files (.txt, .html, .json, .jsonl) in this file "
        "or folder, plus the training sentences; repeatable")(
        "clusters-out", po::value(&clusters_out), "also write the learnt clusters to this file")(
        "cluster-count", po::value(&clustering.clusters)->default_value(256),
        "fine clusters (the two coarser levels: a quarter and a sixteenth of it)")(
        "cluster-min-count", po::value(&clustering.min_count)->default_value(3),
        "words seen fewer times get no cluster")(
        "cluster-iterations", po::value(&clustering.iterations)->default_value(12),
        "exchange passes over the vocabulary, at most");
    po::variables_map vm;
    if (auto stop = parse_command_line(argc, argv, kSpec, opts, vm)) return *stop;
    const auto files = operands(kSpec, vm);
    if (out.empty() && vm.count("model")) out = vm["model"].as<std::string>();
    if (out.empty()) return usage_error(kSpec, "--out is required");
    if (files.empty()) return usage_error(kSpec, "no training files given");
    if (train.epochs < 1) return usage_error(kSpec, "--epochs must be at least 1");
    if (!is_language_code(train.language))
        return usage_error(kSpec, "--language takes an ISO 639-1 code (en, fr, de, ...), not '" +
                                      train.language + "'");
    if (upper_case_every < 0) return usage_error(kSpec, "--upper-case-every must be 0 or more");
    if (train.hash_bits < 12 || train.hash_bits > 24)
        return usage_error(kSpec, "--hash-bits must be 12..24");
    if (!selection.valid()) return usage_error(kSpec, "--docs-rem must be in 0..K-1");
    if (!clusters_file.empty() && !cluster_text.empty())
        return usage_error(kSpec, "--clusters and --cluster-text exclude each other");
    if (clustering.clusters < 16 || clustering.clusters > 4096)
        return usage_error(kSpec, "--cluster-count must be 16..4096");
    clustering.mid_clusters = clustering.clusters / 4;
    clustering.coarse_clusters = clustering.clusters / 16;

    std::vector<ner::LabeledSentence> data;
    long freed = 0, merged = 0, stripped = 0;
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
            if (strip_titles) stripped += ner::strip_leading_titles(data[i]);
            if (convention_inputs >= 0 && static_cast<int>(k) >= convention_inputs)
                freed += ner::free_title_labels(data[i]);
        }
        std::cerr << f << ": " << stats.kept_documents << " of " << stats.documents
                  << " documents, " << data.size() - before << " sentences\n";
    }
    if (merge_honorifics) std::cerr << "merged " << merged << " honorific chunks\n";
    if (convention_inputs >= 0) std::cerr << "freed " << freed << " title tokens\n";
    if (strip_titles) std::cerr << "stripped " << stripped << " title tokens\n";
    // Clusters come from the training sentences as they are (before upper-case copies)
    // plus the unlabelled article text.
    ner::WordClusters clusters;
    try {
        std::vector<ner::ClusteredWord> clustered;
        if (!clusters_file.empty()) {
            std::ifstream in(clusters_file);
            if (!in) {
                std::cerr << "newsindex ner-train: cannot read " << clusters_file << "\n";
                return 1;
            }
            clustered = ner::read_clusters(in);
        } else if (!cluster_text.empty()) {
            ner::ClusterCorpus corpus;
            std::vector<std::string_view> words;
            for (const auto& s : data) {
                words.assign(s.words.begin(), s.words.end());
                corpus.add_sentence(words);
            }
            for (const auto& p : cluster_text) add_cluster_text(p, corpus);
            clustering.progress = [](const std::string& msg) { std::cerr << msg << "\n"; };
            clustered = ner::cluster_words(corpus, clustering);
        }
        if (!clusters_out.empty()) {
            std::ofstream out(clusters_out, std::ios::trunc);
            ner::write_clusters(out, clustered);
            if (!out) {
                std::cerr << "newsindex ner-train: cannot write " << clusters_out << "\n";
                return 1;
            }
        }
        if (!clustered.empty()) {
            clusters = ner::to_word_clusters(clustered);
            std::cerr << "word clusters: " << clusters.size() << " words in " << clusters.num_fine()
                      << " clusters\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "newsindex ner-train: clusters: " << e.what() << "\n";
        return 1;
    }
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
        const ner::Model model = ner::train(data, std::move(gaz), train, std::move(clusters));
        model.save(out);
    } catch (const std::exception& e) {
        std::cerr << "newsindex ner-train: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "wrote " << out << "\n";
    return 0;
}

}  // namespace newsindex::cli
