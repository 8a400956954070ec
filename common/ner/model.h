// The trained tagger: hashed emission weights (int16, one 8-wide row per bucket),
// transition weights, the gazetteer and the word clusters, with file I/O.
//
// File format (little-endian), version 3:
//   char[8]  magic "NXNERMDL"
//   u32 version, char[8] language (ISO 639-1, NUL-padded; not in version 2, whose models
//   are English), u32 hash_bits, u32 num_tags (7), u32 num_features, u32 gazetteer size,
//   u32 cluster words, u32 fine clusters, u32 case-profile words
//   f32 weight scale, f32 start[7], f32 trans[7][7]
//   i16 weights[2^hash_bits][8]
//   u64 gazetteer keys[size], u8 gazetteer classes[size]
//   u64 cluster word keys[words] (sorted), u16 fine cluster[words],
//   u16 mid cluster of fine[fine clusters], u16 coarse cluster of fine[fine clusters]
//   u64 case-profile keys[case words] (sorted), u8 case bucket[case words]
//   u64 checksum of everything before it
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/gazetteer.h"
#include "common/ner/tags.h"
#include "common/ner/viterbi.h"
#include "common/ner/word_clusters.h"

namespace newsindex::ner {

inline constexpr std::uint32_t kModelVersion = 3;

class Model {
public:
    Model() = default;
    Model(std::uint32_t hash_bits, float scale, std::vector<std::int16_t> weights,
          const Transitions& transitions, Gazetteer gazetteer, WordClusters clusters = {},
          std::string language = "en");

    // Throws Error("<file>: <why>"): not_found, io, corrupt or incompatible.
    static Model load(const std::filesystem::path& file);
    void save(const std::filesystem::path& file) const;

    // Tags one sentence. Thread-safe: scratch space is per thread.
    void tag(std::span<const std::string_view> words, std::vector<Tag>& out) const;

    // The language of the text it was trained on ("en", "fr"): the articles it tags.
    const std::string& language() const { return language_; }
    std::uint32_t hash_bits() const { return hash_bits_; }
    const Gazetteer& gazetteer() const { return gazetteer_; }
    const WordClusters& clusters() const { return clusters_; }

private:
    std::uint32_t hash_bits_ = 0;
    float scale_ = 1.0f;
    std::vector<std::int16_t> weights_;  // (1 << hash_bits) * kTagStride
    Transitions transitions_;
    Gazetteer gazetteer_;
    WordClusters clusters_;
    std::string language_ = "en";
};

}  // namespace newsindex::ner
