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
#include "common/cli/near_miss.h"
#include "common/search/search.h"
#include "searcher/alert.h"
#include "searcher/entity.h"
#include "searcher/output.h"
#include "searcher/serve.h"

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
void show_options(po::options_description& options);
int run_show(int argc, char** argv);

constexpr Command kCommands[] = {
    {"search", "QUERY...", "the same as newssearch QUERY...", search_options, run_search},
    {"show", "ID", "one article whole, the query's words marked (see show --help)", show_options,
     run_show},
    {"entity", "KIND NAME...",
     "an entity: its months, other names, names with it, newest articles (see entity --help)",
     cli::entity_options, cli::run_entity},
    {"serve", "", "serve the search page and a JSON API (see serve --help)", cli::serve_options,
     cli::exec_serve},
    {"alert", "NAME QUERY...",
     "print the matches new since this alert's last run (see alert --help)", cli::alert_options,
     cli::run_alert},
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
            "Searches the news index: the best matches first (BM25), each with a snippet, then\n"
            "the people, organizations, places and dates of all the matches.\n\n"
            "Query syntax:\n"
            "  Bakiyev extradition       every word (--any: any of them); a lower-case word\n"
            "                            also finds its other forms (extradited)\n"
            "  Bakiyev OR Akayev         either; also AND, NOT, XOR, and ( ) to group\n"
            "  +Bakiyev -Minsk           Bakiyev required, Minsk excluded\n"
            "  \"interim government\"      the words as a phrase, in this order\n"
            "  Bakiyev NEAR extradition  within 10 words of each other (NEAR/3: within 3)\n"
            "  extradition ADJ treaty    the same in this order (ADJ/2: within 2)\n"
            "  extradit*                 words that start with extradit\n"
            "  title:refuge              a word of the title\n"
            "  person:Bakiyev            naming the person (any word of the name), the\n"
            "  org:\"European Union\"      organization, the place or the source; quote a\n"
            "  place:Minsk  source:VOA   name of several words; case does not matter\n"
            "  date:2010  date:2010-04  date:2010-04-20\n"
            "                            dated in that year, month or day\n"
            "  date:2010-04-01..2010-04-30  date:2010..  date:..2010-04-20\n"
            "                            a range of dates, open at either end\n\n"
            "Dates for --since and --until (both included): 2010-04-20; 2010-04 or 2010 (from\n"
            "the first or to the last day of it); today, yesterday; or how long ago: 7d, 2w,\n"
            "3m, 1y (days, weeks, months, years), by the calendar of the local time zone.\n\n"
            "Spelling: misspelt words get \"Did you mean\" with the words the index knows, and\n"
            "when nothing matches, the results of the suggestion (--no-correct: never).\n\n"
            "Commands: the first word after the options names one, unless -- comes before it\n"
            "(newssearch -- help desk searches for \"help desk\").\n" +
                commands,
            "Examples:\n"
            "  newssearch \"Bakiyev extradition\"\n"
            "  newssearch 'person:Bakiyev date:2010-04' --sort -date\n"
            "  newssearch 'interest rates' --since 1987-03 --until 1987-04-15\n"
            "  newssearch 'place:Belarus' --since 7d --limit 0 --facets person,org\n"
            "  newssearch 'oil prices' --limit 0 --facet-order notable\n"
            "  newssearch 'place:Minsk' \\\n"
            "      --like 2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt\n"
            "  newssearch Bakiyev --explain\n"
            "  newssearch oil --format csv --fields rank,date,id,title --limit 100\n"
            "  newssearch 'person:\"James Baker\"' --collapse\n"
            "  newssearch --story 70b719cec78b8c77\n"
            "Output: text for people; --json one document (query, total, hits, facets,\n"
            "suggestion); --format jsonl one hit per line; --format csv a header line, then a\n"
            "line per hit. --fields picks the hit fields of those three from rank, id, path,\n"
            "title, subtitle, date, source, url, language, author, score, percent, snippet,\n"
            "entities, story, story_size, explain. --collapse shows one hit per story (the\n"
            "versions of one article, found when it was indexed) and counts the stories;\n"
            "--story ID lists one story's versions, oldest first, each with what it changed.\n"
            "--count prints the number of matches, --ids their ids.\n"
            "Facets: --facet-order notable ranks names by how much more often the matches\n"
            "name them than the whole archive does: with fg = count / matches and bg =\n"
            "articles naming it / all articles, score = (fg - bg) * fg / bg when fg > bg,\n"
            "else 0 (Elasticsearch's JLH); names in fewer than 3 matches come last. JSON\n"
            "gives each value's \"score\". --facets-by story counts each story once for a\n"
            "value any of its matching versions has (slower: it reads every match).\n"
            "Database: --db, else $NEWSINDEX_DB, else "
            "${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
            "Exit codes: 0 ok (also when nothing matches), 2 bad option, bad query or no index,\n"
            "74 the index could not be read.\n",
            "query"};
}

