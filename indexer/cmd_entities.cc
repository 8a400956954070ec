// `newsindex entities`: prints the named entities of each article of the given files.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/index/article_entities.h"
#include "common/index/entity_report.h"
#include "common/ner/entity_extractor.h"
#include "indexer/article_files.h"
#include "indexer/commands.h"

namespace po = boost::program_options;

namespace newsindex::cli {

namespace {

const CommandSpec kSpec{
    "newsindex entities", "FILE...  |  --top N [--kind KIND]",
    "Prints the people, organisations and places of each article, one per line: kind,\n"
    "name, mention count; the names are the article's own, before the archive's entity\n"
    "table. With --top, lists the index's entities instead: the N with the most articles,\n"
    "each with its article count (its facet count) and the other names articles gave it,\n"
    "then the names the table keeps out of the facets (suppressed in the alias file, or a\n"
    "first name alone), marked \"(suppressed)\" (in JSON \"suppressed\": true).",
    "Database: --db, else $NEWSINDEX_DB, else ${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
    "Exit codes: 0 ok, 1 a file or the model could not be read, 2 usage error or no index.\n",
    "files"};

// `entities --top N`: the archive's entity table.
int print_top_entities(const po::variables_map& vm, bool json) {
    std::optional<EntityKind> kind;
    if (vm.count("kind")) {
        kind = entity_kind_from_name(vm["kind"].as<std::string>());
        if (!kind) return usage_error(kSpec, "--kind must be person, org or place");
    }
    const auto db =
        database_path(vm.count("db") ? std::optional(vm["db"].as<std::string>()) : std::nullopt);
    EntityReport report;
    try {
        report = top_entities(db, vm["top"].as<Count>().value, kind);
    } catch (const Error& e) {
        return report_index_error(kSpec, e);
    }
    if (json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& e : report.top)
            out.push_back({{"kind", entity_kind_name(e.entity.kind)},
                           {"name", e.entity.name},
                           {"articles", e.articles},
                           {"aliases", e.aliases}});
        for (const auto& e : report.suppressed)
            out.push_back({{"kind", entity_kind_name(e.entity.kind)},
                           {"name", e.entity.name},
                           {"articles", e.articles},
                           {"suppressed", true}});
        print_json(out);
        return exit_code::kOk;
    }
    for (const auto& e : report.top) {
        std::cout << std::setw(7) << e.articles << "  " << std::left << std::setw(7)
                  << entity_kind_name(e.entity.kind) << std::right << printable(e.entity.name);
        for (std::size_t i = 0; i < e.aliases.size(); ++i)
            std::cout << (i == 0 ? "  (also: " : ", ") << printable(e.aliases[i]);
        std::cout << (e.aliases.empty() ? "\n" : ")\n");
    }
    for (const auto& e : report.suppressed)
        std::cout << std::setw(7) << e.articles << "  " << std::left << std::setw(7)
                  << entity_kind_name(e.entity.kind) << std::right << printable(e.entity.name)
                  << "  (suppressed)\n";
    return exit_code::kOk;
}

void print_text(const Article& a, const std::vector<Entity>& entities) {
    std::cout << printable(a.id);
    if (!a.title.empty()) std::cout << "  " << printable(a.title);
    std::cout << "\n";
    for (const auto& e : entities)
        std::cout << "  " << entity_kind_name(e.kind) << "\t" << printable(e.name) << "\t"
                  << e.count << "\n";
}

}  // namespace

int run_entities(int argc, char** argv) {
    po::options_description opts("Options");
    std::string model_path;
    bool json = false;
    opts.add_options()("model", po::value(&model_path),
                       "model file (default: $NEWSINDEX_MODEL or the shipped model)")(
        "json", po::bool_switch(&json), "print a JSON array, one object per article or entity")(
        "top", po::value<Count>(), "list the index's N entities with the most articles")(
        "kind", po::value<std::string>(), "with --top: person, org or place only")(
        "db", po::value<std::string>(), "with --top: index location");
    po::variables_map vm;
    if (auto stop = parse_command_line(argc, argv, kSpec, opts, vm)) return *stop;
    const auto files = operands(kSpec, vm);
    if (vm.count("top")) {
        if (!files.empty()) return usage_error(kSpec, "--top lists the index; give no files");
        return print_top_entities(vm, json);
    }
    if (files.empty()) return usage_error(kSpec, "no files given");

    const auto extractor = load_extractor(kSpec, model_path);
    if (!extractor) return exit_code::kSomeFilesFailed;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    const int status = for_each_article(kSpec, files, [&](const Article& article) {
        const auto entities = article_entities(*extractor, article);
        if (json)
            out.push_back({{"id", article.id},
                           {"title", article.title},
                           {"entities", entities_json(entities, true)}});
        else
            print_text(article, entities);
    });
    if (json) print_json(out);
    return status;
}

}  // namespace newsindex::cli
