// `newsindex show`: prints what the index would store for each article of the given files,
// so that people can see why a page is not found or why its facets look wrong.
#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/cli/exit_codes.h"
#include "common/index/article_entities.h"
#include "common/ner/entity_extractor.h"
#include "indexer/article_files.h"
#include "indexer/commands.h"

namespace po = boost::program_options;

namespace newsindex::cli {

namespace {

const CommandSpec kSpec{
    "newsindex show", "FILE|DIR...",
    "Prints what the index would store for each article of the files: title, subtitle,\n"
    "date and where it came from, author, language, source, url, keywords, the extracted body and\n"
    "the entities (the article's own names, before the archive's entity table; the\n"
    "file's own when it gives them, none for a language other than English). A folder\n"
    "stands for every article file under it, with the ids a build of it would give.\n"
    "Nothing is written to the index.",
    "Exit codes: 0 ok, 1 a file or the model could not be read, 2 usage error.\n", "files"};

nlohmann::ordered_json article_json(const Article& a, const std::vector<Entity>* entities) {
    nlohmann::ordered_json out = {
        {"id", a.id},
        {"path", a.path},
        {"title", a.title},
        {"subtitle", a.subtitle},
        {"date", a.date ? nlohmann::ordered_json(a.date->iso()) : nlohmann::ordered_json()},
        {"date_source", a.date ? nlohmann::ordered_json(a.date_source) : nlohmann::ordered_json()},
        {"author", a.author},
        {"language", a.language},
        {"source", a.source},
        {"url", a.url},
        {"keywords", a.keywords},
        {"body", a.body},
    };
    if (entities != nullptr) out["entities"] = entities_json(*entities, false);
    return out;
}

void print_field(std::string_view name, std::string_view value) {
    if (!value.empty()) std::cout << name << printable(value) << "\n";
}

void print_text(const Article& a, const std::vector<Entity>* entities) {
    std::cout << "== " << printable(a.id) << "\n";
    print_field("title:    ", a.title);
    print_field("subtitle: ", a.subtitle);
    if (a.date) std::cout << "date:     " << a.date->iso() << " (from " << a.date_source << ")\n";
    print_field("author:   ", a.author);
    print_field("language: ", a.language);
    print_field("source:   ", a.source);
    print_field("url:      ", a.url);
    std::string keywords;
    for (const auto& keyword : a.keywords) keywords += (keywords.empty() ? "" : "; ") + keyword;
    print_field("keywords: ", keywords);
    if (entities != nullptr) {
        std::cout << "entities:\n";
        for (const auto& e : *entities)
            std::cout << "  " << entity_kind_name(e.kind) << "\t" << printable(e.name) << "\t"
                      << e.count << "\n";
    }
    // Line by line: the body's line breaks are its paragraphs, anything else is escaped.
    std::cout << "body:\n";
    std::string_view body = a.body;
    while (!body.empty()) {
        const auto end = std::min(body.find('\n'), body.size());
        std::cout << printable(body.substr(0, end)) << "\n";
        body.remove_prefix(std::min(end + 1, body.size()));
    }
    std::cout << "\n";
}

}  // namespace

int run_show(int argc, char** argv) {
    po::options_description opts("Options");
    std::string model_path;
    bool json = false;
    bool no_entities = false;
    opts.add_options()("json", po::bool_switch(&json),
                       "print a JSON array, one object per article")(
        "no-entities", po::bool_switch(&no_entities), "skip the entity tagger")(
        "model", po::value(&model_path),
        "model file (default: $NEWSINDEX_MODEL or the shipped model)");
    po::variables_map vm;
    if (auto stop = parse_command_line(argc, argv, kSpec, opts, vm)) return *stop;
    const auto files = operands(kSpec, vm);
    if (files.empty()) return usage_error(kSpec, "no files given");

    std::optional<EntityExtractor> extractor;
    if (!no_entities) {
        extractor = load_extractor(kSpec, model_path);
        if (!extractor) return exit_code::kSomeFilesFailed;
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    const int status = for_each_article(kSpec, files, [&](const Article& article) {
        std::vector<Entity> entities;
        if (extractor) entities = article_entities(*extractor, article);
        const std::vector<Entity>* shown = extractor ? &entities : nullptr;
        if (json)
            out.push_back(article_json(article, shown));
        else
            print_text(article, shown);
    });
    if (json) print_json(out);
    return status;
}

}  // namespace newsindex::cli