// Where argv holds the first word after the options, as Boost reads them (it decides
// which words are option values). 0 when there is none before a "--" that ends the
// options.
int first_operand(int argc, char** argv) {
    // Without Boost where the words say it: a first word that is no option is the first
    // operand (`newssearch QUERY`), and with every word an option there is none
    // (`--version`, `--help`). Describing every command's options costs more than the
    // rest of such a run.
    if (argc > 1 && argv[1][0] != '-') return 1;
    if (std::all_of(argv + 1, argv + argc, [](const char* word) { return word[0] == '-'; }))
        return 0;
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
            if (option.string_key == "operand") return word;
            word += static_cast<int>(option.original_tokens.size());
        }
    } catch (const po::error&) {
        // The default command's parser reports the mistake as it always has.
    }
    return 0;
}

// A query whose first word is one edit from a command word ("serv", "server") is
// searched as asked, with a note on stderr: the user may have meant the command. Only
// commands with options of their own are named, so that searches for "held" or "hello"
// stay quiet.
void hint_near_miss_command(const char* word) {
    constexpr std::string_view kHinted[] = {"serve"};
    if (const auto nearest = nearest_name(word, kHinted, 1))
        std::cerr << "newssearch: note: '" << one_line(word)
                  << "' is read as a search word; did you mean the command 'newssearch " << *nearest
                  << "'? (put -- before the query to search without this note)\n";
}

void search_options(po::options_description& options) {
    options.add_options()("db", po::value<std::vector<std::string>>()->composing(),
                          "index location; repeat to search several as one")(
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
        "facets", po::value<std::string>()->default_value("all"),
        "facets to count: all, none, or some of person,org,place,date,language")(
        "facet-limit", po::value<Count>()->default_value({10}, "10"), "values shown per facet")(
        "facet-order", po::value<std::string>()->default_value("count"),
        "count (most matches first) or notable (most over-represented in the matches)")(
        "facets-by", po::value<std::string>()->default_value("article"),
        "what facets count: article, or story (each story once, however many versions match)")(
        "color", po::value<std::string>()->default_value("auto"),
        "mark hits in bold: auto, always, never")("since", po::value<std::string>(),
                                                  "only articles dated DATE or later (see Dates)")(
        "until", po::value<std::string>(), "only articles dated DATE or earlier")(
        "explain", po::bool_switch(), "show the weight each query term gives each hit")(
        "story", po::value<std::string>(),
        "the versions of this story (an id from a hit), oldest first, with what each changed")(
        "collapse", po::bool_switch(),
        "one hit per story (versions of one article), with its number of versions")(
        "fields", po::value<std::string>(),
        "hit fields of json, jsonl and csv output, comma-separated (see Output)")(
        "no-correct", po::bool_switch(),
        "when nothing matches, do not search the spelling suggestion instead");
}

// The date of --since (the first day of a period) or --until (its last day); nothing
// after printing the usage error.
std::optional<std::optional<Date>> user_date(const CommandSpec& spec,
                                             const po::variables_map& values, const char* option,
                                             PeriodEnd end, const Date& today) {
    if (!values.count(option)) return std::optional<Date>();
    const std::string text = values[option].as<std::string>();
    if (const auto date = parse_user_date(text, today, end)) return date;
    usage_error(spec, "invalid date '" + text + "' for --" + option + " (use " +
                          std::string(kUserDateForms) + ")");
    return std::nullopt;
}

