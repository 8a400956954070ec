#include "common/ner_train/word_clustering.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace newsindex::ner {

struct ClusterCorpusAccess {
    static const auto& words(const ClusterCorpus& c) { return c.words_; }
    static const auto& stream(const ClusterCorpus& c) { return c.stream_; }
    static const auto& inner(const ClusterCorpus& c) { return c.inner_; }
    static constexpr std::uint32_t kBoundary = ClusterCorpus::kBoundary;
};

void ClusterCorpus::add_sentence(std::span<const std::string_view> words) {
    if (words.empty()) return;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view canonical = canonical_quote(words[i]);
        auto [it, added] =
            ids_.try_emplace(std::string(canonical), static_cast<std::uint32_t>(words_.size()));
        if (added) {
            words_.push_back(it->first);
            inner_.push_back(0);
        }
        stream_.push_back(it->second);
        if (i > 0) ++inner_[it->second];
    }
    stream_.push_back(kBoundary);
    tokens_ += words.size();
    ++sentences_;
}

namespace {

double xlogx(double x) {
    return x > 0 ? x * std::log(x) : 0.0;
}

using Adjacency = std::vector<std::vector<std::pair<std::uint32_t, double>>>;

// Class bigram counts and their x log x, kept in both orientations so that both sums of a
// move's gain read memory row by row.
struct ClassCounts {
    std::uint32_t k = 0;
    std::vector<double> n, nt, fn, fnt;  // n[c*k+d] = N(c,d); nt[d*k+c] = N(c,d)
    std::vector<double> left, right;     // N(c,.), N(.,c)

    void init(std::uint32_t classes) {
        k = classes;
        n.assign(std::size_t{k} * k, 0.0);
        nt = n;
        fn = n;
        fnt = n;
        left.assign(k, 0.0);
        right.assign(k, 0.0);
    }
    void add(std::uint32_t c, std::uint32_t d, double v) {
        const std::size_t cd = std::size_t{c} * k + d, dc = std::size_t{d} * k + c;
        n[cd] += v;
        nt[dc] = n[cd];
        fn[cd] = fnt[dc] = xlogx(n[cd]);
    }
};

}  // namespace

