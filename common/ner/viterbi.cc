#include "common/ner/viterbi.h"

#include <limits>

namespace newsindex::ner {

void viterbi(std::span<const float> emissions, const Transitions& t, std::vector<Tag>& out,
             std::vector<float>& score, std::vector<std::uint8_t>& back) {
    const std::size_t n = emissions.size() / kTagStride;
    out.resize(n);
    if (n == 0) return;
    constexpr float kNeg = -std::numeric_limits<float>::infinity();
    score.assign(n * kNumTags, kNeg);
    back.assign(n * kNumTags, 0);
    for (int y = 0; y < kNumTags; ++y)
        if (start_allowed(static_cast<Tag>(y))) score[y] = t.start[y] + emissions[y];
    for (std::size_t i = 1; i < n; ++i) {
        const float* prev = &score[(i - 1) * kNumTags];
        float* cur = &score[i * kNumTags];
        for (int y = 0; y < kNumTags; ++y) {
            float best = kNeg;
            int arg = 0;
            for (int x = 0; x < kNumTags; ++x) {
                if (!transition_allowed(static_cast<Tag>(x), static_cast<Tag>(y))) continue;
                const float s = prev[x] + t.trans[x][y];
                if (s > best) {
                    best = s;
                    arg = x;
                }
            }
            cur[y] = best + emissions[i * kTagStride + y];
            back[i * kNumTags + y] = static_cast<std::uint8_t>(arg);
        }
    }
    int best_y = 0;
    for (int y = 1; y < kNumTags; ++y)
        if (score[(n - 1) * kNumTags + y] > score[(n - 1) * kNumTags + best_y]) best_y = y;
    for (std::size_t i = n; i-- > 0;) {
        out[i] = static_cast<Tag>(best_y);
        best_y = back[i * kNumTags + best_y];
    }
}

}  // namespace newsindex::ner
