// Small non-cryptographic hashes shared by the feature extractor, the gazetteer and the
// model file checksum. They are part of the model format: changing them invalidates models.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace newsindex::ner {

inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffset) {
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= kFnvPrime;
    }
    return h;
}

inline std::uint64_t fnv1a_byte(unsigned char c, std::uint64_t h) {
    return (h ^ c) * kFnvPrime;
}

// splitmix64 finaliser: spreads FNV's weak low bits before bucketing.
inline std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

inline std::uint64_t combine(std::uint64_t a, std::uint64_t b) {
    return mix64(a * 0x9e3779b97f4a7c15ull + b);
}

// Word-at-a-time checksum for the model file (FNV per byte would cost ms on 8 MB).
inline std::uint64_t checksum(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::uint64_t h = 0x6a09e667f3bcc908ull ^ size;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ mix64(w)) * 0x9e3779b97f4a7c15ull;
    }
    for (; i < size; ++i) h = fnv1a_byte(p[i], h);
    return mix64(h);
}

}  // namespace newsindex::ner
