// `newsindex ner-eval`: scores the tagger on gold CoNLL data (conlleval semantics).
#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/ner/conlleval.h"
#include "common/ner/document_pass.h"
#include "common/ner/entity_extractor.h"
#include "common/ner/model.h"
#include "common/ner/normalize.h"
#include "common/ner/tokenizer.h"
#include "common/ner_train/conll.h"
#include "indexer/commands.h"

namespace po = boost::program_options;

namespace newsindex::cli {

namespace {

const CommandSpec kSpec{
    "newsindex ner-eval", "FILE.conll...",
    "Tags gold CoNLL data and prints strict entity-level precision, recall and F1 per\n"
    "type and micro-averaged (conlleval semantics: type and both boundaries must match).\n"
    "FILE '-' reads stdin.",
    "Exit codes: 0 ok, 1 a file or the model could not be read, 2 usage error.\n", "files"};

nlohmann::json counts_json(const ner::ChunkCounts& c) {
    return {{"p", c.precision()},
            {"r", c.recall()},
            {"f1", c.f1()},
            {"gold", c.gold},
            {"predicted", c.predicted}};
}

// "President/B-PER Karimov/I-PER" -> "President/O Karimov/B-PER"; a chunk of titles
// only ("Mr./B-PER") names nobody and goes, as in the entity extractor.
void drop_leading_titles(const std::vector<std::string>& words, std::vector<ner::Tag>& tags) {
    for (const auto& c : ner::chunks(tags)) {
        if (c.type != 0) continue;
        std::uint32_t b = c.begin;
        while (b < c.end && ner::is_title_word(words[b])) tags[b++] = ner::Tag::O;
        if (b < c.end) tags[b] = ner::Tag::B_PER;
    }
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    return {std::istreambuf_iterator<char>(in), {}};
}

// Tokenise + split + tag plain text, timed apart from reading files and loading the model.
int run_speed_test(const std::vector<std::string>& inputs, const std::string& model_path,
                   bool json) {
    std::vector<std::string> texts;
    try {
        for (const auto& in : inputs) {
            if (std::filesystem::is_directory(in)) {
                std::vector<std::filesystem::path> files;
                for (const auto& e : std::filesystem::directory_iterator(in))
                    if (e.is_regular_file()) files.push_back(e.path());
                std::sort(files.begin(), files.end());
                for (const auto& f : files) texts.push_back(read_file(f));
            } else {
                texts.push_back(read_file(in));
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "newsindex ner-eval: " << e.what() << "\n";
        return 1;
    }
    using clock = std::chrono::steady_clock;
    const auto load_start = clock::now();
    ner::Model model;
    try {
        model = ner::Model::load(model_path);
    } catch (const std::exception& e) {
        std::cerr << "newsindex ner-eval: " << e.what() << "\n";
        return 1;
    }
    const double load_seconds = std::chrono::duration<double>(clock::now() - load_start).count();
    std::vector<ner::Token> tokens;
    std::vector<ner::SentenceSpan> sentences;
    std::vector<std::string_view> words;
    std::vector<ner::Tag> tags;
    long n_tokens = 0, n_sentences = 0, n_entities = 0;
    const auto start = clock::now();
    for (const auto& text : texts) {
        ner::tokenize(text, tokens);
        ner::split_sentences(text, tokens, sentences);
        for (const auto& s : sentences) {
            words.clear();
            for (auto i = s.begin; i < s.end; ++i) words.push_back(tokens[i].text);
            model.tag(words, tags);
            for (const auto t : tags) n_entities += ner::is_begin(t);
        }
        n_tokens += static_cast<long>(tokens.size());
        n_sentences += static_cast<long>(sentences.size());
    }
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    const double rate = seconds > 0 ? n_tokens / seconds : 0.0;
    if (json) {
        std::cout << nlohmann::json{{"texts", texts.size()},    {"tokens", n_tokens},
                                    {"sentences", n_sentences}, {"entities", n_entities},
                                    {"seconds", seconds},       {"load_seconds", load_seconds},
                                    {"tokens_per_second", rate}}
                         .dump()
                  << "\n";
    } else {
        std::printf(
            "%zu texts, %ld tokens, %ld sentences, %ld entities tagged in %.3f s: %.0f tokens/s; "
            "model loaded in %.3f s\n",
            texts.size(), n_tokens, n_sentences, n_entities, seconds, rate, load_seconds);
    }
    return 0;
}

}  // namespace

int run_ner_eval(int argc, char** argv) {
    po::options_description opts("Options");
    std::string model_path;
    ner::DocSelection selection;
    bool json = false;
    std::string predictions_file;
    bool text_mode = false;
    bool ignore_titles = false;
    bool sentence_level = false;
    opts.add_options()("model", po::value(&model_path),
                       "model file (default: $NEWSINDEX_MODEL or the shipped model)")(
        "json", po::bool_switch(&json), "print the scores as JSON")(
        "predictions", po::value(&predictions_file),
        "also write 'token gold predicted' lines (conlleval input) to this file")(
        "ignore-titles", po::bool_switch(&ignore_titles),
        "score person names without leading titles (\"President\", \"Mr.\") in gold and "
        "predictions: GMB includes titles, inconsistently; the extractor drops them")(
        "sentence-level", po::bool_switch(&sentence_level),
        "tag sentences alone, without the document-level pass that makes surnames of "
        "people named in full elsewhere in the document persons")(
        "text", po::bool_switch(&text_mode),
        "speed test: FILEs are plain text (directories: every file in them); tokenise, "
        "split and tag them and report tokens/s (no scores)")(
        "docs-mod", po::value(&selection.mod)->default_value(0),
        "score only documents whose 0-based '# doc:' index in their file % K == R")(
        "docs-rem", po::value(&selection.rem)->default_value(0), "R for --docs-mod");
    po::variables_map vm;
    if (auto stop = parse_command_line(argc, argv, kSpec, opts, vm)) return *stop;
    const auto files = operands(kSpec, vm);
    if (files.empty()) return usage_error(kSpec, "no gold files given");
    if (!selection.valid()) return usage_error(kSpec, "--docs-rem must be in 0..K-1");
    if (model_path.empty()) model_path = default_model_path().string();

    if (text_mode) return run_speed_test(files, model_path, json);

    std::vector<ner::LabeledSentence> data;
    for (std::size_t k = 0; k < files.size(); ++k) {
        const std::size_t before = data.size();
        if (files[k] == "-") {
            ner::read_conll(std::cin, selection, data);
        } else {
            std::ifstream in(files[k]);
            if (!in) {
                std::cerr << "newsindex ner-eval: cannot read " << files[k] << "\n";
                return 1;
            }
            ner::read_conll(in, selection, data);
        }
        for (std::size_t i = before; i < data.size(); ++i) data[i].input = static_cast<long>(k);
    }

    using clock = std::chrono::steady_clock;
    const auto load_start = clock::now();
    ner::Model model;
    try {
        model = ner::Model::load(model_path);
    } catch (const std::exception& e) {
        std::cerr << "newsindex ner-eval: " << e.what() << "\n";
        return 1;
    }
    const double load_seconds = std::chrono::duration<double>(clock::now() - load_start).count();

    std::vector<std::vector<ner::Tag>> predicted(data.size());
    std::vector<std::vector<std::string_view>> words(data.size());
    for (std::size_t i = 0; i < data.size(); ++i)
        words[i].assign(data[i].words.begin(), data[i].words.end());
    const auto tag_start = clock::now();
    for (std::size_t i = 0; i < data.size(); ++i) model.tag(words[i], predicted[i]);
    if (!sentence_level) {
        // Documents are runs of sentences with one (input, document index).
        std::vector<std::vector<std::string_view>> doc_words;
        std::vector<std::vector<ner::Tag>> doc_tags;
        for (std::size_t b = 0; b < data.size();) {
            std::size_t e = b + 1;
            while (e < data.size() && data[e].input == data[b].input && data[e].doc == data[b].doc)
                ++e;
            doc_words.assign(words.begin() + static_cast<std::ptrdiff_t>(b),
                             words.begin() + static_cast<std::ptrdiff_t>(e));
            doc_tags.assign(predicted.begin() + static_cast<std::ptrdiff_t>(b),
                            predicted.begin() + static_cast<std::ptrdiff_t>(e));
            ner::propagate_person_names(doc_words, doc_tags);
            std::move(doc_tags.begin(), doc_tags.end(),
                      predicted.begin() + static_cast<std::ptrdiff_t>(b));
            b = e;
        }
    }
    const double seconds = std::chrono::duration<double>(clock::now() - tag_start).count();

    ner::Scorer scorer;
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (ignore_titles) {
            drop_leading_titles(data[i].words, data[i].tags);
            drop_leading_titles(data[i].words, predicted[i]);
        }
        scorer.add(data[i].tags, predicted[i]);
    }

    if (!predictions_file.empty()) {
        std::ofstream out(predictions_file);
        for (std::size_t i = 0; i < data.size(); ++i) {
            if (i == 0 || data[i].doc != data[i - 1].doc) out << "# doc " << data[i].doc << "\n";
            for (std::size_t k = 0; k < data[i].words.size(); ++k)
                out << data[i].words[k] << ' ' << ner::tag_name(data[i].tags[k]) << ' '
                    << ner::tag_name(predicted[i][k]) << '\n';
            out << '\n';
        }
        if (!out) {
            std::cerr << "newsindex ner-eval: cannot write " << predictions_file << "\n";
            return 1;
        }
    }
    if (json) {
        nlohmann::json j;
        for (int t = 0; t < 3; ++t)
            j[std::string(ner::kTypeNames[t])] = counts_json(scorer.by_type(t));
        j["overall"] = counts_json(scorer.overall());
        j["tokens"] = scorer.tokens();
        j["seconds"] = seconds;
        j["load_seconds"] = load_seconds;
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%-8s %9s %9s %9s %7s %9s\n", "type", "precision", "recall", "F1", "gold",
                "predicted");
    auto row = [](const char* name, const ner::ChunkCounts& c) {
        std::printf("%-8s %9.4f %9.4f %9.4f %7ld %9ld\n", name, c.precision(), c.recall(), c.f1(),
                    c.gold, c.predicted);
    };
    for (int t = 0; t < 3; ++t) row(std::string(ner::kTypeNames[t]).c_str(), scorer.by_type(t));
    row("overall", scorer.overall());
    std::printf("%ld tokens in %.3f s (%.0f tokens/s); model loaded in %.3f s\n", scorer.tokens(),
                seconds, seconds > 0 ? scorer.tokens() / seconds : 0.0, load_seconds);
    return 0;
}

}  // namespace newsindex::cli
