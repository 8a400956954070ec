// Where an article file sits in the archive. The walker builds it once per file; the
// reader, the document builder and the index writer all take their names from it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/read/article_reader.h"

namespace newsindex {

class MetadataTables;

struct ArticleOrigin {
    // The path as walked (the folder as the user named it, then the relative path): for
    // opening the file and for messages.
    std::filesystem::path path;
    std::string root;      // canonical path of the indexed folder
    std::string relative;  // path under the root, '/'-separated: the id of a one-article file
    ArticleFormat format = ArticleFormat::unsupported;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
    std::string content_hash;   // filled in only when a build compares contents
    // The metadata tables that name articles of this build (metadata_table.h), if any:
    // their fields go over what the reader found. `metadata_state` is what they say of
    // this file (MetadataTables::file_state), recorded with its articles.
    const MetadataTables* metadata = nullptr;
    std::string metadata_state;

    // root '/' relative: the absolute path, which also names the file across every root
    // of one index.
    std::string key() const { return root + '/' + relative; }
    // root '/' article id: names one article of this file across every root.
    std::string article_key(std::string_view article_id) const {
        return root + '/' + std::string(article_id);
    }
};

// The articles of a file the walker found, from what read_file returned: ids from the
// relative path (plus "#N" per record), a date from the path under the root when the
// content has none, and the absolute path as each article's path. A truncation is the
// first warning; the metadata tables' fields over the reader's. Throws Error (bad_input)
// when the content holds no article.
ReadResult parse_file(const FileContent& content, const ArticleOrigin& origin);

}  // namespace newsindex
