// The records of a file read through libarchive (archive_input.h): the article files of
// a zip or tar archive, the one file a gzip, xz or bzip2 stream holds, or the pages of a
// WARC, plain or compressed. What the file is comes from its first bytes, not its name.
// Not part of the public API (file_records.h is).
#pragma once

#include <memory>

#include "common/read/file_records.h"

namespace newsindex::readers {

// Throws Error (io) when the file cannot be opened, (bad_input) when it holds nothing
// libarchive reads.
std::unique_ptr<RecordReader> open_archive_records(const ArticleOrigin& origin);
// The same over bytes in memory, which must outlive the reader (for the fuzzers).
std::unique_ptr<RecordReader> open_archive_records(std::string_view bytes,
                                                   const ArticleOrigin& origin);

}  // namespace newsindex::readers