std::vector<std::uint32_t> exchange_clusters(
    std::uint32_t num_items, const Adjacency& right, std::span<const std::int32_t> fixed,
    std::span<const std::uint32_t> order, std::uint32_t num_classes, int iterations,
    const std::function<void(const std::string&)>& progress) {
    if (right.size() != num_items || fixed.size() != num_items || num_classes == 0)
        throw std::invalid_argument("exchange_clusters: inconsistent input");
    std::uint32_t k = num_classes;
    for (const auto f : fixed) {
        if (f >= 0 && static_cast<std::uint32_t>(f) < num_classes)
            throw std::invalid_argument("exchange_clusters: fixed classes must follow the movable");
        if (f >= 0) k = std::max(k, static_cast<std::uint32_t>(f) + 1);
    }
    Adjacency left(num_items);
    std::vector<double> self(num_items, 0.0), out_total(num_items, 0.0), in_total(num_items, 0.0);
    for (std::uint32_t i = 0; i < num_items; ++i)
        for (const auto& [j, c] : right[i]) {
            left[j].emplace_back(i, c);
            if (j == i) self[i] += c;
            out_total[i] += c;
            in_total[j] += c;
        }

    std::vector<std::uint32_t> cls(num_items, 0);
    std::vector<std::uint32_t> movable;
    for (const auto i : order)
        if (fixed[i] < 0) movable.push_back(i);
    for (std::uint32_t i = 0; i < num_items; ++i)
        if (fixed[i] >= 0) cls[i] = static_cast<std::uint32_t>(fixed[i]);
    for (std::size_t r = 0; r < movable.size(); ++r)
        cls[movable[r]] = static_cast<std::uint32_t>(r % num_classes);

    ClassCounts counts;
    counts.init(k);
    for (std::uint32_t i = 0; i < num_items; ++i)
        for (const auto& [j, c] : right[i]) {
            counts.n[std::size_t{cls[i]} * k + cls[j]] += c;
            counts.left[cls[i]] += c;
            counts.right[cls[j]] += c;
        }
    for (std::uint32_t c = 0; c < k; ++c)
        for (std::uint32_t d = 0; d < k; ++d) counts.add(c, d, 0.0);

    std::vector<double> r_ctx(k, 0.0), l_ctx(k, 0.0);
    std::vector<std::uint32_t> r_touched, l_touched;
    // Moves item w's counts into (sign = +1) or out of (-1) class a.
    auto apply = [&](std::uint32_t w, std::uint32_t a, double sign) {
        for (const auto d : r_touched) counts.add(a, d, sign * r_ctx[d]);
        for (const auto c : l_touched) counts.add(c, a, sign * l_ctx[c]);
        counts.add(a, a, sign * self[w]);
        counts.left[a] += sign * out_total[w];
        counts.right[a] += sign * in_total[w];
    };
    auto gain = [&](std::uint32_t w, std::uint32_t b) {
        const double* nb = &counts.n[std::size_t{b} * k];
        const double* fnb = &counts.fn[std::size_t{b} * k];
        const double* ntb = &counts.nt[std::size_t{b} * k];
        const double* fntb = &counts.fnt[std::size_t{b} * k];
        double g = 0.0;
        for (const auto d : r_touched) g += xlogx(nb[d] + r_ctx[d]) - fnb[d];
        for (const auto c : l_touched) g += xlogx(ntb[c] + l_ctx[c]) - fntb[c];
        // N(b,b) gets the word's contexts in b on both sides and its self bigrams at once.
        const double x = nb[b];
        g -= (xlogx(x + r_ctx[b]) - fnb[b]) + (xlogx(x + l_ctx[b]) - fnb[b]);
        g += xlogx(x + r_ctx[b] + l_ctx[b] + self[w]) - fnb[b];
        g -= xlogx(counts.left[b] + out_total[w]) - xlogx(counts.left[b]);
        g -= xlogx(counts.right[b] + in_total[w]) - xlogx(counts.right[b]);
        return g;
    };

    for (int it = 0; it < iterations; ++it) {
        const auto started = std::chrono::steady_clock::now();
        std::size_t moves = 0;
        for (const auto w : movable) {
            const std::uint32_t a = cls[w];
            r_touched.clear();
            l_touched.clear();
            for (const auto& [v, c] : right[w]) {
                if (v == w) continue;
                const auto d = cls[v];
                if (r_ctx[d] == 0.0) r_touched.push_back(d);
                r_ctx[d] += c;
            }
            for (const auto& [u, c] : left[w]) {
                if (u == w) continue;
                const auto d = cls[u];
                if (l_ctx[d] == 0.0) l_touched.push_back(d);
                l_ctx[d] += c;
            }
            apply(w, a, -1.0);
            std::uint32_t best = a;
            double best_gain = gain(w, a);
            for (std::uint32_t b = 0; b < num_classes; ++b) {
                if (b == a) continue;
                const double g = gain(w, b);
                // Move only for a real gain, so rounding never makes words oscillate.
                if (g > best_gain + 1e-9 * (1.0 + std::abs(best_gain))) {
                    best = b;
                    best_gain = g;
                }
            }
            apply(w, best, 1.0);
            if (best != a) {
                cls[w] = best;
                ++moves;
            }
            for (const auto d : r_touched) r_ctx[d] = 0.0;
            for (const auto d : l_touched) l_ctx[d] = 0.0;
        }
        if (progress) {
            double objective = 0.0;
            for (std::size_t i = 0; i < counts.fn.size(); ++i) objective += counts.fn[i];
            for (std::uint32_t c = 0; c < k; ++c)
                objective -= xlogx(counts.left[c]) + xlogx(counts.right[c]);
            const double secs =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            char msg[200];
            std::snprintf(msg, sizeof msg,
                          "exchange %u items -> %u classes, pass %d: %zu moves, objective %.6g, "
                          "%.1f s",
                          static_cast<unsigned>(movable.size()), num_classes, it + 1, moves,
                          objective, secs);
            progress(msg);
        }
        if (moves * 1000 < movable.size()) break;  // under 0.1% moved: converged
    }
    return cls;
}

namespace {

// Bigram counts between the classes of `cls` (k classes), as an adjacency over classes.
Adjacency class_bigrams(const Adjacency& right, std::span<const std::uint32_t> cls,
                        std::uint32_t k) {
    std::vector<double> dense(std::size_t{k} * k, 0.0);
    for (std::size_t i = 0; i < right.size(); ++i)
        for (const auto& [j, c] : right[i]) dense[std::size_t{cls[i]} * k + cls[j]] += c;
    Adjacency out(k);
    for (std::uint32_t c = 0; c < k; ++c)
        for (std::uint32_t d = 0; d < k; ++d)
            if (const double v = dense[std::size_t{c} * k + d]; v > 0) out[c].emplace_back(d, v);
    return out;
}

// Items by total count, most frequent first; ties by index (deterministic).
std::vector<std::uint32_t> by_count(const Adjacency& right) {
    std::vector<double> total(right.size(), 0.0);
    for (std::size_t i = 0; i < right.size(); ++i)
        for (const auto& [j, c] : right[i]) {
            total[i] += c;
            total[j] += c;
        }
    std::vector<std::uint32_t> order(right.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return total[a] > total[b]; });
    return order;
}

}  // namespace

