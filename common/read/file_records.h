// Files that hold many articles, read one record at a time: the lines of a JSON Lines
// file, the members of a zip or tar archive, the response records of a WARC, the
// messages of a mailbox. A build
// reads the records in bounded memory, compares each record's state with the one the
// index keeps (schema::kRecordSlot) and writes only the records that changed; records
// that are gone leave the index.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/base/article.h"
#include "common/read/article_origin.h"
#include "common/read/article_reader.h"

namespace newsindex {

struct FileRecord {
    // Names the record within its file, the same from one run to the next: a line number,
    // a member's name, a WARC record's position. Never used as a path.
    std::string key;
    // The id of the article it gives ("file#12", "bundle.zip!/2010/04/story.html"), or of
    // its articles, "#N" appended, when its content holds several.
    std::string id;
    ArticleFormat format = ArticleFormat::text;  // how its bytes are read
    std::string bytes;
    std::string truncation;  // why the bytes stop short, empty if whole
    // What the container says of it: a WARC's target URI (which the article takes), and
    // a date for when the content has none (WARC-Date).
    std::string url;
    std::optional<Date> date;
    std::string date_source;
    std::size_t line = 0;  // JSON Lines: the physical line
    // How messages name it within the file ("member 2010/a.html", "record 7"); empty for
    // the one file a compressed stream holds.
    std::string label;
};

class RecordReader {
public:
    virtual ~RecordReader() = default;
    // The next record; nothing at the end. Throws Error when the file cannot be read on
    // (damage, truncation: the records before stay good).
    virtual std::optional<FileRecord> next() = 0;
    // Problems that did not stop the file (a skipped member...), once next() is at the end.
    virtual std::vector<std::string> warnings() const = 0;
    // The content hash (content_hash.h) of the file's bytes, once next() is at the end.
    virtual std::string content_hash() const = 0;
};

// True for the formats a build reads record by record (JSON Lines, archives, WARC,
// mailboxes).
bool is_record_format(ArticleFormat format);

// A reader of the file's records; nothing when this file is read whole after all (a JSON
// Lines file that is not plain UTF-8, an e-mail file that is one message). Throws Error (io) when
// it cannot be opened, (bad_input) when it is no container libarchive knows.
std::unique_ptr<RecordReader> open_records(const ArticleOrigin& origin);

// The articles of one record, finished as parse_file finishes a file's (path, a date
// from the path, repaired fields); none, with warnings, when it holds no article.
// Warnings name the record ("line 3: ...", "member a.html: ...").
std::vector<Article> parse_record(const FileRecord& record, const ArticleOrigin& origin,
                                  std::vector<std::string>& warnings);

// What the index stores of a record (schema::kRecordSlot) to tell whether it changed:
// its key, ' ', the hash of its bytes (and of `extra`, what else decides its articles,
// such as a metadata row).
std::string record_state(const FileRecord& record, std::string_view extra = {});
// The key a record state names.
std::string_view record_state_key(std::string_view state);

}  // namespace newsindex
