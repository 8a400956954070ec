#include <doctest/doctest.h>

#include <vector>

#include "common/ner/viterbi.h"

using namespace newsindex::ner;

TEST_CASE("viterbi: picks the best path and never emits I-X after O or another type") {
    // Emissions strongly prefer I-PER everywhere; the only valid way to use it is B-PER first.
    const std::size_t n = 3;
    std::vector<float> e(n * kTagStride, 0.0f);
    for (std::size_t i = 0; i < n; ++i) e[i * kTagStride + static_cast<int>(Tag::I_PER)] = 5.0f;
    e[0 * kTagStride + static_cast<int>(Tag::B_PER)] = 1.0f;
    Transitions t;
    std::vector<Tag> out;
    std::vector<float> s;
    std::vector<std::uint8_t> b;
    viterbi(e, t, out, s, b);
    CHECK(out == std::vector<Tag>{Tag::B_PER, Tag::I_PER, Tag::I_PER});

    // I-ORG is preferred after a B-PER token: the constraint forces a valid sequence.
    std::vector<float> e2(2 * kTagStride, 0.0f);
    e2[static_cast<int>(Tag::B_PER)] = 3.0f;
    e2[kTagStride + static_cast<int>(Tag::I_ORG)] = 3.0f;
    e2[kTagStride + static_cast<int>(Tag::O)] = 1.0f;
    viterbi(e2, t, out, s, b);
    REQUIRE(out.size() == 2);
    CHECK(out[1] != Tag::I_ORG);
    for (std::size_t i = 1; i < out.size(); ++i) CHECK(transition_allowed(out[i - 1], out[i]));
}

TEST_CASE("viterbi: transition weights change the decision") {
    std::vector<float> e(2 * kTagStride, 0.0f);
    e[static_cast<int>(Tag::B_LOC)] = 2.0f;
    e[kTagStride + static_cast<int>(Tag::B_LOC)] = 1.0f;
    e[kTagStride + static_cast<int>(Tag::I_LOC)] = 0.9f;
    Transitions t;
    std::vector<Tag> out;
    std::vector<float> s;
    std::vector<std::uint8_t> b;
    viterbi(e, t, out, s, b);
    CHECK(out[1] == Tag::B_LOC);
    t.trans[static_cast<int>(Tag::B_LOC)][static_cast<int>(Tag::I_LOC)] = 0.5f;
    viterbi(e, t, out, s, b);
    CHECK(out[1] == Tag::I_LOC);
}

TEST_CASE("viterbi: empty sentence") {
    std::vector<float> e;
    Transitions t;
    std::vector<Tag> out{Tag::O};
    std::vector<float> s;
    std::vector<std::uint8_t> b;
    viterbi(e, t, out, s, b);
    CHECK(out.empty());
}
