// newsindex status / newsindex check
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/index/index_health.h"
#include "indexer/commands.h"

namespace newsindex::cli {

namespace po = boost::program_options;

namespace {

const CommandSpec kStatusSpec{
    "newsindex status", "",
    "Shows the number of articles, the indexed folders, the last build and the size of the\n"
    "index.",
    "Database: --db, else $NEWSINDEX_DB, else ${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
    "Exit codes: 0 ok, 2 usage error or no index.\n"};

const CommandSpec kCheckSpec{
    "newsindex check", "",
    "Verifies the index: Xapian's own consistency check of every table, then newsindex's\n"
    "invariants (one document per article id, stored fields readable, source files recorded).",
    "Database: --db, else $NEWSINDEX_DB, else ${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
    "Exit codes: 0 healthy, 1 damaged (each problem on its own line), 2 usage error or no "
    "index.\n"};

std::filesystem::path db_from(const po::variables_map& values) {
    return database_path(values.count("db") ? std::optional(values["db"].as<std::string>())
                                            : std::nullopt);
}

}  // namespace

int run_status(int argc, char** argv) {
    po::options_description options("Options");
    options.add_options()("db", po::value<std::string>(), "index location")(
        "json", po::bool_switch(), "print JSON");
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, kStatusSpec, options, values)) return *stop;
    const auto db = db_from(values);
    try {
        const IndexStatus status = index_status(db);
        if (values["json"].as<bool>()) {
            const nlohmann::json out = {{"index", db.string()},  {"articles", status.articles},
                                        {"roots", status.roots}, {"last_run", status.last_run},
                                        {"bytes", status.bytes}, {"shards", status.shards}};
            std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            return exit_code::kOk;
        }
        std::cout << "index:    " << db.string() << '\n'
                  << "articles: " << status.articles << '\n'
                  << "size:     " << (status.bytes + 512 * 1024) / (1024 * 1024) << " MB ("
                  << status.bytes << " bytes)\n";
        if (status.shards > 1) std::cout << "shards:   " << status.shards << '\n';
        for (const auto& root : status.roots) std::cout << "root:     " << root << '\n';
        if (status.last_run.is_object()) {
            const auto& run = status.last_run;
            std::cout << "last run: " << run.value("start", "?") << " to " << run.value("end", "?")
                      << ", " << run.value("result", "?") << ": " << run.value("indexed", 0)
                      << " articles indexed, " << run.value("unchanged", 0) << " files unchanged, "
                      << run.value("removed_files", 0) << " removed, " << run.value("failed", 0)
                      << " failed\n";
        } else {
            std::cout << "last run: none recorded\n";
        }
        return exit_code::kOk;
    } catch (const Error& e) {
        return report_index_error(kStatusSpec, e);
    }
}

int run_check(int argc, char** argv) {
    po::options_description options("Options");
    options.add_options()("db", po::value<std::string>(), "index location")(
        "quiet,q", po::bool_switch(), "print problems only");
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, kCheckSpec, options, values)) return *stop;
    const auto db = db_from(values);
    try {
        const auto report = check_index(db);
        for (const auto& note : report.notes)
            std::cerr << "newsindex check: note: " << one_line(note) << '\n';
        for (const auto& problem : report.problems)
            std::cerr << "newsindex check: " << one_line(problem) << '\n';
        if (!report.problems.empty()) return exit_code::kSomeFilesFailed;
        if (!values["quiet"].as<bool>())
            std::cout << "newsindex check: " << db.string() << " is healthy\n";
        return exit_code::kOk;
    } catch (const Error& e) {
        // No index at all is a usage error; one that exists but cannot be read is damaged.
        if (e.kind() == ErrorKind::not_found) return report_index_error(kCheckSpec, e);
        std::cerr << "newsindex check: " << printable(e.what()) << '\n';
        return exit_code::kSomeFilesFailed;
    }
}

}  // namespace newsindex::cli
