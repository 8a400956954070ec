// A file read a block at a time into a buffer its reader trims as it goes, every byte
// hashed on the way in: the streaming readers (JSON Lines lines, mailbox messages) hold
// one record and one block, however large the file, and know the file's content hash
// once they reach its end. Not part of the public API (file_records.h is).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "common/base/content_hash.h"

namespace newsindex::readers {

class FileBlocks {
public:
    static constexpr std::size_t kBlockBytes = 1u << 16;

    // Throws Error (io) when the file cannot be opened.
    explicit FileBlocks(const std::filesystem::path& file);
    ~FileBlocks();
    FileBlocks(const FileBlocks&) = delete;
    FileBlocks& operator=(const FileBlocks&) = delete;

    // Appends up to kBlockBytes to buffer(); false at the end of the file. Throws Error
    // (io) when a read fails.
    bool fill();
    bool at_end() const { return at_end_; }
    // What was read and not yet dropped: the reader erases what it has used.
    std::string& buffer() { return buffer_; }
    // The content hash (content_hash.h) of every byte read so far.
    std::string content_hash() const { return hash_.hex(); }

private:
    int fd_ = -1;
    std::string buffer_;
    bool at_end_ = false;
    Fnv1a64 hash_;
};

}  // namespace newsindex::readers
