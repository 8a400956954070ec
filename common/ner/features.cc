#include "common/ner/features.h"

#include <algorithm>

#include "common/ner/hashing.h"
#include "common/ner/text_norm.h"

namespace newsindex::ner {

namespace {

char norm_char(char c) {
    return digit_ascii(c) ? '0' : lower_ascii(c);
}

char shape_char(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    if (c >= '0' && c <= '9') return 'd';
    if (c >= 0x80) return 'u';
    return static_cast<char>(c);
}

FeatureScratch::WordInfo word_info(std::string_view w, const WordClusters& clusters) {
    FeatureScratch::WordInfo info;
    w = canonical_quote(w);
    info.cased = fnv1a(w);
    std::uint64_t h = kFnvOffset;
    for (const char c : w) h = fnv1a_byte(static_cast<unsigned char>(norm_char(c)), h);
    info.word = h;
    std::uint64_t s = kFnvOffset;
    char last = 0;
    int repeats = 0;
    for (const char c : w) {
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // UTF-8 continuation
        const char sc = shape_char(static_cast<unsigned char>(c));
        if (sc == last && ++repeats >= 2) continue;  // "Xxxxx" -> "Xxx"
        if (sc != last) repeats = 0;
        last = sc;
        s = fnv1a_byte(static_cast<unsigned char>(sc), s);
    }
    info.shape = s;
    const std::size_t n = w.size();
    std::uint64_t p = kFnvOffset;
    for (std::size_t k = 0; k < 4; ++k) {
        if (k < n) p = fnv1a_byte(static_cast<unsigned char>(norm_char(w[k])), p);
        info.prefix[k] = p;
        std::uint64_t sfx = kFnvOffset;
        const std::size_t len = std::min(n, k + 1);
        for (std::size_t j = n - len; j < n; ++j)
            sfx = fnv1a_byte(static_cast<unsigned char>(norm_char(w[j])), sfx);
        info.suffix[k] = sfx;
    }
    info.capitalized = looks_capitalized(w);
    if (!clusters.empty()) {
        info.clusters = clusters.lookup(w);
        info.case_bucket = clusters.case_bucket_of(h);
    }
    return info;
}

constexpr std::uint64_t kBoundaryLeft = 0x51ed27a3b1c4f00dull;
constexpr std::uint64_t kBoundaryRight = 0x7a1e55c0ffee1234ull;

}  // namespace

void extract_features(std::span<const std::string_view> words, const Gazetteer& gazetteer,
                      const WordClusters& clusters, std::uint32_t hash_bits,
                      FeatureScratch& scratch, std::vector<std::uint32_t>& out) {
    const std::size_t n = words.size();
    scratch.info.resize(n);
    for (std::size_t i = 0; i < n; ++i) scratch.info[i] = word_info(words[i], clusters);
    gazetteer.match(words, scratch.gazetteer);
    out.resize(n * kNumFeatures);

    const unsigned shift = 64 - hash_bits;
    const auto& info = scratch.info;
    const auto& gaz = scratch.gazetteer;
    auto word_at = [&](std::ptrdiff_t j) {
        if (j < 0) return kBoundaryLeft;
        if (j >= static_cast<std::ptrdiff_t>(n)) return kBoundaryRight;
        return info[static_cast<std::size_t>(j)].word;
    };
    auto shape_at = [&](std::ptrdiff_t j) {
        if (j < 0) return kBoundaryLeft;
        if (j >= static_cast<std::ptrdiff_t>(n)) return kBoundaryRight;
        return info[static_cast<std::size_t>(j)].shape;
    };
    // Cluster id at a level; unknown words and the sentence edges get values of their own.
    auto cluster_at = [&](std::ptrdiff_t j, int level) -> std::uint64_t {
        if (j < 0) return kBoundaryLeft;
        if (j >= static_cast<std::ptrdiff_t>(n)) return kBoundaryRight;
        return info[static_cast<std::size_t>(j)].clusters.level[level];
    };
    auto gaz_at = [&](std::ptrdiff_t j) -> std::uint64_t {
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return 0xFF;
        return gaz[static_cast<std::size_t>(j)];
    };

    for (std::size_t i = 0; i < n; ++i) {
        const auto si = static_cast<std::ptrdiff_t>(i);
        const auto& w = info[i];
        std::uint32_t* f = &out[i * kNumFeatures];
        int k = 0;
        // Template number goes into every hash so equal values of different templates
        // land in different buckets.
        auto put = [&](std::uint64_t value) {
            f[k] = static_cast<std::uint32_t>(combine(value, static_cast<std::uint64_t>(k) + 1) >>
                                              shift);
            ++k;
        };
        put(0);  // bias
        put(w.word);
        put(w.cased);
        put(w.shape);
        for (int a = 0; a < 4; ++a) put(w.prefix[a]);
        for (int a = 0; a < 4; ++a) put(w.suffix[a]);
        put(word_at(si - 1));
        put(word_at(si - 2));
        put(word_at(si + 1));
        put(word_at(si + 2));
        put(shape_at(si - 1));
        put(shape_at(si + 1));
        put(combine(combine(shape_at(si - 1), w.shape), shape_at(si + 1)));
        put(combine(word_at(si - 1), w.word));
        put(combine(w.word, word_at(si + 1)));
        put(combine(i == 0 ? 1 : 2, w.shape));
        put(gaz_at(si));
        put(gaz_at(si - 1));
        put(gaz_at(si + 1));
        put(combine(word_at(si - 1), w.shape));
        put(combine(w.shape, word_at(si + 1)));
        put(combine(gaz_at(si), w.shape));
        put(combine(i > 0 ? info[i - 1].suffix[2] : kBoundaryLeft, w.capitalized ? 1 : 0));
        put(combine(w.suffix[2], word_at(si + 1)));
        put(cluster_at(si, 0));
        put(cluster_at(si, 1));
        put(cluster_at(si, 2));
        put(cluster_at(si - 1, 0));
        put(cluster_at(si + 1, 0));
        put(combine(w.case_bucket, w.shape));
        put(combine(w.case_bucket, (i == 0 ? 2 : 0) + (w.capitalized ? 1 : 0)));
    }
}

}  // namespace newsindex::ner
