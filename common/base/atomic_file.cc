#include "common/base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/base/error.h"

namespace newsindex {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, int error) {
    throw Error(ErrorKind::io, "cannot write " + path.string() + ": " + std::strerror(error));
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(path, n < 0 ? errno : ENOSPC);
        written += static_cast<std::size_t>(n);
    }
}

}  // namespace

void replace_file(const std::filesystem::path& path, std::string_view bytes) {
    const std::filesystem::path temporary = path.string() + ".new";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(temporary, errno);
    try {
        write_all(fd, bytes, temporary);
        if (::fsync(fd) != 0) fail(temporary, errno);
    } catch (...) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        fail(path, error);
    }
}

}  // namespace newsindex
