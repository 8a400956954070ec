// Word clusters learnt from unlabelled text at training time (exchange clustering, see
// common/ner_train/word_clustering.h), baked into the model file. They are what lets the
// tagger generalise past its labelled data: "Konami" never occurs in the training labels
// but sits in the same cluster as other company names in the article text.
//
// Each known word (as written, case kept) has a fine cluster; coarser levels group the
// fine clusters (a fine cluster belongs to exactly one cluster of each coarser level), so
// features can back off from "this kind of surname" to "some capitalised name".
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace newsindex::ner {

inline constexpr int kClusterLevels = 3;  // fine, mid, coarse

// Cluster ids of one word at each level; kNoCluster where the word is unknown.
struct ClusterIds {
    static constexpr std::uint16_t kNoCluster = 0xFFFF;
    std::uint16_t level[kClusterLevels] = {kNoCluster, kNoCluster, kNoCluster};
    bool known() const { return level[0] != kNoCluster; }
};

// Quote and dash characters in their many spellings read as one word ("``", curly
// quotes, en dash); any other word is returned as it is.
std::string_view canonical_quote(std::string_view word);

// How a word is usually written in running text, away from the start of a sentence:
// 0 unknown, 1 (almost) always lower case ... 6 (almost) always capitalised. "Government",
// "State" or "King" capitalised are far less likely names than "Konami" or "Tulsa".
inline constexpr int kCaseBuckets = 7;
std::uint8_t case_bucket(std::uint64_t capitalised, std::uint64_t lower_case);

// Key of a word lower-cased with digits as 0: the feature extractor's word value.
std::uint64_t lower_word_key(std::string_view word);

class WordClusters {
public:
    // The key of a word as the clusters see it: as written (case kept), quotes canonical.
    static std::uint64_t key(std::string_view word);

    // keys: one per word, unique (any order); fine: its fine cluster (< num_fine);
    // coarser[l][f]: the cluster at level l + 1 of fine cluster f. Throws
    // std::invalid_argument on inconsistent input.
    void assign(std::vector<std::uint64_t> keys, std::vector<std::uint16_t> fine,
                std::uint32_t num_fine, std::vector<std::uint16_t> mid_of_fine,
                std::vector<std::uint16_t> coarse_of_fine);

    // Exact word first; a word in capitals ("REAGAN") unknown as written is looked up in
    // title case ("Reagan"), so headlines share the clusters of running text.
    ClusterIds lookup(std::string_view word) const;
    ClusterIds lookup_key(std::uint64_t key) const;

    // Case profile of words by lower_word_key (keys unique, any order).
    void assign_case(std::vector<std::uint64_t> keys, std::vector<std::uint8_t> buckets);
    std::uint8_t case_bucket_of(std::uint64_t lower_key) const;

    bool empty() const { return keys_.empty() && case_keys_.empty(); }
    std::size_t size() const { return keys_.size(); }
    std::uint32_t num_fine() const { return num_fine_; }
    // Sorted by key, for the model file.
    std::span<const std::uint64_t> keys() const { return keys_; }
    std::span<const std::uint16_t> fine() const { return fine_; }
    std::span<const std::uint16_t> mid_of_fine() const { return mid_of_fine_; }
    std::span<const std::uint16_t> coarse_of_fine() const { return coarse_of_fine_; }
    std::span<const std::uint64_t> case_keys() const { return case_keys_; }
    std::span<const std::uint8_t> case_buckets() const { return case_buckets_; }

private:
    std::uint32_t num_fine_ = 0;
    std::vector<std::uint64_t> keys_;  // sorted
    std::vector<std::uint16_t> fine_;
    std::vector<std::uint16_t> mid_of_fine_;
    std::vector<std::uint16_t> coarse_of_fine_;
    // Open-addressing index into keys_ (power-of-two size, linear probing), built by
    // assign(): tagging looks up every token, a binary search would cost more.
    std::vector<std::uint32_t> slots_;      // index + 1; 0 = empty
    std::vector<std::uint64_t> case_keys_;  // sorted
    std::vector<std::uint8_t> case_buckets_;
    std::vector<std::uint32_t> case_slots_;
};

}  // namespace newsindex::ner
