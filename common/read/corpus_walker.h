// Finding the article files under an indexed root.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "common/read/article_reader.h"

namespace newsindex {

struct CorpusFile {
    std::filesystem::path path;  // as found under the root (root / relative)
    std::string relative;        // path relative to the root, '/'-separated: the article id
    ArticleFormat format = ArticleFormat::unsupported;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
};

struct WalkCallbacks {
    // An article file (its format may be unsupported: the caller decides what to skip).
    // Returning false stops the walk, which then is not complete.
    std::function<bool(const CorpusFile&)> on_file;
    // Something under the root that could not be visited; the walk goes on.
    std::function<void(const std::filesystem::path&, const std::string& reason)> on_error;
};

// Visits every regular file under `root`, depth first in name order, skipping hidden
// files and folders (names starting with '.'). Symbolic links to files inside the root
// are followed; links to folders, and links leading out of the root, are not, so a
// symlink loop cannot trap the walk.
struct WalkOutcome {
    bool root_readable = false;  // false: nothing was visited (e.g. an unmounted disk)
    bool complete = false;       // every folder under the root was listed
};

WalkOutcome walk_corpus(const std::filesystem::path& root, const WalkCallbacks& callbacks);

}  // namespace newsindex
