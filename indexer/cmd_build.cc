// newsindex build DIR...
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/index/alias_file.h"
#include "common/index/index_build.h"
#include "common/ner/entity_extractor.h"
#include "common/read/language.h"
#include "indexer/commands.h"
#include "indexer/terminate_handler.h"

namespace newsindex::cli {

namespace po = boost::program_options;

namespace {

const CommandSpec kSpec{
    "newsindex build", "[DIR...]",
    "Indexes the news articles under each DIR (text, HTML, JSON, JSON Lines) with their\n"
    "named entities. Run it again to bring the index up to date: only new and changed\n"
    "files are read, and articles of deleted files are removed once DIR was walked\n"
    "completely. Other folders indexed into the same database are left alone; without\n"
    "DIR, every folder the index holds is updated.",
    "Database: --db, else $NEWSINDEX_DB, else ${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
    "Exit codes: 0 ok, 1 some files or folders could not be read, 2 usage error or an\n"
    "unusable index, 74 a write failed (disk full), 75 the index is locked by another run,\n"
    "77 no permission to write the index, 130/143 stopped by SIGINT/SIGTERM (after\n"
    "committing what was done).\n",
    "roots"};

// More reading threads than any machine has cores only costs memory.
constexpr std::size_t kMaxJobs = 256;

// Set by SIGINT/SIGTERM: the build stops after the current file and commits.
std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void request_stop(int signal) {
    g_signal = signal;
    g_stop.store(true);
    std::signal(signal, SIG_DFL);  // a second signal ends the process at once
}

// Shows problems on stderr and, on a terminal, a progress line that rewrites itself.
class ConsoleObserver : public BuildObserver {
public:
    ConsoleObserver(bool quiet, bool verbose)
        : quiet_(quiet), verbose_(verbose), tty_(!quiet && isatty(STDERR_FILENO)) {}

    void problem(const std::filesystem::path& where, const std::string& message,
                 bool failed) override {
        if (quiet_ && !failed) return;
        clear_progress();
        std::cerr << "newsindex: " << printable(where.string()) << ": " << one_line(message)
                  << '\n';
    }

    void skipped(const std::filesystem::path& file, const std::string& reason) override {
        if (!verbose_) return;
        clear_progress();
        std::cerr << "newsindex: " << printable(file.string()) << ": skipped: " << reason << '\n';
    }

    void progress(const BuildStats& stats) override {
        show_progress("%zu files, %zu articles indexed...", stats.files, stats.articles_indexed);
    }

    void learning_entities(std::size_t files) override {
        show_progress("%zu files read for their entities...", files);
    }

    void clear_progress() {
        if (!progress_shown_) return;
        std::fputs("\r\033[K", stderr);
        progress_shown_ = false;
    }

private:
    // One line, redrawn at most four times a second, on a terminal only.
    template <typename... Args>
    void show_progress(const char* format, Args... args) {
        if (!tty_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_progress_ < std::chrono::milliseconds(250)) return;
        last_progress_ = now;
        std::fputs("\r\033[K", stderr);
        std::fprintf(stderr, format, args...);
        std::fflush(stderr);
        progress_shown_ = true;
    }