std::optional<SortOrder> parse_sort(const std::string& s) {
    if (s == "relevance") return SortOrder::relevance;
    if (s == "date") return SortOrder::date_ascending;
    if (s == "-date") return SortOrder::date_descending;
    return std::nullopt;
}

std::optional<std::vector<std::string>> parse_facets(const std::string& list) {
    std::vector<std::string> facets;
    if (list == "all") return std::vector<std::string>(kFacetNames.begin(), kFacetNames.end());
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

// The search, with --like's id as typed, else as printable() printed it: ids that are not
// UTF-8 show as \xNN in the text, --ids and CSV outputs.
SearchResponse search_liked_as_printed(NewsSearcher& searcher, SearchRequest& request) {
    try {
        return searcher.search(request);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::not_found || request.like.empty()) throw;
        const auto unescaped = from_printable(request.like);
        if (!unescaped || *unescaped == request.like) throw;
        SearchRequest again = request;
        again.like = *unescaped;
        try {
            return searcher.search(again);
        } catch (const Error& second) {
            if (second.kind() == ErrorKind::not_found) throw e;  // said as the user typed it
            throw;
        }
    }
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
    if (values.count("story")) {
        // The versions of one story, oldest first: the first is the original.
        request.story = values["story"].as<std::string>();
        if (values["sort"].defaulted()) request.sort = SortOrder::date_ascending;
        if (values["limit"].defaulted()) request.limit = 1000;
    }
    const auto facets = parse_facets(values["facets"].as<std::string>());
    if (!facets)
        return usage_error(spec,
                           "--facets takes a comma-separated list of person, org, place, date, "
                           "language");
    request.facets = *facets;
    const std::string facet_order = values["facet-order"].as<std::string>();
    if (facet_order != "count" && facet_order != "notable")
        return usage_error(spec, "--facet-order must be count or notable");
    request.facet_order = facet_order == "notable" ? FacetOrder::notable : FacetOrder::count;
    const std::string facets_by = values["facets-by"].as<std::string>();
    if (facets_by != "article" && facets_by != "story")
        return usage_error(spec, "--facets-by must be article or story");
    request.facets_by_story = facets_by == "story";
    if (request.facets_by_story && request.facet_order == FacetOrder::notable)
        return usage_error(spec,
                           "--facet-order notable compares article counts: it cannot be "
                           "used with --facets-by story");

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

    const Date today = local_today();
    const auto since = user_date(spec, values, "since", PeriodEnd::first, today);
    if (!since) return exit_code::kUsage;
    const auto until = user_date(spec, values, "until", PeriodEnd::last, today);
    if (!until) return exit_code::kUsage;
    if (*since && *until && **since > **until)
        return usage_error(
            spec, "--since " + (*since)->iso() + " comes after --until " + (*until)->iso());
    request.since = *since;
    request.until = *until;
    request.explain = values["explain"].as<bool>() && !count_only && !ids_only;
    request.collapse = values["collapse"].as<bool>();
    if (values.count("fields")) {
        if (format == "text" || count_only || ids_only)
            return usage_error(spec, "--fields applies to --format json, jsonl and csv");
        try {
            request.fields = parse_hit_fields(values["fields"].as<std::string>());
        } catch (const Error& e) {
            return usage_error(spec, std::string("--fields: ") + e.what());
        }
    }
    // Scripts' outputs have no place to say that the results are another query's.
    request.spelling = count_only || ids_only || format == "jsonl" || format == "csv"
                           ? Spelling::off
                       : values["no-correct"].as<bool>() ? Spelling::suggest
                                                         : Spelling::correct;
    std::vector<std::string> fields = request.fields;
    if (fields.empty() && format == "csv") {
        fields = default_csv_fields();
        if (request.explain) fields.emplace_back("explain");
    } else if (fields.empty()) {
        fields = default_json_fields(request.explain);
    }

    const auto databases = database_paths(values);
    bool opened = false;
    try {
        NewsSearcher searcher = open_searcher(databases);
        opened = true;
        if (const std::string warning = searcher.schema_warning(); !warning.empty())
            std::cerr << spec.name << ": warning: " << warning << '\n';
        const SearchResponse response = search_liked_as_printed(searcher, request);
        for (const auto& warning : response.warnings)
            std::cerr << spec.name << ": warning: " << one_line(warning) << '\n';
        if (count_only)
            std::cout << response.total << '\n';
        else if (ids_only)
            cli::print_ids(std::cout, response);
        else if (format == "json")
            cli::print_json(std::cout, request, response);
        else if (format == "jsonl")
            cli::print_jsonl(std::cout, response, fields);
        else if (format == "csv")
            cli::print_csv(std::cout, response, fields);
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

void show_options(po::options_description& options) {
    options.add_options()("db", po::value<std::vector<std::string>>()->composing(),
                          "index location; repeat to search several as one")(
        "query,q", po::value<std::string>()->default_value(""),
        "mark the words of this query in the text")("any", po::bool_switch(),
                                                    "the query matches any of its words")(
        "related", po::value<Count>()->default_value({5}, "5"),
        "titles of articles like this one to list (0: none)")(
        "json", po::bool_switch(), "print one JSON document, the marks as byte spans")(
        "color", po::value<std::string>()->default_value("auto"),
        "mark the query's words in bold: auto, always, never");
}

CommandSpec show_spec() {
    return {"newssearch show", "ID",
            "Shows one article of the index whole, by its id (or path) as a hit shows it:\n"
            "title, date, source (else the folder it came from), author, URL or path, the\n"
            "stored text with the words of --query marked, its people, organizations and\n"
            "places, and the titles of articles like it. --json gives the same as the page's\n"
            "/api/article: the marks as [begin, end) byte offsets into the UTF-8 text, and\n"
            "each entity mention with the kind and name of its entity.",
            "Examples:\n"
            "  newssearch show reuters/reut2-000.sgm#12\n"
            "  newssearch show --json -q 'Bakiyev extradition' 2010/04/20/refuge.txt\n"
            "Database: --db, else $NEWSINDEX_DB, else "
            "${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
            "Exit codes: 0 ok, 2 bad option, bad query, no article with that id or no index,\n"
            "74 the index could not be read.\n",
            "id"};
}

int run_show(int argc, char** argv) {
    const CommandSpec spec = show_spec();
    po::options_description options("Options");
    show_options(options);
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, spec, options, values)) return *stop;
    const auto ids = operands(spec, values);
    if (ids.size() != 1) return usage_error(spec, "show takes one article id");
    ArticleRequest request;
    request.id = ids.front();
    request.query = values["query"].as<std::string>();
    request.match_any = values["any"].as<bool>();
    request.related = static_cast<decltype(ArticleRequest::related)>(
        std::min<std::uint64_t>(values["related"].as<Count>().value, 100));
    const std::string color = values["color"].as<std::string>();
    if (color != "auto" && color != "always" && color != "never")
        return usage_error(spec, "--color must be auto, always or never");
    const bool bold = color == "always" || (color == "auto" && isatty(STDOUT_FILENO));
    const auto databases = database_paths(values);
    bool opened = false;
    try {
        NewsSearcher searcher = open_searcher(databases);
        opened = true;
        ArticleView view;
        try {
            view = searcher.article(request);
        } catch (const Error& e) {
            // An id printed with \xNN escapes (printable()) names the article it was printed for.
            const auto unescaped = from_printable(request.id);
            if (e.kind() != ErrorKind::not_found || !unescaped || *unescaped == request.id) throw;
            ArticleRequest again = request;
            again.id = *unescaped;
            view = searcher.article(again);
        }
        if (values["json"].as<bool>())
            cli::print_article_json(std::cout, view);
        else
            cli::print_article_text(std::cout, view, bold);
        return exit_code::kOk;
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::not_found && opened) {
            std::cerr << spec.name << ": no article " << printable(request.id) << " in the index\n";
            return exit_code::kUsage;
        }
        if (e.kind() == ErrorKind::bad_input && opened)
            return usage_error(spec, "cannot parse query '" + request.query + "': " + e.what());
        return report_index_error(spec, e);
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
    // The first word after the options names the command, else starts a query.
    if (const int word = first_operand(argc, argv); word != 0) {
        if (const Command* named = find_command(argv[word])) {
            command = named;
            args.erase(args.begin() + word);
        } else {
            hint_near_miss_command(argv[word]);
        }
    }
    return command->run(static_cast<int>(args.size()), args.data());
}
