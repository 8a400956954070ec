// The one owner of the WritableDatabase during a build.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/index/document_builder.h"

namespace newsindex {

// Another process holds the database's write lock.
class IndexLockedError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The index was written with another schema version than this program's.
class SchemaVersionError : public std::runtime_error {
  public:
    SchemaVersionError(const std::string& what, bool older)
        : std::runtime_error(what), older_(older) {}
    // An older index (or one without a version): a rebuild brings it up to date. A newer
    // one belongs to a newer newsindex and is better left alone.
    bool older() const { return older_; }

  private:
    bool older_;
};

// What the index remembers of a source file, to tell whether it changed.
struct IndexedFile {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;  // empty if the file was indexed without --verify
};

class IndexWriter {
  public:
    // Whether opening checks that the index has this newsindex's schema version.
    enum class SchemaCheck { required, skipped };
    // Opens the database at `path`, creating it (and its parent folders) if needed.
    // Throws IndexLockedError, SchemaVersionError (unless `check` is skipped: a rebuild
    // only holds the old index's lock while it builds the new one), or std::runtime_error
    // with a one-line reason.
    explicit IndexWriter(const std::filesystem::path& path,
                         SchemaCheck check = SchemaCheck::required);
    // Commits what was added: a build that ends by exception keeps its finished work.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // The state recorded for a file key, if any article of the file is indexed.
    std::optional<IndexedFile> indexed_file(const std::string& file_key) const;
    // Replaces every article of the file with `articles`.
    void replace_file(const std::string& file_key, const std::vector<ArticleDocument>& articles);
    void remove_file(const std::string& file_key);
    // The keys of every indexed file under `root` (a canonical root path).
    std::unordered_set<std::string> files_under(const std::string& root) const;

    std::string metadata(std::string_view key) const;
    void set_metadata(std::string_view key, const std::string& value);

    // Makes everything so far durable and visible to searches, atomically.
    void commit();
    // Commits and releases the database and its lock.
    void close();

    Xapian::doccount article_count() const { return db_.get_doccount(); }

  private:
    Xapian::WritableDatabase db_;
};

}  // namespace newsindex
