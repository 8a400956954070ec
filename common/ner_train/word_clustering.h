// Word clusters from unlabelled text, for the tagger's cluster features
// (common/ner/word_clusters.h).
//
// Exchange algorithm for a class bigram model (Kneser & Ney 1993; Martin, Liermann & Ney
// 1998): every word of the vocabulary is in one of C classes, and each word in turn moves
// to the class that most increases the likelihood of the text under
// P(w_i | w_i-1) = P(c(w_i) | c(w_i-1)) P(w_i | c(w_i)), i.e. maximises
//   sum_{c,d} N(c,d) log N(c,d) - sum_c N(c,.) log N(c,.) - sum_d N(.,d) log N(.,d)
// over the class bigram counts N. That is the objective of Brown clustering, found by
// local search instead of bottom-up merging: one pass costs O(C x distinct class
// contexts), seconds for a few million tokens, where Brown's merging is O(V C^2).
// The coarser levels cluster the classes themselves the same way (the class bigram
// counts are their "text"), so the levels nest like the prefixes of Brown bit strings.
//
// Deterministic: no randomness, no threads, vocabulary order fixed by (count, bytes).
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/ner/word_clusters.h"

namespace newsindex::ner {

struct ClusteringOptions {
    std::uint32_t clusters = 256;  // fine level
    std::uint32_t mid_clusters = 64;
    std::uint32_t coarse_clusters = 16;
    std::uint64_t min_count = 3;  // rarer words get no cluster (they share one "rare" item)
    int iterations = 12;          // passes over the vocabulary, at most
    std::function<void(const std::string&)> progress;
};

// The unlabelled text, as sentences of words (as written).
class ClusterCorpus {
public:
    void add_sentence(std::span<const std::string_view> words);
    std::size_t tokens() const { return tokens_; }
    std::size_t sentences() const { return sentences_; }

private:
    friend struct ClusterCorpusAccess;
    static constexpr std::uint32_t kBoundary = 0xFFFFFFFFu;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::vector<std::string> words_;
    std::vector<std::uint32_t> stream_;  // word ids, kBoundary between sentences
    std::vector<std::uint64_t> inner_;   // per word id: occurrences not opening a sentence
    std::size_t tokens_ = 0, sentences_ = 0;
};

struct ClusteredWord {
    std::string word;
    std::uint64_t count = 0;
    std::uint64_t inner_count = 0;             // occurrences not at the start of a sentence
    std::uint16_t level[kClusterLevels] = {};  // fine, mid, coarse
};

// Vocabulary (words seen at least min_count times) with their clusters, most frequent
// first.
std::vector<ClusteredWord> cluster_words(const ClusterCorpus& corpus,
                                         const ClusteringOptions& options);

// Text form, one word a line: "word<TAB>count<TAB>inner count<TAB>fine<TAB>mid<TAB>coarse".
void write_clusters(std::ostream& out, std::span<const ClusteredWord> words);
// Throws std::runtime_error naming the line on malformed input.
std::vector<ClusteredWord> read_clusters(std::istream& in);

// The runtime tables baked into the model: the clusters, and the case profile of each
// lower-cased word from the inner counts of its spellings. Throws std::invalid_argument when a fine
// cluster maps to two coarser clusters (not nested) or ids do not fit.
WordClusters to_word_clusters(std::span<const ClusteredWord> words);

// The exchange algorithm itself, on any bigram count graph (exposed for tests).
// Items 0..n-1; counts[i] = (j, count) pairs of bigrams "i j". Items with fixed[i] >= 0
// stay in class fixed[i] (which must be >= num_classes: fixed classes come after the
// movable ones); the others start in class (rank % num_classes) in `order` and move.
// Returns each item's class.
std::vector<std::uint32_t> exchange_clusters(
    std::uint32_t num_items,
    const std::vector<std::vector<std::pair<std::uint32_t, double>>>& right,
    std::span<const std::int32_t> fixed, std::span<const std::uint32_t> order,
    std::uint32_t num_classes, int iterations,
    const std::function<void(const std::string&)>& progress = {});

}  // namespace newsindex::ner
