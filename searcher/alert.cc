#include "searcher/alert.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/search/alert_state.h"
#include "common/search/hit_fields.h"
#include "common/search/search.h"
#include "searcher/output.h"

namespace newsindex::cli {

namespace po = boost::program_options;

namespace {

CommandSpec alert_spec() {
    return {"newssearch alert", "NAME QUERY...",
            "Prints the articles QUERY matches that alert NAME has not reported before, newest\n"
            "first, and then remembers every current match, so that a cron job mails only what\n"
            "is new: a crontab line such as\n"
            "  0 * * * * newssearch alert bakiyev 'Bakiyev extradition'\n"
            "mails each hour's new matches, and nothing when there are none. The first run\n"
            "reports every match (--mark-seen records them without printing). An article that\n"
            "stops matching and matches again is new again. What a run reported is kept in\n"
            "DATABASE.alerts/NAME beside the index, replaced in one step after the report is\n"
            "written: a run that fails before that reports the same articles again next time,\n"
            "so none is ever skipped.",
            "Examples:\n"
            "  newssearch alert minsk 'place:Minsk'\n"
            "  newssearch alert --format jsonl lukashenko 'person:\"Alexander Lukashenko\"'\n"
            "Database: --db, else $NEWSINDEX_DB, else "
            "${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
            "The state sits beside the first --db.\n"
            "Exit codes: 0 ok (with or without new matches), 2 bad option, name or query, or no\n"
            "index, 74 the index could not be read or the report or the state could not be\n"
            "written (the state then stays as it was).\n",
            "words"};
}

std::string join(const std::vector<std::string>& words, std::size_t from) {
    std::string joined;
    for (std::size_t i = from; i < words.size(); ++i)
        joined += (joined.empty() ? "" : " ") + words[i];
    return joined;
}

}  // namespace

void alert_options(po::options_description& options) {
    options.add_options()("db", po::value<std::vector<std::string>>()->composing(),
                          "index location; repeat to search several as one")(
        "any", po::bool_switch(), "match any word instead of every word")(
        "format", po::value<std::string>()->default_value("text"), "text, json, jsonl or csv")(
        "json", po::bool_switch(), "print one JSON document (--format json)")(
        "ids", po::bool_switch(), "print only the new articles' ids, one per line")(
        "fields", po::value<std::string>(), "hit fields of json, jsonl and csv output")(
        "mark-seen", po::bool_switch(), "remember the current matches without printing them")(
        "color", po::value<std::string>()->default_value("auto"),
        "mark hits in bold: auto, always, never");
}

int run_alert(int argc, char** argv) {
    const CommandSpec spec = alert_spec();
    po::options_description options("Options");
    alert_options(options);
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, spec, options, values)) return *stop;
    const auto words = operands(spec, values);
    if (words.size() < 2) return usage_error(spec, "alert takes a NAME and a QUERY");
    const std::string& name = words.front();
    if (!is_alert_name(name))
        return usage_error(
            spec, "alert name '" + name + "': use letters, digits, '.', '_' and '-' (not first)");
    const std::string format =
        values["json"].as<bool>() ? "json" : values["format"].as<std::string>();
    if (format != "text" && format != "json" && format != "jsonl" && format != "csv")
        return usage_error(spec, "--format must be text, json, jsonl or csv");
    const bool ids_only = values["ids"].as<bool>();
    const std::string color = values["color"].as<std::string>();
    if (color != "auto" && color != "always" && color != "never")
        return usage_error(spec, "--color must be auto, always or never");
    const bool bold = color == "always" || (color == "auto" && isatty(STDOUT_FILENO));

    // Every match, newest first, with no snippet: which are new decides what is shown.
    SearchRequest every;
    every.query = join(words, 1);
    every.match_any = values["any"].as<bool>();
    every.limit = std::numeric_limits<decltype(SearchRequest::limit)>::max();
    every.sort = SortOrder::date_descending;
    every.spelling = Spelling::off;
    every.fields = {"id"};
    SearchRequest shown = every;
    shown.fields.clear();
    if (values.count("fields")) {
        if (format == "text" || ids_only)
            return usage_error(spec, "--fields applies to --format json, jsonl and csv");
        try {
            shown.fields = parse_hit_fields(values["fields"].as<std::string>());
        } catch (const Error& e) {
            return usage_error(spec, std::string("--fields: ") + e.what());
        }
    }
    std::vector<std::string> fields = shown.fields;
    if (fields.empty())
        fields = format == "csv" ? default_csv_fields() : default_json_fields(false);

    const auto databases = database_paths(values);
    const auto state_file = alert_state_path(databases.front(), name);
    bool opened = false;
    try {
        const AlertState seen = load_alert_state(state_file);
        NewsSearcher searcher = open_searcher(databases);
        opened = true;
        const SearchResponse all = searcher.search(every);
        std::vector<std::string> matched;
        matched.reserve(all.hits.size());
        decltype(SearchHit::rank) last_new = 0;
        for (const auto& hit : all.hits) {
            matched.push_back(hit.article.id);
            if (!seen.ids.contains(hit.article.id)) last_new = hit.rank;
        }
        if (last_new > 0 && !values["mark-seen"].as<bool>()) {
            // The new ones again, now with what the output shows: only as far as the last.
            shown.limit = last_new;
            SearchResponse report = searcher.search(shown);
            std::erase_if(report.hits,
                          [&](const SearchHit& hit) { return seen.ids.contains(hit.article.id); });
            decltype(SearchHit::rank) rank = 0;
            for (auto& hit : report.hits) hit.rank = ++rank;
            report.total = rank;
            report.total_exact = true;
            report.facets.clear();
            if (ids_only)
                print_ids(std::cout, report);
            else if (format == "json")
                print_json(std::cout, shown, report);
            else if (format == "jsonl")
                print_jsonl(std::cout, report, fields);
            else if (format == "csv")
                print_csv(std::cout, report, fields);
            else
                print_text(std::cout, shown, report, bold);
        }
        // The state moves on only once the report is out.
        std::cout.flush();
        if (!std::cout) {
            std::cerr << spec.name << ": cannot write the report: " << std::strerror(errno)
                      << "; alert " << name << " will report these articles again\n";
            return exit_code::kIoError;
        }
        try {
            save_alert_state(state_file, every.query, matched);
        } catch (const Error& e) {
            std::cerr << spec.name << ": " << e.what() << "; alert " << name
                      << " will report these articles again\n";
            return exit_code::kIoError;
        }
        return exit_code::kOk;
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::bad_input && opened)
            return usage_error(spec, "cannot parse query '" + every.query + "': " + e.what());
        if (opened) return report_error(spec, e);
        return report_index_error(spec, e);
    }
}

}  // namespace newsindex::cli
