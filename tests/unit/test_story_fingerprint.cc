#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/story/fingerprint.h"

using namespace newsindex::stories;

namespace {

std::string join(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
    return out;
}

const std::vector<std::string> kWire = {
    "WASHINGTON, Feb 26 - Treasury Secretary James Baker said the United States and its "
    "major trading partners agreed to cooperate closely to foster the stability of "
    "exchange rates around current levels.",
    "Baker told reporters after a meeting of finance ministers in Paris that the dollar "
    "had fallen far enough and that further substantial declines could hurt growth.",
    "He said the ministers discussed the outlook for interest rates in West Germany and "
    "Japan and agreed that surplus countries should stimulate domestic demand.",
    "The agreement follows months of pressure from American manufacturers who say the "
    "strong dollar of the early eighties cost them export markets they never regained.",
    "Officials declined to say whether central banks would intervene in currency markets "
    "to defend the new ranges, which were not made public.",
};

Fingerprint print(const std::vector<std::string>& paragraphs) {
    const auto result = fingerprint(join(paragraphs));
    REQUIRE(result);
    return *result;
}

}  // namespace

TEST_CASE("versions of one wire story share a story") {
    const Fingerprint original = print(kWire);

    SUBCASE("an added paragraph and closing credits") {
        auto version = kWire;
        version.insert(version.begin() + 3,
                       "Analysts in New York said the statement was vaguer than markets had "
                       "hoped and that traders would test the dollar's floor within weeks.");
        version.push_back("Reporting by Jane Smith; Editing by John Doe");
        version.push_back("Reuter");
        CHECK(same_story(original, print(version)));
    }
    SUBCASE("paragraphs moved, another dateline") {
        auto version = kWire;
        std::swap(version[1], version[4]);
        std::swap(version[2], version[3]);
        version[0].replace(0, std::string("WASHINGTON, Feb 26 - ").size(), "PARIS (Reuters) - ");
        const Fingerprint moved = print(version);
        CHECK(similarity(original, moved) == doctest::Approx(1.0));
        CHECK(story_score(original, moved) == doctest::Approx(1.0));
    }
    SUBCASE("a byline and a dropped paragraph") {
        auto version = kWire;
        version.erase(version.begin() + 4);
        version.insert(version.begin(), "By Peter Jones");
        CHECK(same_story(original, print(version)));
    }
    SUBCASE("a few words changed") {
        auto version = kWire;
        version[1] =
            "Baker told journalists after a meeting of finance ministers in Paris "
            "that the dollar had fallen far enough and that more substantial "
            "declines could hurt growth.";
        CHECK(same_story(original, print(version)));
    }
}

TEST_CASE("different stories on one topic are different stories") {
    const Fingerprint monday = print({
        "NEW YORK, March 2 - Oil prices rose on Monday as traders bet that OPEC members "
        "would keep to the output ceiling agreed in December, pushing crude to 18 dlrs.",
        "April West Texas Intermediate gained 45 cents to settle at 17.95 dlrs a barrel on "
        "the New York Mercantile Exchange, its highest close in three weeks.",
        "Dealers said reports that Saudi Arabia had cut its sales to Japanese refiners "
        "lent support, while heating oil futures were steady on mild weather.",
    });
    const Fingerprint thursday = print({
        "NEW YORK, March 5 - Oil prices rose on Thursday after the American Petroleum "
        "Institute reported a larger than expected draw in gasoline stocks last week.",
        "April crude climbed 30 cents to 18.40 dlrs a barrel in late trade on the New York "
        "Mercantile Exchange, and products followed with gains of a cent a gallon.",
        "Traders said buying by commission houses picked up in the afternoon as short "
        "sellers covered positions ahead of an OPEC price committee meeting in Vienna.",
    });
    CHECK_FALSE(same_story(monday, thursday));
    CHECK(containment(monday, thursday) < 0.2);
}

TEST_CASE("boilerplate and short bodies") {
    const auto paragraphs = story_paragraphs(
        "By Ann Lee\n\nLONDON, Jan 3 - Markets were calm.\n\nMore text follows here "
        "today.\n\nAdditional reporting by Bob\n\nReuter");
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[0] == "Markets were calm.");
    CHECK(paragraphs[1] == "More text follows here today.");
    // A sentence with a dash is not a dateline.
    CHECK(story_paragraphs("The company said - again - it would pay.")[0] ==
          "The company said - again - it would pay.");
    CHECK_FALSE(fingerprint("Qtly div 12 cts vs 12 cts prior"));
    // Notices worded alike for every company are too short to be told apart: no
    // fingerprint, so no story shared with another bank's.
    CHECK_FALSE(
        fingerprint("TCF Banking and Savings FA said it is raising its prime rate to "
                    "7-3/4 pct from 7-1/2 pct effective today."));
}

TEST_CASE("signatures survive the index and story ids are stable") {
    const Fingerprint original = print(kWire);
    const auto decoded = decode_signature(encode_signature(original));
    REQUIRE(decoded);
    CHECK(similarity(original, *decoded) == doctest::Approx(1.0));
    CHECK_FALSE(decode_signature("short"));
    CHECK(decoded->shingles == original.shingles);
    CHECK(decoded->figures == original.figures);
    CHECK_FALSE(decode_signature(encode_signature(original) + "x"));
    CHECK(!key_terms(original).empty());
    CHECK(key_terms(original).size() <= kKeys);
    CHECK(key_terms(original)[0].size() == 6);
    CHECK(story_id_for("Q/corpus/a.txt") == story_id_for("Q/corpus/a.txt"));
    CHECK(story_id_for("Q/corpus/a.txt") != story_id_for("Q/corpus/b.txt"));
    CHECK(story_id_for("Q/corpus/a.txt").size() == 16);
}

TEST_CASE("a template with other figures is another story") {
    const std::string forecast =
        "The Bank of England said it forecast a shortage of around 350 mln stg in the money "
        "market today. Among the main factors affecting liquidity, bills maturing in official "
        "hands and the treasury bill take-up will drain some 500 mln stg, while a rise in the "
        "note circulation will take out around 120 mln stg. Partly offsetting these outflows, "
        "exchequer transactions will add some 270 mln stg to the system today.";
    std::string other = forecast;
    for (const auto& [from, to] :
         {std::pair{"350", "450"}, {"500", "650"}, {"120", "90"}, {"270", "290"}})
        other.replace(other.find(from), std::string(from).size(), to);
    const auto a = fingerprint(forecast), b = fingerprint(other);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(containment(*a, *b) > 0.5);
    CHECK(figure_agreement(*a, *b) < kFigureAgreement);
    CHECK_FALSE(same_story(*a, *b));
    CHECK(same_story(*a, *fingerprint(forecast + "\n\nReuter")));
}
