// newssearch: ranked boolean and faceted search over a newsindex database.
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/search/query_parser.h"
#include "common/search/search.h"
#include "searcher/output.h"

namespace {

using namespace newsindex;
namespace po = boost::program_options;

const CommandSpec kSpec{
    "newssearch", "QUERY...",
    "Searches the news index. Words must all match (use --any, or OR, to match any);\n"
    "AND OR NOT XOR ( ) + - \"phrases\" NEAR ADJ and trailing wildcards (extradit*) work,\n"
    "as do the fields title:, person:, org:, place:, source: and date:\n"
    "(date:2010, date:2010-04, date:2010-04-01..2010-04-30).",
    "Examples:\n"
    "  newssearch \"Bakiyev extradition\"\n"
    "  newssearch 'person:Bakiyev date:2010-04' --sort -date\n"
    "  newssearch 'place:Belarus' --limit 0 --facets person,org\n"
    "Database: --db, else $NEWSINDEX_DB, else ${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
    "Exit codes: 0 ok (also when nothing matches), 2 bad option, bad query or no index.\n",
    "query"};

std::optional<SortOrder> parse_sort(const std::string& s) {
    if (s == "relevance") return SortOrder::relevance;
    if (s == "date") return SortOrder::date_ascending;
    if (s == "-date") return SortOrder::date_descending;
    return std::nullopt;
}

std::optional<std::vector<std::string>> parse_facets(const std::string& list) {
    std::vector<std::string> facets;
    std::istringstream in(list);
    for (std::string name; std::getline(in, name, ',');) {
        if (name.empty() || name == "none") continue;
        if (std::find(kFacetNames.begin(), kFacetNames.end(), name) == kFacetNames.end())
            return std::nullopt;
        facets.push_back(name);
    }
    return facets;
}

std::string join(const std::vector<std::string>& words) {
    std::string joined;
    for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
    return joined;
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("Options");
    options.add_options()("db", po::value<std::string>(), "index location")(
        "any", po::bool_switch(), "match any word instead of every word")(
        "limit,n", po::value<unsigned>()->default_value(10),
        "hits to show (0: counts and facets only)")(
        "offset", po::value<unsigned>()->default_value(0), "hits to skip")(
        "sort", po::value<std::string>()->default_value("relevance"), "relevance, date or -date")(
        "json", po::bool_switch(), "print one JSON document")(
        "estimate", po::bool_switch(),
        "estimate totals and facet counts (faster on large indexes)")(
        "facets", po::value<std::string>()->default_value("person,org,place,date"),
        "facets to count: any of person,org,place,date, or none")(
        "facet-limit", po::value<unsigned>()->default_value(10), "values shown per facet")(
        "color", po::value<std::string>()->default_value("auto"),
        "mark hits in bold: auto, always, never");
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, kSpec, options, values)) return *stop;

    SearchRequest request;
    request.query = join(operands(kSpec, values));
    request.match_any = values["any"].as<bool>();
    request.limit = values["limit"].as<unsigned>();
    request.offset = values["offset"].as<unsigned>();
    request.exact = !values["estimate"].as<bool>();
    request.facet_limit = values["facet-limit"].as<unsigned>();
    const auto sort = parse_sort(values["sort"].as<std::string>());
    if (!sort) return usage_error(kSpec, "--sort must be relevance, date or -date");
    request.sort = *sort;
    const auto facets = parse_facets(values["facets"].as<std::string>());
    if (!facets)
        return usage_error(kSpec,
                           "--facets takes a comma-separated list of person, org, place, date");
    request.facets = *facets;

    const bool json = values["json"].as<bool>();
    const std::string color = values["color"].as<std::string>();
    if (color != "auto" && color != "always" && color != "never")
        return usage_error(kSpec, "--color must be auto, always or never");
    if (!json && (color == "always" || (color == "auto" && isatty(STDOUT_FILENO)))) {
        request.highlight_start = "\033[1m";
        request.highlight_end = "\033[0m";
    }

    const auto db = database_path(values.count("db") ? std::optional(values["db"].as<std::string>())
                                                     : std::nullopt);
    try {
        NewsSearcher searcher(db);
        if (const std::string warning = searcher.schema_warning(); !warning.empty())
            std::cerr << kSpec.name << ": warning: " << warning << '\n';
        const SearchResponse response = searcher.search(request);
        if (json) {
            cli::print_json(std::cout, request, response);
        } else {
            cli::print_text(std::cout, request, response);
        }
        return exit_code::kOk;
    } catch (const QueryError& e) {
        return usage_error(kSpec, "cannot parse query '" + request.query + "': " + e.what());
    } catch (const IndexUnavailableError& e) {
        return usage_error(kSpec, e.what());
    } catch (const Xapian::Error& e) {
        return usage_error(kSpec, "index " + db.string() + ": " + e.get_description());
    } catch (const std::exception& e) {
        return usage_error(kSpec, e.what());
    }
}
