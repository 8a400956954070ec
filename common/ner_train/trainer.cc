#include "common/ner_train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include "common/base/utf8.h"
#include "common/ner/conlleval.h"
#include "common/ner/features.h"
#include "common/ner/normalize.h"
#include "common/ner/viterbi.h"

namespace newsindex::ner {

namespace {

// Weights plus the running sums for averaging: avg = w - u / c (Daume's trick), so an
// update costs O(1) instead of touching every weight per step.
struct AveragedWeights {
    std::vector<float> w;
    std::vector<double> u;
    void resize(std::size_t n) {
        w.assign(n, 0.0f);
        u.assign(n, 0.0);
    }
    void update(std::size_t i, float delta, double c) {
        w[i] += delta;
        u[i] += c * delta;
    }
    double averaged(std::size_t i, double c) const { return w[i] - u[i] / c; }
};

// Transitions live after the emission table: index kStartBase + y and kTransBase + x*7+y.
struct Layout {
    std::size_t emissions;
    std::size_t start() const { return emissions; }
    std::size_t trans(int x, int y) const {
        return emissions + kNumTags + static_cast<std::size_t>(x * kNumTags + y);
    }
    std::size_t total() const { return emissions + kNumTags + kNumTags * kNumTags; }
};

// Fisher-Yates with mt19937_64: std::shuffle's algorithm is unspecified, and the model
// must come out the same everywhere for one seed.
void shuffle(std::vector<std::uint32_t>& v, std::mt19937_64& rng) {
    for (std::size_t i = v.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng() % i);
        std::swap(v[i - 1], v[j]);
    }
}

constexpr std::uint8_t bit(Tag t) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(t));
}

bool is_honorific(std::string_view w) {
    return w == "Mr." || w == "Mrs." || w == "Ms." || w == "Dr." || w == "Mr" || w == "Mrs" ||
           w == "Ms" || w == "Dr";
}

}  // namespace

long free_title_labels(LabeledSentence& s) {
    long freed = 0;
    for (const auto& c : chunks(s.tags)) {
        if (c.type != 0) continue;
        std::uint32_t b = c.begin;
        while (b > 0 && s.tags[b - 1] == Tag::O && is_title_word(s.words[b - 1])) --b;
        if (b == c.begin) continue;
        if (s.allowed.empty()) {
            s.allowed.resize(s.tags.size());
            for (std::size_t i = 0; i < s.tags.size(); ++i) s.allowed[i] = bit(s.tags[i]);
        }
        for (auto i = b; i < c.begin; ++i)
            s.allowed[i] = bit(Tag::O) | bit(Tag::B_PER) | bit(Tag::I_PER);
        s.allowed[c.begin] = bit(Tag::B_PER) | bit(Tag::I_PER);
        freed += c.begin - b;
    }
    return freed;
}

long strip_leading_titles(LabeledSentence& s) {
    long stripped = 0;
    for (const auto& c : chunks(s.tags)) {
        if (c.type != 0) continue;
        std::uint32_t b = c.begin;
        while (b < c.end && is_title_word(s.words[b])) {
            s.tags[b++] = Tag::O;
            ++stripped;
        }
        if (b < c.end) s.tags[b] = Tag::B_PER;
    }
    return stripped;
}

LabeledSentence upper_cased(LabeledSentence s) {
    for (auto& word : s.words) word = utf8::upper(word);
    return s;
}

long merge_honorific_chunks(LabeledSentence& s) {
    long merged = 0;
    for (const auto& c : chunks(s.tags)) {
        if (c.type != 0 || c.end >= s.tags.size() || !is_begin(s.tags[c.end]) ||
            tag_type(s.tags[c.end]) == 0)
            continue;
        bool honorifics = true;
        for (auto i = c.begin; i < c.end; ++i) honorifics = honorifics && is_honorific(s.words[i]);
        if (!honorifics) continue;
        std::size_t e = c.end;
        s.tags[e++] = Tag::I_PER;
        while (e < s.tags.size() && is_inside(s.tags[e])) s.tags[e++] = Tag::I_PER;
        ++merged;
    }
    return merged;
}

