// Opening an existing index for reading, with errors people can act on.
#pragma once

#include <filesystem>
#include <stdexcept>

#include <xapian.h>

namespace newsindex {

// The index cannot be opened (missing, not a Xapian database, damaged).
class IndexUnavailableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws IndexUnavailableError with a one-line reason naming the path.
Xapian::Database open_index(const std::filesystem::path& path);

}  // namespace newsindex
