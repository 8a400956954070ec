// The word lists of what a name is: dictionary words, event heads, organisation heads.
#include <doctest/doctest.h>

#include "common/ner/name_lists.h"

using namespace newsindex::ner;

TEST_CASE("words the dictionary writes only in lower case") {
    CHECK(is_common_word("Rhino"));
    CHECK(is_common_word("executor"));
    CHECK(is_common_word("Fact-Checker"));  // a compound of common words
    // Capitalised in the dictionary too, or a common surname: names.
    CHECK_FALSE(is_common_word("Apollo"));
    CHECK_FALSE(is_common_word("Shell"));
    CHECK_FALSE(is_common_word("Baker"));
    CHECK_FALSE(is_common_word("Jean-Paul"));
    CHECK_FALSE(is_common_word("Gébelin"));
    CHECK_FALSE(is_common_word("-"));
}

TEST_CASE("events and laws end in their head words") {
    CHECK(is_event_head("War"));
    CHECK(is_event_head("SUMMIT"));
    CHECK(is_event_head("Act"));
    CHECK_FALSE(is_event_head("Union"));
    CHECK(is_organisation_head("Navy"));
}
