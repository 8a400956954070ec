// What `newsindex check` verifies of the stories (story/fingerprint.h).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsindex::stories {

// One line per problem: articles without a story value, story terms that disagree with
// the values (none, another or several), signatures that do not decode.
std::vector<std::string> check_stories(const Xapian::Database& db);

}  // namespace newsindex::stories
