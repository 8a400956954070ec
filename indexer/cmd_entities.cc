// `newsindex entities`: prints the named entities of each article of the given files.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_reader.h"
#include "indexer/commands.h"

namespace po = boost::program_options;

namespace newsindex::cli {

namespace {

const CommandSpec kSpec{
    "newsindex entities", "FILE...",
    "Prints the people, organisations and places of each article, one per line: kind,\n"
    "canonical name, mention count.",
    "Exit codes: 0 ok, 1 a file or the model could not be read, 2 usage error.\n", "files"};

nlohmann::ordered_json entities_json(const std::vector<Entity>& entities) {
    nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
    for (const auto kind : kEntityKinds)
        by_kind[std::string(entity_kind_name(kind))] = nlohmann::ordered_json::array();
    for (const auto& e : entities)
        by_kind[std::string(entity_kind_name(e.kind))].push_back(
            {{"name", e.name}, {"count", e.count}, {"mentions", e.mentions}});
    return by_kind;
}

void print_text(const Article& a, const std::vector<Entity>& entities) {
    std::cout << a.id;
    if (!a.title.empty()) std::cout << "  " << a.title;
    std::cout << "\n";
    for (const auto& e : entities)
        std::cout << "  " << entity_kind_name(e.kind) << "\t" << e.name << "\t" << e.count << "\n";
}

}  // namespace

int run_entities(int argc, char** argv) {
    po::options_description opts("Options");
    std::string model_path;
    bool json = false;
    opts.add_options()("model", po::value(&model_path),
                       "model file (default: $NEWSINDEX_MODEL or the shipped model)")(
        "json", po::bool_switch(&json), "print a JSON array, one object per article");
    po::variables_map vm;
    if (auto stop = parse_command_line(argc, argv, kSpec, opts, vm)) return *stop;
    const auto files = operands(kSpec, vm);
    if (files.empty()) return usage_error(kSpec, "no files given");
    if (model_path.empty()) model_path = default_model_path().string();

    std::unique_ptr<EntityExtractor> extractor;
    try {
        extractor = std::make_unique<EntityExtractor>(model_path);
    } catch (const std::exception& e) {
        std::cerr << "newsindex entities: " << e.what() << "\n";
        return 1;
    }

    int status = 0;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& file : files) {
        ReadResult result;
        try {
            result = read_articles(file, format_for_path(file), file, file);
        } catch (const std::exception& e) {
            std::cerr << "newsindex entities: " << file << ": " << e.what() << "\n";
            status = 1;
            continue;
        }
        for (const auto& w : result.warnings)
            std::cerr << "newsindex entities: " << file << ": " << w << "\n";
        for (const auto& article : result.articles) {
            const auto entities = extractor->extract(article);
            if (json)
                out.push_back({{"id", article.id},
                               {"title", article.title},
                               {"entities", entities_json(entities)}});
            else
                print_text(article, entities);
        }
    }
    if (json)
        std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                  << "\n";
    return status;
}

}  // namespace newsindex::cli