    bool quiet_;
    bool verbose_;
    bool tty_;
    bool progress_shown_ = false;
    std::chrono::steady_clock::time_point last_progress_{};
};

std::string summary_line(const BuildStats& stats, const std::filesystem::path& db, bool full) {
    std::ostringstream out;
    out << "newsindex: " << stats.articles_read << " articles read, " << stats.articles_indexed
        << " indexed, " << stats.files_unchanged << " files unchanged, " << stats.files_removed
        << " removed, " << stats.files_skipped() << " skipped";
    if (!stats.skipped.empty()) {
        out << " (";
        const char* separator = "";
        for (const auto& [reason, count] : stats.skipped) {
            out << separator << count << ' ' << reason;
            separator = ", ";
        }
        out << ')';
    }
    out << ", " << stats.files_failed << " failed";
    if (stats.roots_failed > 0) out << ", " << stats.roots_failed << " folders unreadable";
    if (stats.roots_incomplete > 0)
        out << ", " << stats.roots_incomplete << " folders read in part";
    out << ", in " << std::fixed;
    out.precision(1);
    out << stats.seconds << " s (" << db.string() << ")";
    if (stats.interrupted)
        out << (full ? "; interrupted: the rebuild was abandoned and the index left as it was"
                     : "; interrupted, run again to finish");
    return out.str();
}

// The options with every folder the index holds added to the ones named: a rebuild the
// user did not ask for must not drop the articles of folders left out of this run.
BuildOptions with_indexed_roots(BuildOptions options) {
    std::set<std::filesystem::path> seen;
    for (const auto& root : options.roots) seen.insert(std::filesystem::weakly_canonical(root));
    for (const auto& root : indexed_roots(options.database))
        if (seen.insert(root).second) options.roots.push_back(root);
    return options;
}

// How many of `roots` cannot be read at all, each said on stderr as the build says it.
std::size_t unreadable_roots(const std::vector<std::filesystem::path>& roots) {
    std::size_t unreadable = 0;
    for (const auto& root : roots) {
        std::error_code ec;
        if (std::filesystem::exists(std::filesystem::status(root, ec))) continue;
        ++unreadable;
        std::cerr << "newsindex: " << printable(root.string()) << ": cannot read: " << ec.message()
                  << '\n';
    }
    return unreadable;
}

// A first build whose folders are all missing leaves no empty index behind, which later
// searches would take for a real one.
int nothing_to_index(const std::filesystem::path& database) {
    std::cerr << "newsindex: nothing to index; no index was created at "
              << printable(database.string()) << '\n';
    return exit_code::kSomeFilesFailed;
}

}  // namespace

int run_build(int argc, char** argv) {
    po::options_description options("Options");
    options.add_options()("db", po::value<std::string>(), "index location")(
        "quiet,q", po::bool_switch(), "print errors only")("verbose,v", po::bool_switch(),
                                                           "also name each file skipped, and why")(
        "model", po::value<std::string>(), "entity model file (default: the shipped model)")(
        "no-entities", po::bool_switch(), "index text only, without entity facets")(
        "verify", po::bool_switch(), "compare file contents, not just size and time")(
        "language", po::value<std::string>()->default_value("en"),
        "ISO 639-1 code of articles whose language is unknown (short or mixed text)")(
        "full", po::bool_switch(),
        "rebuild from scratch into a new index, then switch to it atomically")(
        "wait", po::value<Count>()->default_value({0}, "0"),
        "seconds to wait for another run's lock")(
        "batch", po::value<Count>()->default_value({2000}, "2000"), "articles per commit")(
        "jobs,j", po::value<Count>()->default_value({0}, "0"),
        "threads reading and tagging files (0: one per core)")(
        "shards", po::value<Count>()->default_value({0}, "0"),
        "make a new index (or, with --full, remake one) of N shard databases written in "
        "parallel")("aliases", po::value<std::vector<std::string>>()->composing(),
                    "a curated alias file read after the shipped one and "
                    "~/.config/newsindex/aliases.tsv (repeatable)")(
        "meta", po::value<std::vector<std::string>>()->composing(),
        "a metadata table (TSV, or CSV by its .csv name) whose date, title, source, url and "
        "author columns go over what the readers find, for the articles its file or id "
        "column names (repeatable; give it on every run, or name it newsindex-meta.tsv "
        "beside the articles)");
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, kSpec, options, values)) return *stop;
    BuildOptions build;
    build.database = database_path(
        values.count("db") ? std::optional(values["db"].as<std::string>()) : std::nullopt);
    if (const auto roots = operands(kSpec, values); !roots.empty()) {
        build.roots.assign(roots.begin(), roots.end());
    } else {
        // Without folders, update every folder the index already holds (handy in cron).
        try {
            build.roots = indexed_roots(build.database);
        } catch (const Error&) {
            // No index, or none readable: nothing recorded to update.
        }
        if (build.roots.empty()) return usage_error(kSpec, "no folder to index (see --help)");
    }
    const bool full = values["full"].as<bool>();
    build.batch_size = std::max<std::size_t>(1, values["batch"].as<Count>().value);
    build.verify = values["verify"].as<bool>();
    build.default_language = values["language"].as<std::string>();
    if (!is_language_code(build.default_language))
        return usage_error(kSpec, "--language must be an ISO 639-1 code such as en or fr");
    build.jobs = values["jobs"].as<Count>().value;
    if (build.jobs > kMaxJobs)
        return usage_error(kSpec, "--jobs must be 0 to 256 (0: one per core)");
    build.shards = values["shards"].as<Count>().value;
    if (values.count("meta"))
        for (const auto& table : values["meta"].as<std::vector<std::string>>()) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(table, ec))
                return usage_error(kSpec, "--meta " + table + ": no such file");
            build.metadata_tables.emplace_back(table);
        }
    build.stop_requested = &g_stop;
    const auto wait = std::chrono::seconds(values["wait"].as<Count>().value);

    std::optional<LazyEntityExtractor> extractor;
    if (!values["no-entities"].as<bool>()) {
        const auto model = values.count("model")
                               ? std::filesystem::path(values["model"].as<std::string>())
                               : default_model_path();
        // The model itself loads when a file needs tagging; a missing one is said now.
        if (!std::ifstream(model))
            return usage_error(kSpec, model.string() +
                                          ": cannot open NER model (--no-entities indexes "
                                          "without them)");
        build.extractor = &extractor.emplace(model);
    }

    std::vector<std::filesystem::path> alias_files = default_alias_files();
    if (values.count("aliases"))
        for (const auto& file : values["aliases"].as<std::vector<std::string>>())
            alias_files.emplace_back(file);
    try {
        std::vector<AliasLine> lines;
        for (const auto& file : alias_files) {
            auto more = read_alias_file(file);
            lines.insert(lines.end(), more.begin(), more.end());
        }
        AliasList list = resolve_aliases(lines);
        for (const auto& warning : list.warnings) std::cerr << "newsindex: " << warning << '\n';
        build.aliases = std::move(list.aliases);
    } catch (const Error& e) {
        return usage_error(kSpec, e.what());
    }

    if (!std::filesystem::exists(build.database)) {
        if (const auto missing = unreadable_roots(build.roots); missing == build.roots.size())
            return nothing_to_index(build.database);
    }

    const bool quiet = values["quiet"].as<bool>();
    const bool verbose = values["verbose"].as<bool>();
    if (quiet && verbose) return usage_error(kSpec, "--quiet and --verbose exclude each other");
    ConsoleObserver observer(quiet, verbose);
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    const auto give_up = std::chrono::steady_clock::now() + wait;
    report_failures_on_terminate(kSpec.name);
    try {
        BuildStats stats;
        for (;;) {
            try {
                stats = full ? rebuild_index(build, observer) : build_index(build, observer);
                break;
            } catch (const Error& e) {
                if (e.kind() == ErrorKind::outdated) {
                    // An index from an older newsindex: the index is derived data, so a
                    // cron run after an upgrade rebuilds it rather than failing every time.
                    if (!quiet) std::cerr << "newsindex: " << e.what() << "; rebuilding it\n";
                    stats = rebuild_index(with_indexed_roots(build), observer);
                    break;
                }
                if (e.kind() != ErrorKind::locked || std::chrono::steady_clock::now() >= give_up ||
                    g_stop.load())
                    throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
        }
        observer.clear_progress();
        if (!quiet || stats.failed() || stats.interrupted)
            std::cout << summary_line(stats, build.database, full) << '\n';
        if (stats.interrupted)
            return g_signal == SIGTERM ? exit_code::kTerminated : exit_code::kInterrupted;
        return stats.failed() ? exit_code::kSomeFilesFailed : exit_code::kOk;
    } catch (const Error& e) {
        observer.clear_progress();
        return report_error(kSpec, e);
    }
}

}  // namespace newsindex::cli
