#include "common/index/index_health.h"

#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

#include "common/base/error.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_terms.h"
#include "common/index/facet_columns.h"
#include "common/index/facet_values.h"
#include "common/index/index_metadata.h"
#include "common/index/index_open.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/index/stored_article.h"
#include "common/index/story_check.h"
#include "common/index/xapian_error.h"

namespace newsindex {

namespace {

std::uintmax_t disk_usage(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::file_size(path, ec);
    std::uintmax_t bytes = 0;
    for (std::filesystem::recursive_directory_iterator it(path, ec), end; !ec && it != end;
         it.increment(ec))
        if (it->is_regular_file(ec)) bytes += it->file_size(ec);
    return bytes;
}

// A sharded index's stub and the shards it names: not what else is in its folder (the
// copy a killed compaction left, say).
std::uintmax_t index_disk_usage(const std::filesystem::path& path) {
    if (!is_sharded_index(path)) return disk_usage(path);
    std::uintmax_t bytes = disk_usage(path / kShardStubName);
    for (const auto& shard : shard_paths(path)) bytes += disk_usage(shard);
    return bytes;
}

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

void check_documents(const Xapian::Database& db, std::vector<std::string>& problems) {
    constexpr std::size_t kMaxReported = 20;
    const auto report = [&problems](std::string problem) {
        if (problems.size() < kMaxReported) problems.push_back(std::move(problem));
    };
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::docid id = *it;
        const Xapian::Document doc = db.get_document(id);
        int id_terms = 0;
        bool file_term = false;
        std::set<std::string> terms;
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
            const std::string& t = *term;
            terms.insert(t);
            if (starts_with(t, schema::kIdPrefix) && t.size() > 1 && t[1] == '/') {
                ++id_terms;
                if (db.get_termfreq(t) != 1)
                    report("id term " + t + " is shared by several articles");
            } else if (starts_with(t, schema::kFilePrefix)) {
                file_term = true;
            }
        }
        const std::string where = "document " + std::to_string(id);
        // A facet counts what its filter finds: every facet name has its filter term.
        bool facets_filtered = true;
        for_each_packed_facet(doc.get_value(schema::kEntityFacetsSlot),
                              [&](EntityKind kind, std::string_view name) {
                                  const std::string term = entity_terms(kind, name).term;
                                  if (!term.empty() && !terms.contains(term))
                                      facets_filtered = false;
                              });
        if (!facets_filtered)
            report(where + " has a facet name its filter would not find (no entity term)");
        if (id_terms != 1)
            report(where + " has " + std::to_string(id_terms) + " id terms, expected 1");
        if (!file_term || doc.get_value(schema::kFileKeySlot).empty())
            report(where + " does not record its source file");
        try {
            const Article article = decode_stored_article(doc.get_data());
            if (article.id.empty() || article.path.empty())
                report(where + " lacks its stored id or path");
        } catch (const std::exception& e) {
            report(where + ": stored fields unreadable: " + e.what());
        }
    }
}

// Xapian's table check, then the project's invariants.
// Xapian's own check of every table. It opens the tables read/write, so it cannot run on
// an index the user may not write.
void check_database_tables(const std::filesystem::path& path, const std::string& name,
                           CheckReport& report) {
    if (::access(path.c_str(), W_OK) != 0) {
        report.notes.push_back("Xapian's table check skipped: it needs write access to " +
                               path.string());
        return;
    }
    try {
        std::ostringstream details;
        const auto errors =
            Xapian::Database::check(path.string(), Xapian::DBCHECK_SHORT_TREE, &details);
        if (errors > 0)
            report.problems.push_back("Xapian found " + std::to_string(errors) + " errors in " +
                                      name + "'s tables");
    } catch (const Xapian::Error& e) {
        report.problems.push_back("Xapian's check of " + name + " failed: " + e.get_description());
    }
}

// The entity lookups a query filter reads must be those of the database's entity table.
void check_entity_lookup(const Xapian::Database& db, const std::string& name, CheckReport& report) {
    const EntityTable table =
        EntityTable::unserialise(db.get_metadata(std::string(schema::kEntityLinksKey)));
    if (stored_entity_lookup(db) != entity_lookup_entries(table))
        report.problems.push_back("the entity lookups of " + name +
                                  " differ from its entity table (build --full rebuilds them)");
}

// The facet columns beside a database's tables, when they claim its revision, must give
// each article the names and day its documents hold.
void check_columns(const Xapian::Database& db, const std::filesystem::path& folder,
                   CheckReport& report) {
    FacetColumnsCheck check = check_facet_columns(db, folder);
    for (auto& problem : check.problems) report.problems.push_back(std::move(problem));
    for (auto& note : check.notes) report.notes.push_back(std::move(note));
}

