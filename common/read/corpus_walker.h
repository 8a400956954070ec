// Finding the article files under an indexed folder.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <system_error>

#include "common/read/article_origin.h"

namespace newsindex {

// A folder (or single file) named for indexing, resolved once.
struct CorpusRoot {
    std::filesystem::path given;  // as the user named it
    std::string key;              // canonical path of the folder (a file's parent folder)
    bool is_folder = true;        // false: one file was named
};

// Resolves `root`; nothing (and `error` set) when it cannot be read at all, such as an
// unmounted disk or a typo.
std::optional<CorpusRoot> resolve_corpus_root(const std::filesystem::path& root,
                                              std::error_code& error);

struct WalkCallbacks {
    // An article file (its format may be unsupported: the caller decides what to skip).
    // Returning false stops the walk, which then is not complete.
    std::function<bool(const ArticleOrigin&)> on_file;
    // Something under the root that could not be visited; the walk goes on.
    std::function<void(const std::filesystem::path&, const std::string& reason)> on_error;
};

struct WalkOutcome {
    bool root_readable = false;  // false: nothing was visited
    bool complete = false;       // every folder under the root was listed
};

// Visits every regular file under `root`, depth first in name order, skipping hidden
// files and folders (names starting with '.') and Xapian databases. Symbolic links to
// files inside the root are followed; links to folders, and links leading out of the
// root, are not, so a symlink loop cannot trap the walk.
WalkOutcome walk_corpus(const CorpusRoot& root, const WalkCallbacks& callbacks);

}  // namespace newsindex