Model train(const std::vector<LabeledSentence>& data, Gazetteer gazetteer,
            const TrainOptions& options, WordClusters clusters) {
    const std::uint32_t bits = options.hash_bits;
    const Layout layout{(std::size_t{1} << bits) * kTagStride};

    // Features never change during training: extract once.
    std::vector<std::uint32_t> features;
    std::vector<std::size_t> offsets;  // token offset of each sentence
    {
        FeatureScratch scratch;
        std::vector<std::uint32_t> one;
        std::vector<std::string_view> words;
        std::size_t tokens = 0;
        for (const auto& s : data) tokens += s.words.size();
        features.reserve(tokens * kNumFeatures);
        for (const auto& s : data) {
            offsets.push_back(features.size() / kNumFeatures);
            words.assign(s.words.begin(), s.words.end());
            extract_features(words, gazetteer, clusters, bits, scratch, one);
            features.insert(features.end(), one.begin(), one.end());
        }
    }

    AveragedWeights weights;
    weights.resize(layout.total());
    std::vector<std::uint32_t> order(data.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(options.seed);
    double c = 1.0;

    std::vector<float> emissions;
    std::vector<float> vscore;
    std::vector<std::uint8_t> vback;
    std::vector<Tag> predicted;
    std::vector<float> constrained;
    std::vector<Tag> target;
    Transitions t;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        const auto started = std::chrono::steady_clock::now();
        shuffle(order, rng);
        long token_errors = 0, tokens = 0;
        for (const std::uint32_t si : order) {
            const auto& s = data[si];
            const std::size_t n = s.words.size();
            const std::uint32_t* f = &features[offsets[si] * kNumFeatures];
            emissions.assign(n * kTagStride, 0.0f);
            for (std::size_t i = 0; i < n; ++i)
                for (int k = 0; k < kNumFeatures; ++k) {
                    const float* row =
                        &weights.w[std::size_t{f[i * kNumFeatures + k]} * kTagStride];
                    for (int y = 0; y < kNumTags; ++y) emissions[i * kTagStride + y] += row[y];
                }
            for (int y = 0; y < kNumTags; ++y) {
                t.start[y] = weights.w[layout.start() + y];
                for (int x = 0; x < kNumTags; ++x) t.trans[x][y] = weights.w[layout.trans(x, y)];
            }
            viterbi(emissions, t, predicted, vscore, vback);
            tokens += static_cast<long>(n);
            const std::vector<Tag>* gold = &s.tags;
            if (!s.allowed.empty()) {
                // Latent labels: the truth is the best-scoring sequence the mask allows.
                constrained.assign(emissions.begin(), emissions.end());
                for (std::size_t i = 0; i < n; ++i)
                    for (int y = 0; y < kNumTags; ++y)
                        if (!(s.allowed[i] & (1u << y))) constrained[i * kTagStride + y] = -1e30f;
                viterbi(constrained, t, target, vscore, vback);
                gold = &target;
            }
            if (!std::equal(predicted.begin(), predicted.end(), gold->begin())) {
                for (std::size_t i = 0; i < n; ++i) {
                    const int g = static_cast<int>((*gold)[i]);
                    const int p = static_cast<int>(predicted[i]);
                    if (g != p) {
                        ++token_errors;
                        for (int k = 0; k < kNumFeatures; ++k) {
                            const std::size_t row =
                                std::size_t{f[i * kNumFeatures + k]} * kTagStride;
                            weights.update(row + g, 1.0f, c);
                            weights.update(row + p, -1.0f, c);
                        }
                    }
                    const int gp = i == 0 ? -1 : static_cast<int>((*gold)[i - 1]);
                    const int pp = i == 0 ? -1 : static_cast<int>(predicted[i - 1]);
                    if (g == p && gp == pp) continue;
                    weights.update(gp < 0 ? layout.start() + g : layout.trans(gp, g), 1.0f, c);
                    weights.update(pp < 0 ? layout.start() + p : layout.trans(pp, p), -1.0f, c);
                }
            }
            c += 1.0;
        }
        if (options.progress) {
            const double secs =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            char msg[160];
            std::snprintf(msg, sizeof msg,
                          "epoch %d/%d: %ld tokens, training token error %.4f, %.1f s", epoch + 1,
                          options.epochs, tokens,
                          tokens ? static_cast<double>(token_errors) / tokens : 0.0, secs);
            options.progress(msg);
        }
    }

    // Average, then quantise emissions to int16 with one scale: the model file is 4x
    // smaller than float and the tagger adds 8 int16 per feature in one vector op.
    double max_abs = 0.0;
    for (std::size_t i = 0; i < layout.emissions; ++i)
        max_abs = std::max(max_abs, std::abs(weights.averaged(i, c)));
    const double scale = max_abs > 0 ? max_abs / 32767.0 : 1.0;
    std::vector<std::int16_t> q(layout.emissions);
    for (std::size_t i = 0; i < layout.emissions; ++i)
        q[i] = static_cast<std::int16_t>(std::lround(weights.averaged(i, c) / scale));
    Transitions avg;
    for (int y = 0; y < kNumTags; ++y) {
        avg.start[y] = static_cast<float>(weights.averaged(layout.start() + y, c));
        for (int x = 0; x < kNumTags; ++x)
            avg.trans[x][y] = static_cast<float>(weights.averaged(layout.trans(x, y), c));
    }
    return Model(bits, static_cast<float>(scale), std::move(q), avg, std::move(gazetteer),
                 std::move(clusters), options.language);
}

}  // namespace newsindex::ner
