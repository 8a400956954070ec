#include "searcher/entity.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/search/search.h"
#include "searcher/output.h"

namespace newsindex::cli {

namespace po = boost::program_options;

namespace {

CommandSpec entity_spec() {
    return {"newssearch entity", "KIND NAME...",
            "Shows one entity of the archive: how many articles name it and in which months,\n"
            "the other names articles give it (the entity table's links), the people,\n"
            "organizations and places named most notably with it (the notable order of\n"
            "--facet-order), and its newest articles. KIND is person, org or place; NAME is\n"
            "any of its names, in any case, or one word of one person's name (bakiyev).\n"
            "--json gives what the page's /api/entity answers.",
            "Examples:\n"
            "  newssearch entity person 'James Baker'\n"
            "  newssearch entity --json org fed\n"
            "Database: --db, else $NEWSINDEX_DB, else "
            "${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
            "Exit codes: 0 ok, 2 bad option or kind, no article naming the entity, or no\n"
            "index, 74 the index could not be read.\n",
            "words"};
}

}  // namespace

void entity_options(po::options_description& options) {
    options.add_options()("db", po::value<std::vector<std::string>>()->composing(),
                          "index location; repeat to search several as one")(
        "limit", po::value<Count>()->default_value({10}, "10"),
        "names of each kind, and newest articles, to list (at most 100)")(
        "json", po::bool_switch(), "print one JSON document");
}

int run_entity(int argc, char** argv) {
    const CommandSpec spec = entity_spec();
    po::options_description options("Options");
    entity_options(options);
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, spec, options, values)) return *stop;
    const auto words = operands(spec, values);
    if (words.size() < 2) return usage_error(spec, "entity takes a KIND and a NAME");
    const auto kind = entity_kind_from_name(words.front());
    if (!kind)
        return usage_error(spec, "KIND must be person, org or place, not '" + words.front() + "'");
    EntityProfileRequest request;
    request.kind = *kind;
    for (std::size_t i = 1; i < words.size(); ++i) request.name += (i > 1 ? " " : "") + words[i];
    const auto limit = std::min<std::uint64_t>(values["limit"].as<Count>().value, 100);
    request.named_with = limit;
    request.newest = static_cast<decltype(request.newest)>(limit);
    const auto databases = database_paths(values);
    bool opened = false;
    try {
        NewsSearcher searcher = open_searcher(databases);
        opened = true;
        const EntityProfile profile = searcher.entity_profile(request);
        if (values["json"].as<bool>())
            print_entity_json(std::cout, profile);
        else
            print_entity_text(std::cout, profile);
        return exit_code::kOk;
    } catch (const Error& e) {
        if ((e.kind() == ErrorKind::not_found || e.kind() == ErrorKind::bad_input) && opened)
            return usage_error(spec, e.what());
        return report_index_error(spec, e);
    }
}

}  // namespace newsindex::cli
