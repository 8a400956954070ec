// First-order Viterbi decoding over the BIO tags, with ill-formed transitions (O -> I-X,
// B-PER -> I-ORG, start -> I-X) excluded, so the output is always valid BIO.
#pragma once

#include <span>
#include <vector>

#include "common/ner/tags.h"

namespace newsindex::ner {

struct Transitions {
    float start[kNumTags] = {};
    float trans[kNumTags][kNumTags] = {};  // [from][to]
};

// emissions: n rows of kTagStride scores (only the first kNumTags are used).
void viterbi(std::span<const float> emissions, const Transitions& t, std::vector<Tag>& out,
             std::vector<float>& scratch_scores, std::vector<std::uint8_t>& scratch_back);

}  // namespace newsindex::ner
