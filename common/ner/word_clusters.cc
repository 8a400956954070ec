#include "common/ner/word_clusters.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "common/ner/hashing.h"
#include "common/ner/text_norm.h"

namespace newsindex::ner {

std::string_view canonical_quote(std::string_view w) {
    if (w == "``" || w == "''" || w == "\u201C" || w == "\u201D" || w == "\u201E" ||
        w == "\u00AB" || w == "\u00BB")
        return "\"";
    if (w == "\u2018" || w == "\u2019" || w == "`") return "'";
    if (w == "\u2013" || w == "\u2014" || w == "--") return "-";
    return w;
}

std::uint8_t case_bucket(std::uint64_t capitalised, std::uint64_t lower_case) {
    const std::uint64_t total = capitalised + lower_case;
    if (total < 3) return 0;
    const double r = static_cast<double>(capitalised) / static_cast<double>(total);
    if (r < 0.02) return 1;
    if (r < 0.2) return 2;
    if (r < 0.5) return 3;
    if (r < 0.8) return 4;
    if (r < 0.98) return 5;
    return 6;
}

std::uint64_t lower_word_key(std::string_view word) {
    std::uint64_t h = kFnvOffset;
    for (const char c : canonical_quote(word))
        h = fnv1a_byte(static_cast<unsigned char>(digit_ascii(c) ? '0' : lower_ascii(c)), h);
    return h;
}

namespace {

// Sorts keys (with their values) and builds an open-addressing index (value: position+1).
template <typename V>
void build_table(std::vector<std::uint64_t>& keys, std::vector<V>& values,
                 std::vector<std::uint32_t>& slots) {
    if (keys.size() != values.size() || keys.size() >= (std::size_t{1} << 31))
        throw std::invalid_argument("word clusters: inconsistent sizes");
    // The model file stores them sorted already: loading skips the sort.
    if (!std::is_sorted(keys.begin(), keys.end())) {
        std::vector<std::uint32_t> order(keys.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
        std::vector<std::uint64_t> k;
        std::vector<V> v;
        k.reserve(keys.size());
        v.reserve(keys.size());
        for (const auto i : order) {
            k.push_back(keys[i]);
            v.push_back(values[i]);
        }
        keys = std::move(k);
        values = std::move(v);
    }
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end())
        throw std::invalid_argument("word clusters: duplicate word key");
    std::size_t cap = 16;
    while (cap < keys.size() * 2) cap *= 2;
    slots.assign(cap, 0);
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        std::size_t s = mix64(keys[i]) & (cap - 1);
        while (slots[s] != 0) s = (s + 1) & (cap - 1);
        slots[s] = i + 1;
    }
}

// Position of `key` in keys, or -1.
long find(std::span<const std::uint64_t> keys, std::span<const std::uint32_t> slots,
          std::uint64_t key) {
    if (slots.empty()) return -1;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t s = mix64(key) & mask;; s = (s + 1) & mask) {
        const std::uint32_t slot = slots[s];
        if (slot == 0) return -1;
        if (keys[slot - 1] == key) return static_cast<long>(slot - 1);
    }
}

}  // namespace

void WordClusters::assign_case(std::vector<std::uint64_t> keys, std::vector<std::uint8_t> buckets) {
    for (const auto b : buckets)
        if (b >= kCaseBuckets) throw std::invalid_argument("word clusters: bad case bucket");
    build_table(keys, buckets, case_slots_);
    case_keys_ = std::move(keys);
    case_buckets_ = std::move(buckets);
}

std::uint8_t WordClusters::case_bucket_of(std::uint64_t lower_key) const {
    const long i = find(case_keys_, case_slots_, lower_key);
    return i < 0 ? 0 : case_buckets_[static_cast<std::size_t>(i)];
}

std::uint64_t WordClusters::key(std::string_view word) {
    return fnv1a(canonical_quote(word));
}

void WordClusters::assign(std::vector<std::uint64_t> keys, std::vector<std::uint16_t> fine,
                          std::uint32_t num_fine, std::vector<std::uint16_t> mid_of_fine,
                          std::vector<std::uint16_t> coarse_of_fine) {
    if (keys.size() != fine.size() || mid_of_fine.size() != num_fine ||
        coarse_of_fine.size() != num_fine || num_fine >= ClusterIds::kNoCluster)
        throw std::invalid_argument("word clusters: inconsistent sizes");
    for (const auto f : fine)
        if (f >= num_fine) throw std::invalid_argument("word clusters: cluster id out of range");
    for (std::uint32_t f = 0; f < num_fine; ++f)
        if (mid_of_fine[f] == ClusterIds::kNoCluster || coarse_of_fine[f] == ClusterIds::kNoCluster)
            throw std::invalid_argument("word clusters: cluster id out of range");
    build_table(keys, fine, slots_);
    keys_ = std::move(keys);
    fine_ = std::move(fine);
    num_fine_ = num_fine;
    mid_of_fine_ = std::move(mid_of_fine);
    coarse_of_fine_ = std::move(coarse_of_fine);
}

ClusterIds WordClusters::lookup_key(std::uint64_t key) const {
    ClusterIds ids;
    const long i = find(keys_, slots_, key);
    if (i < 0) return ids;
    const std::uint16_t f = fine_[static_cast<std::size_t>(i)];
    ids.level[0] = f;
    ids.level[1] = mid_of_fine_[f];
    ids.level[2] = coarse_of_fine_[f];
    return ids;
}

ClusterIds WordClusters::lookup(std::string_view word) const {
    word = canonical_quote(word);
    ClusterIds ids = lookup_key(fnv1a(word));
    if (ids.known() || word.size() < 2) return ids;
    // Capitals only (at least two letters, no lower case): try the title-case spelling.
    int letters = 0;
    for (const char c : word) {
        if (lower_ascii_letter(c)) return ids;
        letters += upper_ascii(c);
    }
    if (letters < 2) return ids;
    std::uint64_t h = kFnvOffset;
    bool first_letter = true;
    for (const char c : word) {
        const bool letter = upper_ascii(c);
        h = fnv1a_byte(static_cast<unsigned char>(letter && !first_letter ? lower_ascii(c) : c), h);
        if (letter) first_letter = false;
    }
    return lookup_key(h);
}

}  // namespace newsindex::ner