std::vector<ClusteredWord> cluster_words(const ClusterCorpus& corpus,
                                         const ClusteringOptions& options) {
    if (options.clusters == 0 || options.mid_clusters == 0 || options.coarse_clusters == 0 ||
        options.clusters >= ClusterIds::kNoCluster)
        throw std::invalid_argument("cluster_words: bad cluster counts");
    const auto& words = ClusterCorpusAccess::words(corpus);
    const auto& stream = ClusterCorpusAccess::stream(corpus);
    constexpr auto kBoundary = ClusterCorpusAccess::kBoundary;

    std::vector<std::uint64_t> count(words.size(), 0);
    for (const auto id : stream)
        if (id != kBoundary) ++count[id];
    std::vector<std::uint32_t> vocab;
    for (std::uint32_t i = 0; i < words.size(); ++i)
        if (count[i] >= options.min_count) vocab.push_back(i);
    std::sort(vocab.begin(), vocab.end(), [&](std::uint32_t a, std::uint32_t b) {
        return count[a] != count[b] ? count[a] > count[b] : words[a] < words[b];
    });

    // Items: the vocabulary in that order, then "rare word" and "sentence boundary", which
    // keep classes of their own so that they do not blur the words' clusters.
    const auto num_vocab = static_cast<std::uint32_t>(vocab.size());
    const std::uint32_t rare = num_vocab, boundary = num_vocab + 1, num_items = num_vocab + 2;
    std::vector<std::uint32_t> item(words.size(), rare);
    for (std::uint32_t r = 0; r < num_vocab; ++r) item[vocab[r]] = r;
    Adjacency right(num_items);
    {
        std::vector<std::unordered_map<std::uint32_t, double>> maps(num_items);
        std::uint32_t prev = boundary;
        for (const auto id : stream) {
            const std::uint32_t cur = id == kBoundary ? boundary : item[id];
            if (!(prev == boundary && cur == boundary)) maps[prev][cur] += 1.0;
            prev = cur;
        }
        for (std::uint32_t i = 0; i < num_items; ++i) {
            right[i].assign(maps[i].begin(), maps[i].end());
            std::sort(right[i].begin(), right[i].end());
        }
    }
    if (options.progress) {
        std::size_t bigrams = 0;
        for (const auto& r : right) bigrams += r.size();
        options.progress("clusters: " + std::to_string(corpus.tokens()) + " tokens, " +
                         std::to_string(corpus.sentences()) + " sentences, " +
                         std::to_string(words.size()) + " word types, " +
                         std::to_string(num_vocab) + " seen " + std::to_string(options.min_count) +
                         "+ times, " + std::to_string(bigrams) + " distinct bigrams");
    }

    const std::uint32_t c1 = options.clusters;
    std::vector<std::int32_t> fixed(num_items, -1);
    fixed[rare] = static_cast<std::int32_t>(c1);
    fixed[boundary] = static_cast<std::int32_t>(c1 + 1);
    std::vector<std::uint32_t> order(num_items);
    std::iota(order.begin(), order.end(), 0u);
    const auto fine =
        exchange_clusters(num_items, right, fixed, order, c1, options.iterations, options.progress);

    // Coarser levels: cluster the classes of the level below by their own bigram counts.
    auto coarser = [&](const Adjacency& below_right, std::uint32_t below_k, std::uint32_t classes) {
        std::vector<std::int32_t> fix(below_k + 2, -1);
        fix[below_k] = static_cast<std::int32_t>(classes);
        fix[below_k + 1] = static_cast<std::int32_t>(classes + 1);
        return exchange_clusters(below_k + 2, below_right, fix, by_count(below_right), classes,
                                 options.iterations * 4, options.progress);
    };
    const Adjacency fine_right = class_bigrams(right, fine, c1 + 2);
    const auto mid = coarser(fine_right, c1, options.mid_clusters);
    const Adjacency mid_right = class_bigrams(fine_right, mid, options.mid_clusters + 2);
    const auto coarse = coarser(mid_right, options.mid_clusters, options.coarse_clusters);

    std::vector<ClusteredWord> out;
    out.reserve(num_vocab);
    for (std::uint32_t r = 0; r < num_vocab; ++r) {
        ClusteredWord cw;
        cw.word = words[vocab[r]];
        cw.count = count[vocab[r]];
        cw.inner_count = ClusterCorpusAccess::inner(corpus)[vocab[r]];
        cw.level[0] = static_cast<std::uint16_t>(fine[r]);
        cw.level[1] = static_cast<std::uint16_t>(mid[fine[r]]);
        cw.level[2] = static_cast<std::uint16_t>(coarse[mid[fine[r]]]);
        out.push_back(std::move(cw));
    }
    return out;
}

