#include "common/read/file_blocks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/base/error.h"

namespace newsindex::readers {

FileBlocks::FileBlocks(const std::filesystem::path& file)
    : fd_(::open(file.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw Error(ErrorKind::io, "cannot open: " + std::string(std::strerror(errno)));
}

FileBlocks::~FileBlocks() {
    if (fd_ >= 0) ::close(fd_);
}

bool FileBlocks::fill() {
    if (at_end_) return false;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kBlockBytes);
    ssize_t n;
    do {
        n = ::read(fd_, buffer_.data() + old_size, kBlockBytes);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        buffer_.resize(old_size);
        throw Error(ErrorKind::io, "cannot read: " + std::string(std::strerror(errno)));
    }
    buffer_.resize(old_size + static_cast<std::size_t>(n));
    hash_.update(std::string_view(buffer_).substr(old_size));
    at_end_ = n == 0;
    return !at_end_;
}

}  // namespace newsindex::readers
