#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/ner/document_pass.h"
#include "common/ner_train/conll.h"

using namespace newsindex::ner;

namespace {

std::vector<LabeledSentence> read(const DocSelection& sel, ConllStats* stats = nullptr) {
    std::ifstream in(std::string(NEWSINDEX_FIXTURES) + "/ner/tiny.conll");
    REQUIRE(in);
    std::vector<LabeledSentence> out;
    const auto st = read_conll(in, sel, out);
    if (stats) *stats = st;
    return out;
}

}  // namespace

TEST_CASE("conll: sentences, tags from column 2, other labels as O") {
    ConllStats stats;
    const auto all = read(DocSelection{}, &stats);
    CHECK(stats.documents == 4);
    REQUIRE(all.size() == 5);
    CHECK(all[0].words == std::vector<std::string>{"Bakiyev", "fled"});
    CHECK(all[0].tags == std::vector<Tag>{Tag::B_PER, Tag::O});
    CHECK(all[2].tags[1] == Tag::B_ORG);
    CHECK(all[2].tags[2] == Tag::I_ORG);
    CHECK(all[3].tags[0] == Tag::O);  // B-MISC is not an entity type here
    CHECK(all[1].doc == 0);
    CHECK(all[4].doc == 3);
}

TEST_CASE("conll: document selection is by document, both ways") {
    DocSelection keep{2, 1, false};  // documents 1 and 3
    const auto kept = read(keep);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].doc == 1);
    CHECK(kept[1].doc == 3);
    DocSelection drop{2, 1, true};  // documents 0 and 2, with all their sentences
    const auto rest = read(drop);
    REQUIRE(rest.size() == 3);
    CHECK(rest[0].doc == 0);
    CHECK(rest[1].doc == 0);
    CHECK(rest[2].doc == 2);
}

TEST_CASE("document pass: surnames of people named in full become persons") {
    const std::vector<std::vector<std::string_view>> words = {
        {"Andy", "Warhol", "painted", "."},
        {"Warhol", "lived", "in", "Paris", "."},
        {"Later", "Warhol", "left", "."},
        {"The", "Warhol", "Foundation", "paid", "."},
    };
    std::vector<std::vector<Tag>> tags = {
        {Tag::B_PER, Tag::I_PER, Tag::O, Tag::O},
        {Tag::B_LOC, Tag::O, Tag::O, Tag::B_LOC, Tag::O},
        {Tag::O, Tag::O, Tag::O, Tag::O},
        {Tag::O, Tag::O, Tag::O, Tag::O, Tag::O},
    };
    propagate_person_names(words, tags);
    CHECK(tags[1][0] == Tag::B_PER);  // retyped
    CHECK(tags[1][3] == Tag::B_LOC);  // other names untouched
    CHECK(tags[2][1] == Tag::B_PER);  // untagged occurrence after the sentence opener
    CHECK(tags[3][1] == Tag::O);      // part of a longer capitalised name: left alone
}
