#include "common/read/archive_input.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/base/error.h"

namespace newsindex {

namespace {

constexpr std::size_t kBlockBytes = 1u << 16;

archive* new_reader() {
    archive* a = archive_read_new();
    if (a == nullptr) throw std::bad_alloc();
    // Every compression libarchive knows; archives of article files are zip or tar, and
    // anything else is one compressed stream ("raw"), a WARC or a single article.
    archive_read_support_filter_all(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_support_format_raw(a);
    return a;
}

std::string mb(std::uintmax_t bytes) {
    return std::to_string(bytes >> 20) + " MB";
}

}  // namespace

ArchiveInput::ArchiveInput(const std::filesystem::path& file) : archive_(new_reader()) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    max_expanded_ = std::max(kMinExpandedBytes, (ec ? 0 : size) * kMaxExpansionRatio);
    const int status = archive_read_open_filename(archive_, file.c_str(), kBlockBytes);
    if (status != ARCHIVE_OK) {
        const int error = archive_errno(archive_);
        const std::string why =
            archive_error_string(archive_) ? archive_error_string(archive_) : std::strerror(error);
        archive_read_free(archive_);
        archive_ = nullptr;
        throw Error(error == ENOENT || error == EACCES || error == EISDIR ? ErrorKind::io
                                                                          : ErrorKind::bad_input,
                    "cannot open: " + why);
    }
}

ArchiveInput::ArchiveInput(std::string_view bytes) : archive_(new_reader()) {
    max_expanded_ = std::max(kMinExpandedBytes, bytes.size() * kMaxExpansionRatio);
    open_checked(archive_read_open_memory(archive_, bytes.data(), bytes.size()));
}

ArchiveInput::~ArchiveInput() {
    if (archive_ != nullptr) archive_read_free(archive_);
}

void ArchiveInput::open_checked(int status) {
    if (status == ARCHIVE_OK) return;
    const std::string why =
        archive_error_string(archive_) ? archive_error_string(archive_) : "unknown format";
    archive_read_free(archive_);
    archive_ = nullptr;
    throw Error(ErrorKind::bad_input, "cannot open: " + why);
}

void ArchiveInput::fail(std::string_view what) const {
    const char* why = archive_error_string(archive_);
    throw Error(ErrorKind::bad_input,
                std::string(what) + (why != nullptr ? ": " + std::string(why) : std::string()));
}

std::optional<ArchiveInput::Entry> ArchiveInput::next_entry() {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(archive_, &entry);
    if (status == ARCHIVE_EOF) return std::nullopt;
    if (status < ARCHIVE_WARN) fail("damaged or truncated");
    Entry out;
    const char* name = archive_entry_pathname_utf8(entry);
    if (name == nullptr) name = archive_entry_pathname(entry);
    out.name = name != nullptr ? name : "";
    out.regular = archive_entry_filetype(entry) == AE_IFREG;
    out.encrypted = archive_entry_is_encrypted(entry) != 0;
    return out;
}

bool ArchiveInput::is_single_stream() const {
    return archive_format(archive_) == ARCHIVE_FORMAT_RAW;
}

bool ArchiveInput::is_compressed() const {
    return archive_filter_code(archive_, 0) != ARCHIVE_FILTER_NONE;
}

std::size_t ArchiveInput::read(char* buffer, std::size_t size) {
    const la_ssize_t n = archive_read_data(archive_, buffer, size);
    if (n < 0) fail("damaged or truncated");
    expanded_ += static_cast<std::uintmax_t>(n);
    if (expanded_ > max_expanded_)
        throw Error(ErrorKind::bad_input,
                    "decompresses to more than " + mb(max_expanded_) + " (over " +
                        std::to_string(kMaxExpansionRatio) +
                        " times its size): a decompression bomb, not read further");
    return static_cast<std::size_t>(n);
}

bool ArchiveInput::read_member(std::string& out, std::size_t limit) {
    out.clear();
    // What was read before a failure stays in `out`.
    char block[kBlockBytes];
    for (;;) {
        const std::size_t n = read(block, sizeof block);
        if (n == 0) return false;
        const std::size_t room = limit - out.size();
        out.append(block, std::min(n, room));
        if (n > room) {
            // The rest is read (and counted towards the bound) but not kept.
            while (read(block, sizeof block) > 0) {
            }
            return true;
        }
    }
}

}  // namespace newsindex
