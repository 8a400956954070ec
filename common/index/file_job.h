// What a build does to one new or changed file away from the database: read it, parse
// its articles, tag their entities and build their documents. Runs on any thread; the
// writer then applies the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/index/document_builder.h"
#include "common/index/entity_table.h"
#include "common/read/article_origin.h"

namespace newsindex {

class EntityExtractor;

// What the index holds of a file, to tell whether it changed.
struct IndexedFile {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;  // empty if the file was indexed without --verify
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
};

// Reads, parses, tags (when `extractor` is set) and builds the file's documents with
// the entity table `table`. Errors reading the file become Outcome::failed; anything
// else wrong (out of memory) is thrown.
FileJobResult run_file_job(FileJob job, const EntityExtractor* extractor, const EntityTable& table);

}  // namespace newsindex
