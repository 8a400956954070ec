#include <doctest/doctest.h>

#include <string>

#include "common/base/entity_key.h"
#include "common/base/place_names.h"

using newsindex::canonical_place_name;

namespace {

// What the indexer and the query parser do: look the name's key up.
std::string canonical(std::string_view name) {
    return std::string(canonical_place_name(newsindex::entity_key(name)).value_or("(none)"));
}

}  // namespace

TEST_CASE("canonical_place_name: abbreviations and long forms, any case") {
    CHECK(canonical("U.S.") == "United States");
    CHECK(canonical("US") == "United States");
    CHECK(canonical("u.s.a.") == "United States");
    CHECK(canonical("United States of  America") == "United States");
    CHECK(canonical("UNITED KINGDOM") == "Britain");
    CHECK(canonical("USSR") == "Soviet Union");
}

TEST_CASE("canonical_place_name: names without other spellings have none") {
    CHECK(canonical("United States") == "(none)");
    CHECK(canonical("U.S. Treasury") == "(none)");
    CHECK(canonical("Minsk") == "(none)");
    CHECK(canonical("") == "(none)");
}
