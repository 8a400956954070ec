#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "common/search/notable.h"

using namespace newsindex;

TEST_CASE("notable_score: JLH, (fg - bg) * fg / bg, and 0 unless over-represented") {
    // In 10 of 100 matches and 20 of 1000 articles: fg 0.1, bg 0.02.
    CHECK(notable_score(10, 100, 20, 1000) == doctest::Approx((0.1 - 0.02) * (0.1 / 0.02)));
    CHECK(notable_score(10, 100, 100, 1000) == 0);  // as common in the matches as anywhere
    CHECK(notable_score(1, 100, 500, 1000) == 0);   // rarer in the matches
    CHECK(notable_score(0, 0, 0, 0) == 0);
    // Twice as common: the commoner value scores more.
    CHECK(notable_score(40, 100, 200, 1000) > notable_score(4, 100, 20, 1000));
}

TEST_CASE("notable_values: by score, names in fewer than 3 matches last, scores kept") {
    const std::map<std::string, Xapian::doccount> archive = {
        {"United States", 600}, {"Aegean Sea", 3}, {"Athens", 20}, {"Once", 1}};
    const auto in_archive = [&](const std::string& name) { return archive.at(name); };
    const std::vector<FacetCount> counted = {
        {"United States", 30}, {"Aegean Sea", 3}, {"Athens", 3}, {"Once", 1}};
    const auto notable = notable_values(counted, 100, 1000, in_archive, 10);
    REQUIRE(notable.size() == 4);
    CHECK(notable[0].value == "Aegean Sea");
    CHECK(notable[1].value == "Athens");
    CHECK(notable[2].value == "United States");
    CHECK(notable[2].score == 0);
    CHECK(notable[3].value == "Once");  // a higher score than Athens, but one match
    CHECK(notable[3].score > notable[1].score);
    CHECK(notable[0].score == doctest::Approx(notable_score(3, 100, 3, 1000)));
    CHECK(notable_values(counted, 100, 1000, in_archive, 2).size() == 2);
    // Fewer matches than the minimum: all of them is enough.
    const auto two = notable_values({{"Athens", 2}, {"United States", 2}}, 2, 1000, in_archive, 10);
    CHECK(two[0].value == "Athens");
}
