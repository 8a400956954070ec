// Opening an existing index for reading.
#pragma once

#include <xapian.h>

#include <filesystem>

namespace newsindex {

// Whether `path` is a folder holding a Xapian database (possibly a damaged one).
bool is_xapian_database(const std::filesystem::path& path);

// Throws Error: not_found when nothing is at `path`; else the kind Xapian's failure
// stands for (corrupt, incompatible, io), with a one-line reason naming the path.
Xapian::Database open_index(const std::filesystem::path& path);

}  // namespace newsindex
