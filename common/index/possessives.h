// English possessives, removed before text reaches Xapian.
//
// Xapian's TermGenerator keeps "Bakiyev's" as one word, so the unstemmed term that
// phrases and NEAR use would never equal "bakiyev". Dropping the possessive suffix on
// both sides, the indexed text and the query, makes `Bakiyev NEAR extradition` find
// "Mr. Bakiyev's extradition" (what Lucene's EnglishPossessiveFilter does).
#pragma once

#include <string>
#include <string_view>

namespace newsindex {

// Removes "'s" and "’s" (and a bare trailing apostrophe after s: "ministers'") at the
// end of words; everything else is copied unchanged.
std::string strip_possessives(std::string_view text);

}  // namespace newsindex
