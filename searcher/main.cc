// newssearch: ranked boolean and faceted search over a newsindex database.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/search/search.h"
#include "searcher/output.h"

namespace {

using namespace newsindex;
namespace po = boost::program_options;

// The commands: a row each. The first word after the options picks the row when it names
// one; any other word starts a query for the default row, so `newssearch QUERY` needs no
// command word, and words after "--" are never a command (`newssearch -- help me`).
struct Command {
    std::string_view name;
    std::string_view operands;  // as the help shows them: "QUERY..."
    std::string_view summary;
    // Adds the command's options, so that the search for the command word can tell an
    // option's value ("--db help") from the first word after the options.
    void (*add_options)(po::options_description& options);
    // Runs with argv minus the command word; returns the exit code.
    int (*run)(int argc, char** argv);
};

void search_options(po::options_description& options);
void no_options(po::options_description&) {}
int run_search(int argc, char** argv);
int run_help(int argc, char** argv);

constexpr Command kCommands[] = {
    {"search", "QUERY...", "the same as newssearch QUERY...", search_options, run_search},
    {"help", "", "show this help", no_options, run_help},
};
constexpr const Command& kDefaultCommand = kCommands[0];

const Command* find_command(std::string_view name) {
    for (const auto& command : kCommands)
        if (command.name == name) return &command;
    return nullptr;
}

CommandSpec search_spec() {
    std::string commands;
    for (const auto& command : kCommands) {
        std::string usage = std::string(command.name) + ' ' + std::string(command.operands);
        usage.resize(std::max<std::size_t>(usage.size() + 1, 18), ' ');
        commands += (commands.empty() ? "  " : "\n  ") + usage + std::string(command.summary);
    }
    return {"newssearch", "QUERY...\n       newssearch COMMAND [OPTIONS] [ARGS...]",
            "Searches the news index. Words must all match (use --any, or OR, to match any);\n"
            "AND OR NOT XOR ( ) + - \"phrases\" NEAR ADJ and trailing wildcards (extradit*) work,\n"
            "as do the fields title:, person:, org:, place:, source: and date:\n"
            "(date:2010, date:2010-04, date:2010-04-01..2010-04-30).\n\n"
            "Commands: the first word after the options names one, unless -- comes before it\n"
            "(newssearch -- help desk searches for \"help desk\").\n" +
                commands,
            "Examples:\n"
            "  newssearch \"Bakiyev extradition\"\n"
            "  newssearch 'person:Bakiyev date:2010-04' --sort -date\n"
            "  newssearch 'place:Belarus' --limit 0 --facets person,org\n"
            "Database: --db, else $NEWSINDEX_DB, else "
            "${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
            "Exit codes: 0 ok (also when nothing matches), 2 bad option, bad query or no index,\n"
            "74 the index could not be read.\n",
            "query"};
}

// Where argv holds the command word: the first word after the options, as Boost reads
// them (it decides which words are option values). 0 when the words after the options
// are a query: none before a "--" that ends the options, or no command word among them.
int command_word(int argc, char** argv) {
    po::options_description all;
    for (const auto& command : kCommands) {
        po::options_description options;
        command.add_options(options);
        for (const auto& option : options.options())
            if (!all.find_nothrow(option->long_name(), false)) all.add(option);
    }
    all.add_options()("operand", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("operand", -1);
    try {
        // Unknown options are left to the command's own parser to report.
        const auto parsed = po::command_line_parser(argc, argv)
                                .options(all)
                                .positional(positional)
                                .allow_unregistered()
                                .run();
        // Boost keeps each option's words but drops the "--" ending the options, so walk
        // argv beside them to see whether the first operand came before it.
        int word = 1;
        for (const auto& option : parsed.options) {
            if (word >= argc || option.original_tokens.empty()) return 0;
            if (option.original_tokens.front() != argv[word]) return 0;  // after "--"
            if (option.string_key == "operand") return find_command(argv[word]) ? word : 0;
            word += static_cast<int>(option.original_tokens.size());
        }
    } catch (const po::error&) {
        // The default command's parser reports the mistake as it always has.
    }
    return 0;
}

void search_options(po::options_description& options) {
    options.add_options()("db", po::value<std::string>(), "index location")(
        "any", po::bool_switch(), "match any word instead of every word")(
        "like", po::value<std::string>(),
        "articles like this one (an id or path from a hit); QUERY filters them")(
        "limit,n", po::value<Count>()->default_value({10}, "10"),
        "hits to show (0: counts and facets only)")(
        "offset", po::value<Count>()->default_value({0}, "0"), "hits to skip")(
        "sort", po::value<std::string>()->default_value("relevance"), "relevance, date or -date")(
        "json", po::bool_switch(), "print one JSON document (--format json)")(
        "format", po::value<std::string>()->default_value("text"),
        "text, json, jsonl (one hit per line) or csv")("count", po::bool_switch(),
                                                       "print only the number of matches")(
        "ids", po::bool_switch(), "print only the matching articles' ids, one per line")(
        "estimate", po::bool_switch(),
        "estimate totals and facet counts (faster on large indexes)")(
        "facets", po::value<std::string>()->default_value("person,org,place,date"),
        "facets to count: any of person,org,place,date, or none")(
        "facet-limit", po::value<Count>()->default_value({10}, "10"), "values shown per facet")(
        "color", po::value<std::string>()->default_value("auto"),
        "mark hits in bold: auto, always, never");
}

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

int run_search(int argc, char** argv) {
    const CommandSpec spec = search_spec();
    po::options_description options("Options");
    search_options(options);
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, spec, options, values)) return *stop;

