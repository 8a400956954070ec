#include <doctest/doctest.h>

#include "common/place_names.h"

using newsindex::canonical_place_name;

TEST_CASE("canonical_place_name: abbreviations and long forms, any case") {
    CHECK(canonical_place_name("U.S.") == "United States");
    CHECK(canonical_place_name("US") == "United States");
    CHECK(canonical_place_name("u.s.a.") == "United States");
    CHECK(canonical_place_name("United States of America") == "United States");
    CHECK(canonical_place_name("UNITED KINGDOM") == "Britain");
    CHECK(canonical_place_name("USSR") == "Soviet Union");
}

TEST_CASE("canonical_place_name: other names come back as given") {
    CHECK(canonical_place_name("United States") == "United States");
    CHECK(canonical_place_name("U.S. Treasury") == "U.S. Treasury");
    CHECK(canonical_place_name("Minsk") == "Minsk");
    CHECK(canonical_place_name("") == "");
}
