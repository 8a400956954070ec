#include "common/base/content_hash.h"

#include <array>
#include <cstdio>
#include <fstream>

namespace newsindex {

std::string Fnv1a64::hex() const {
    char digits[17];
    std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash_));
    return digits;
}

std::optional<std::string> hash_file(const std::filesystem::path& file, std::uintmax_t max_bytes) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    Fnv1a64 hash;
    std::array<char, 1 << 16> buffer;
    while (max_bytes > 0 && in) {
        in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uintmax_t>(buffer.size(), max_bytes)));
        const auto got = static_cast<std::size_t>(in.gcount());
        hash.update({buffer.data(), got});
        max_bytes -= got;
        if (got == 0) break;
    }
    if (in.bad()) return std::nullopt;
    return hash.hex();
}

}  // namespace newsindex