// Each shard's own tables, and whether every article is in the shard its file hashes to
// (a build would not find it anywhere else).
void check_tables(const std::filesystem::path& path, CheckReport& report) {
    if (!is_sharded_index(path)) {
        check_database_tables(path, "the database", report);
        const Xapian::Database db = open_index(path);
        check_entity_lookup(db, "the database", report);
        check_columns(db, path, report);
        return;
    }
    const auto shards = shard_paths(path);
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const std::string name = shards[i].filename().string();
        check_database_tables(shards[i], name, report);
        const Xapian::Database shard = open_index(shards[i]);
        check_entity_lookup(shard, name, report);
        check_columns(shard, shards[i], report);
        Xapian::doccount misplaced = 0;
        for (auto it = shard.valuestream_begin(schema::kFileKeySlot);
             it != shard.valuestream_end(schema::kFileKeySlot); ++it)
            if (shard_of(*it, shards.size()) != i) ++misplaced;
        if (misplaced > 0)
            report.problems.push_back(std::to_string(misplaced) + " articles of " + name +
                                      " belong to another shard");
        const std::string notes(schema::kStoryNotesPrefix);
        if (shard.metadata_keys_begin(notes) != shard.metadata_keys_end(notes))
            report.notes.push_back(name +
                                   " has stories a run did not link across the shards (it was "
                                   "interrupted): the next build links them");
    }
}

// What newsindex itself relies on, beyond Xapian's tables.
void check_invariants(const Xapian::Database& db, CheckReport& report) {
    const auto version = read_metadata(db).schema_version;
    if (schema_state(version) != SchemaState::current)
        report.problems.push_back("schema version is '" + version + "', expected " +
                                  current_schema_version());
    const Xapian::doccount articles = db.get_doccount();
    if (articles == 0) return;
    // Phrase and NEAR queries silently go wrong without the position table.
    if (!db.has_positions())
        report.problems.push_back(
            "the index has no word positions (the position table is missing)");
    Xapian::doccount id_terms = 0;
    const std::string id_prefix(schema::kIdPrefix);
    for (auto it = db.allterms_begin(id_prefix); it != db.allterms_end(id_prefix); ++it)
        if ((*it).size() > 1 && (*it)[1] == '/') ++id_terms;
    if (id_terms != articles)
        report.problems.push_back(std::to_string(articles) + " articles but " +
                                  std::to_string(id_terms) + " article ids");
    if (db.get_value_freq(schema::kFileKeySlot) != articles)
        report.problems.push_back("not every article records its source file");
    check_documents(db, report.problems);
    for (auto& problem : stories::check_stories(db)) report.problems.push_back(std::move(problem));
}

}  // namespace

IndexStatus index_status(const std::filesystem::path& path) {
    const Xapian::Database db = open_index(path);
    return xapian_guard("index " + path.string(), [&] {
        IndexMetadata metadata = read_metadata(db);
        return IndexStatus{db.get_doccount(), std::move(metadata.roots),
                           std::move(metadata.last_run), index_disk_usage(path),
                           is_sharded_index(path) ? shard_paths(path).size() : 1};
    });
}

CheckReport check_index(const std::filesystem::path& path) {
    // Opening here reports a missing or unopenable index as such.
    open_index(path);
    // The rest runs in a child process: on some damage libxapian 1.4 crashes while
    // reading the tables, and a damaged index must give a report, never a crash. The
    // child sends one line per finding: 'P' problem or 'N' note, a tab, the text.
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0)
        throw Error(ErrorKind::io, "cannot check: " + std::string(std::strerror(errno)));
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) throw Error(ErrorKind::io, "cannot check: " + std::string(std::strerror(errno)));
    if (child == 0) {
        ::close(pipe_fds[0]);
        CheckReport report;
        try {
            check_tables(path, report);
            check_invariants(open_index(path), report);
        } catch (const std::exception& e) {
            report.problems.push_back(e.what());
        } catch (const Xapian::Error& e) {
            report.problems.push_back(e.get_description());
        }
        std::string lines;
        for (const auto& [tag, list] : {std::pair{'P', &report.problems}, {'N', &report.notes}})
            for (const auto& line : *list) {
                lines += tag;
                lines += '\t';
                for (const char c : line) lines += c == '\n' ? ' ' : c;
                lines += '\n';
            }
        const ssize_t written = ::write(pipe_fds[1], lines.data(), lines.size());
        ::_exit(written == static_cast<ssize_t>(lines.size()) ? 0 : 1);
    }
    ::close(pipe_fds[1]);
    std::string lines;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        lines.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    CheckReport report;
    std::istringstream in(lines);
    for (std::string line; std::getline(in, line);)
        if (line.size() > 2)
            (line[0] == 'N' ? report.notes : report.problems).push_back(line.substr(2));
    if (WIFSIGNALED(status))
        report.problems.push_back("the check crashed reading the index (signal " +
                                  std::to_string(WTERMSIG(status)) + "): its tables are damaged");
    return report;
}

}  // namespace newsindex
