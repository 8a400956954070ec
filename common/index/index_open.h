// Opening an existing index for reading.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>

#include "common/base/error.h"

namespace newsindex {

// Whether `path` is a folder holding a Xapian database (possibly a damaged one).
bool is_xapian_database(const std::filesystem::path& path);

// The error to give when opening what is at `path` failed with `e` because it is no
// index at all: a folder of other files ("PATH is not an index: the folder holds other
// files"), or a plain file that is no Xapian stub. Nothing when it may be a damaged index.
std::optional<Error> not_an_index(const std::filesystem::path& path, const Xapian::Error& e);

// Throws Error: not_found when nothing is at `path`; else the kind Xapian's failure
// stands for (corrupt, incompatible, io), with a one-line reason naming the path.
Xapian::Database open_index(const std::filesystem::path& path);

}  // namespace newsindex
