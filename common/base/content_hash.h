// A stable 64-bit content hash (FNV-1a), for ids that must stay short and for
// `build --verify`, which compares file contents rather than trusting mtimes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsindex {

class Fnv1a64 {
public:
    void update(std::string_view bytes) {
        for (const char c : bytes) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 0x100000001b3ull;
        }
    }
    std::uint64_t value() const { return hash_; }
    // 16 lower-case hex digits.
    std::string hex() const;

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

// Fnv1a64 of `bytes`, as hex.
std::string content_hash(std::string_view bytes);

}  // namespace newsindex
