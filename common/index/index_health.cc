#include "common/index/index_health.h"

#include <xapian.h>

#include <sstream>

#include "common/index/index_metadata.h"
#include "common/index/index_open.h"
#include "common/index/schema.h"
#include "common/index/stored_article.h"
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
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
            const std::string& t = *term;
            if (starts_with(t, schema::kIdPrefix) && t.size() > 1 && t[1] == '/') {
                ++id_terms;
                if (db.get_termfreq(t) != 1)
                    report("id term " + t + " is shared by several articles");
            } else if (starts_with(t, schema::kFilePrefix)) {
                file_term = true;
            }
        }
        const std::string where = "document " + std::to_string(id);
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
std::vector<std::string> check_open_index(const Xapian::Database& db,
                                          const std::filesystem::path& path) {
    std::vector<std::string> problems;
    std::ostringstream xapian_report;
    try {
        const auto errors =
            Xapian::Database::check(path.string(), Xapian::DBCHECK_SHORT_TREE, &xapian_report);
        if (errors > 0)
            problems.push_back("Xapian found " + std::to_string(errors) +
                               " errors in the database tables");
    } catch (const Xapian::Error& e) {
        problems.push_back("Xapian's check failed: " + e.get_description());
        return problems;
    }
    const auto version = read_metadata(db).schema_version;
    if (schema_state(version) != SchemaState::current)
        problems.push_back("schema version is '" + version + "', expected " +
                           current_schema_version());
    check_documents(db, problems);
    return problems;
}

}  // namespace

IndexStatus index_status(const std::filesystem::path& path) {
    const Xapian::Database db = open_index(path);
    return xapian_guard("index " + path.string(), [&] {
        IndexMetadata metadata = read_metadata(db);
        return IndexStatus{db.get_doccount(), std::move(metadata.roots),
                           std::move(metadata.last_run), disk_usage(path)};
    });
}

std::vector<std::string> check_index(const std::filesystem::path& path) {
    const Xapian::Database db = open_index(path);
    return xapian_guard("index " + path.string(), [&] { return check_open_index(db, path); });
}

}  // namespace newsindex