    SearchRequest request;
    request.query = join(operands(spec, values));
    request.match_any = values["any"].as<bool>();
    if (values.count("like")) request.like = values["like"].as<std::string>();
    const auto clamp = [](std::uint64_t n) {
        using Doccount = decltype(SearchRequest::limit);
        return static_cast<Doccount>(
            std::min<std::uint64_t>(n, std::numeric_limits<Doccount>::max()));
    };
    request.limit = clamp(values["limit"].as<Count>().value);
    request.offset = clamp(values["offset"].as<Count>().value);
    request.exact = !values["estimate"].as<bool>();
    request.facet_limit = values["facet-limit"].as<Count>().value;
    const auto sort = parse_sort(values["sort"].as<std::string>());
    if (!sort) return usage_error(spec, "--sort must be relevance, date or -date");
    request.sort = *sort;
    const auto facets = parse_facets(values["facets"].as<std::string>());
    if (!facets)
        return usage_error(spec,
                           "--facets takes a comma-separated list of person, org, place, date");
    request.facets = *facets;

    std::string format = values["json"].as<bool>() ? "json" : values["format"].as<std::string>();
    if (format != "text" && format != "json" && format != "jsonl" && format != "csv")
        return usage_error(spec, "--format must be text, json, jsonl or csv");
    const bool count_only = values["count"].as<bool>();
    const bool ids_only = values["ids"].as<bool>();
    if (count_only && ids_only) return usage_error(spec, "--count and --ids exclude each other");
    if (count_only) request.limit = 0;
    if (count_only || ids_only || format == "jsonl" || format == "csv") request.facets.clear();
    const std::string color = values["color"].as<std::string>();
    if (color != "auto" && color != "always" && color != "never")
        return usage_error(spec, "--color must be auto, always or never");
    const bool bold = color == "always" || (color == "auto" && isatty(STDOUT_FILENO));

    const auto db = database_path(values.count("db") ? std::optional(values["db"].as<std::string>())
                                                     : std::nullopt);
    bool opened = false;
    try {
        NewsSearcher searcher = open_searcher(db);
        opened = true;
        if (const std::string warning = searcher.schema_warning(); !warning.empty())
            std::cerr << spec.name << ": warning: " << warning << '\n';
        const SearchResponse response = searcher.search(request);
        if (count_only)
            std::cout << response.total << '\n';
        else if (ids_only)
            cli::print_ids(std::cout, response);
        else if (format == "json")
            cli::print_json(std::cout, request, response);
        else if (format == "jsonl")
            cli::print_jsonl(std::cout, response);
        else if (format == "csv")
            cli::print_csv(std::cout, response);
        else
            cli::print_text(std::cout, request, response, bold);
        return exit_code::kOk;
    } catch (const Error& e) {
        // Once the index is open, "not found" is the liked article, and bad input can only
        // be the query's.
        if (e.kind() == ErrorKind::not_found && opened) return report_error(spec, e);
        if (e.kind() == ErrorKind::bad_input && opened)
            return usage_error(spec, "cannot parse query '" + request.query + "': " + e.what());
        return report_index_error(spec, e);
    } catch (const std::exception& e) {
        return usage_error(spec, e.what());
    }
}

int run_help(int argc, char** argv) {
    const CommandSpec spec = search_spec();
    if (argc > 1)
        return usage_error(spec,
                           "help takes no arguments (to search for words that start with help, "
                           "put -- before them: newssearch -- help ...)");
    // The search command's --help is the whole program's help.
    po::options_description options("Options");
    search_options(options);
    po::variables_map values;
    std::string program = argv[0], help = "--help";
    char* help_argv[] = {program.data(), help.data(), nullptr};
    return parse_command_line(2, help_argv, spec, options, values).value_or(exit_code::kOk);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> args(argv, argv + argc);
    const Command* command = &kDefaultCommand;
    if (const int word = command_word(argc, argv)) {
        command = find_command(argv[word]);
        args.erase(args.begin() + word);
    }
    return command->run(static_cast<int>(args.size()), args.data());
}
