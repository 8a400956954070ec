#include <doctest/doctest.h>

#include <vector>

#include "common/ner/conlleval.h"

using namespace newsindex::ner;

namespace {
constexpr Tag O = Tag::O, BP = Tag::B_PER, IP = Tag::I_PER, BO = Tag::B_ORG, IO = Tag::I_ORG,
              BL = Tag::B_LOC;
}

TEST_CASE("conlleval: chunks follow conlleval's reading of ill-formed tags") {
    // I- without B- starts a chunk; I-ORG after B-PER starts a new one.
    const std::vector<Tag> tags = {IP, IP, O, BP, IO, BL, BL};
    const auto c = chunks(tags);
    REQUIRE(c.size() == 5);
    CHECK(c[0] == Chunk{0, 2, 0});
    CHECK(c[1] == Chunk{3, 4, 0});
    CHECK(c[2] == Chunk{4, 5, 1});
    CHECK(c[3] == Chunk{5, 6, 2});
    CHECK(c[4] == Chunk{6, 7, 2});
}

TEST_CASE("conlleval: strict matching of type and both boundaries") {
    Scorer s;
    // gold: [PER 0-2] [ORG 3-5] [LOC 6]
    const std::vector<Tag> gold = {BP, IP, O, BO, IO, O, BL};
    // pred: PER right, ORG too short, LOC typed as ORG
    const std::vector<Tag> pred = {BP, IP, O, BO, O, O, BO};
    s.add(gold, pred);
    CHECK(s.by_type(0).correct == 1);
    CHECK(s.by_type(1).correct == 0);
    CHECK(s.by_type(1).predicted == 2);
    CHECK(s.by_type(2).gold == 1);
    CHECK(s.by_type(2).predicted == 0);
    const auto all = s.overall();
    CHECK(all.gold == 3);
    CHECK(all.predicted == 3);
    CHECK(all.correct == 1);
    CHECK(all.precision() == doctest::Approx(1.0 / 3));
    CHECK(all.f1() == doctest::Approx(1.0 / 3));
    CHECK(s.tokens() == 7);
}

TEST_CASE("conlleval: empty predictions give zero scores, not NaN") {
    Scorer s;
    const std::vector<Tag> gold = {BP, O};
    const std::vector<Tag> pred = {O, O};
    s.add(gold, pred);
    CHECK(s.overall().precision() == 0.0);
    CHECK(s.overall().recall() == 0.0);
    CHECK(s.overall().f1() == 0.0);
}
