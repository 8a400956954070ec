// What a build does to one new or changed file away from the database: read it, parse
// its articles, tag their entities and build their documents. Runs on any thread; the
// writer then applies the result.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/index/document_builder.h"
#include "common/index/entity_table.h"
#include "common/index/schema.h"
#include "common/read/article_origin.h"
#include "common/read/file_records.h"

namespace newsindex {

class EntityExtractor;
class TagCache;

// What the index holds of a file, to tell whether it changed.
struct IndexedFile {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;    // empty if the file was indexed without --verify
    std::string metadata_state;  // what the metadata tables said of it (schema::kMetadataSlot)
};

struct FileJob {
    ArticleOrigin origin;
    std::optional<IndexedFile> indexed;  // the index's record of the file, if any
    bool verify = false;                 // compare content hashes, not just size and mtime
};

struct FileJobResult {
    enum class Outcome {
        unchanged,  // --verify found the same content
        emptied,    // blank: no article left in it
        failed,     // could not be read or parsed: `error` says why
        read,       // `documents` hold its articles
    };
    FileJob job;  // origin.content_hash set when hashed
    Outcome outcome = Outcome::read;
    std::string error;
    std::vector<std::string> warnings;  // the reader's, in order
    bool truncated = false;             // cut at the size limit: the first warning says where
    std::vector<ArticleDocument> documents;
    // How the writer applies this result, when not as a whole file's: OrderedWork hands
    // every result to the same consumer, so a result says what it is.
    std::function<void(FileJobResult&&)> apply;
};

// A stretch of the new or changed records of a file read record by record (a JSON Lines
// file, an archive, a WARC: file_records.h), read by the writer's thread as it compared
// each record with the index.
struct RecordJob {
    ArticleOrigin origin;  // content_hash set with --verify
    std::vector<FileRecord> records;
};

// Reads, parses, tags (when `extractor` is set) and builds the file's documents with
// the entity table `table`. Errors reading the file become Outcome::failed; anything
// else wrong (out of memory) is thrown.
// Entities the evidence pass kept in `tags` (when set) are used instead of tagging again.
// Articles of no known language are indexed in `default_language`.
FileJobResult run_file_job(FileJob job, const EntityExtractor* extractor, const EntityTable& table,
                           TagCache* tags = nullptr,
                           std::string_view default_language = schema::kDefaultLanguage);

// The documents of the job's records, each with its record state, and the reader's
// warnings; outcome `read` (job.origin and warnings set), also when no record holds an
// article.
FileJobResult run_record_job(const RecordJob& job, const EntityExtractor* extractor,
                             const EntityTable& table, TagCache* tags = nullptr,
                             std::string_view default_language = schema::kDefaultLanguage);

}  // namespace newsindex
