// Feature extraction: every token gets kNumFeatures hashed features, each folded into a
// bucket of the weight table (feature hashing: no dictionary to store or look up).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/ner/gazetteer.h"
#include "common/ner/word_clusters.h"

namespace newsindex::ner {

inline constexpr int kNumFeatures = 37;

// Reusable scratch so tagging a sentence allocates nothing once warmed up.
struct FeatureScratch {
    struct WordInfo {
        std::uint64_t word = 0;   // lower-cased, digits as 0
        std::uint64_t cased = 0;  // as written
        std::uint64_t shape = 0;  // collapsed shape: "Xx", "X.X.", "d,d"
        std::uint64_t prefix[4] = {};
        std::uint64_t suffix[4] = {};
        ClusterIds clusters;
        std::uint8_t case_bucket = 0;  // how the word is usually written (case_bucket())
        bool capitalized = false;
    };
    std::vector<WordInfo> info;
    std::vector<std::uint8_t> gazetteer;
};

// Writes words.size() * kNumFeatures bucket indices (< 2^hash_bits) to `out`.
void extract_features(std::span<const std::string_view> words, const Gazetteer& gazetteer,
                      const WordClusters& clusters, std::uint32_t hash_bits,
                      FeatureScratch& scratch, std::vector<std::uint32_t>& out);

}  // namespace newsindex::ner