void write_clusters(std::ostream& out, std::span<const ClusteredWord> words) {
    for (const auto& w : words)
        out << w.word << '\t' << w.count << '\t' << w.inner_count << '\t' << w.level[0] << '\t'
            << w.level[1] << '\t' << w.level[2] << '\n';
}

std::vector<ClusteredWord> read_clusters(std::istream& in) {
    std::vector<ClusteredWord> out;
    std::string line;
    long line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        std::istringstream fields(line);
        ClusteredWord w;
        std::string count, inner, a, b, c;
        if (!std::getline(fields, w.word, '\t') || !std::getline(fields, count, '\t') ||
            !std::getline(fields, inner, '\t') || !std::getline(fields, a, '\t') ||
            !std::getline(fields, b, '\t') || !std::getline(fields, c) || w.word.empty())
            throw std::runtime_error("clusters line " + std::to_string(line_no) +
                                     ": expected word, two counts and three cluster ids");
        try {
            w.count = std::stoull(count);
            w.inner_count = std::stoull(inner);
            const unsigned long ids[] = {std::stoul(a), std::stoul(b), std::stoul(c)};
            for (int l = 0; l < kClusterLevels; ++l) {
                if (ids[l] >= ClusterIds::kNoCluster) throw std::out_of_range("id");
                w.level[l] = static_cast<std::uint16_t>(ids[l]);
            }
        } catch (const std::logic_error&) {
            throw std::runtime_error("clusters line " + std::to_string(line_no) + ": bad number");
        }
        out.push_back(std::move(w));
    }
    return out;
}

WordClusters to_word_clusters(std::span<const ClusteredWord> words) {
    std::uint32_t num_fine = 0;
    for (const auto& w : words) num_fine = std::max<std::uint32_t>(num_fine, w.level[0] + 1u);
    std::vector<std::uint16_t> mid(num_fine, ClusterIds::kNoCluster);
    std::vector<std::uint16_t> coarse(num_fine, ClusterIds::kNoCluster);
    std::vector<std::uint64_t> keys;
    std::vector<std::uint16_t> fine;
    for (const auto& w : words) {
        const auto f = w.level[0];
        if ((mid[f] != ClusterIds::kNoCluster && mid[f] != w.level[1]) ||
            (coarse[f] != ClusterIds::kNoCluster && coarse[f] != w.level[2]))
            throw std::invalid_argument("word clusters: levels do not nest (" + w.word + ")");
        mid[f] = w.level[1];
        coarse[f] = w.level[2];
        keys.push_back(WordClusters::key(w.word));
        fine.push_back(f);
    }
    // Fine clusters no word is in (possible after the exchange) get level ids 0: never
    // looked up, but the table must be complete.
    for (std::uint32_t f = 0; f < num_fine; ++f) {
        if (mid[f] == ClusterIds::kNoCluster) mid[f] = 0;
        if (coarse[f] == ClusterIds::kNoCluster) coarse[f] = 0;
    }
    WordClusters clusters;
    clusters.assign(std::move(keys), std::move(fine), num_fine, std::move(mid), std::move(coarse));

    std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> cases;  // (capitalised, lower)
    for (const auto& w : words) {
        const char first = w.word[0];
        if (first >= 'A' && first <= 'Z')
            cases[lower_word_key(w.word)].first += w.inner_count;
        else if (first >= 'a' && first <= 'z')
            cases[lower_word_key(w.word)].second += w.inner_count;
    }
    std::vector<std::uint64_t> case_keys;
    std::vector<std::uint8_t> buckets;
    for (const auto& [key, n] : cases) {
        const std::uint8_t b = case_bucket(n.first, n.second);
        if (b == 0) continue;
        case_keys.push_back(key);
        buckets.push_back(b);
    }
    clusters.assign_case(std::move(case_keys), std::move(buckets));
    return clusters;
}

}  // namespace newsindex::ner
