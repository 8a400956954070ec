// A file read through libarchive: a zip or tar archive (compressed or not), or a single
// gzip, xz or bzip2 stream, decompressed as it is read, in bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct archive;

namespace newsindex {

// Most bytes a container may decompress to, as a multiple of its own size: more is a
// decompression bomb. Real text compresses about 3 to 10 times; a gzip stream of one
// repeated byte reaches about 1000. Small files get at least kMinExpandedBytes.
inline constexpr std::uintmax_t kMaxExpansionRatio = 200;
inline constexpr std::uintmax_t kMinExpandedBytes = std::uintmax_t{256} << 20;

class ArchiveInput {
public:
    // Opens a file; throws Error (io) when it cannot be opened, (bad_input) when libarchive
    // recognises nothing in it.
    explicit ArchiveInput(const std::filesystem::path& file);
    // Reads bytes in memory (kept by the caller while this lives), for the fuzzers.
    explicit ArchiveInput(std::string_view bytes);
    ~ArchiveInput();
    ArchiveInput(const ArchiveInput&) = delete;
    ArchiveInput& operator=(const ArchiveInput&) = delete;

    struct Entry {
        std::string name;  // as the archive spells it: never used as a path
        bool regular = false;
        bool encrypted = false;
    };
    // The next member; nothing at the end. A single stream has one member, named "data".
    // Throws Error (bad_input) when the archive is damaged or truncated.
    std::optional<Entry> next_entry();
    // True when the first member is not an archive's but the whole (decompressed) stream.
    bool is_single_stream() const;
    // True when a compression (gzip, xz, bzip2...) was undone to read it.
    bool is_compressed() const;

    // Up to `size` bytes of the current member; 0 at its end. Throws Error (bad_input) on
    // damage, truncation, or past the expansion bound.
    std::size_t read(char* buffer, std::size_t size);
    // Up to `limit` bytes of the current member into `out` (replacing it); true when the
    // member had more, which is skipped.
    bool read_member(std::string& out, std::size_t limit);

private:
    void open_checked(int status);
    [[noreturn]] void fail(std::string_view what) const;

    archive* archive_ = nullptr;
    std::uintmax_t max_expanded_ = 0;
    std::uintmax_t expanded_ = 0;
};

}  // namespace newsindex
