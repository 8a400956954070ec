// What the tagger knows about names beyond what it learnt: common given names, names that
// are no entity or always of one kind (models/given_names.txt and models/name_kinds.tsv,
// compiled in), headline verbs, and the head words that end names of bodies and places.
#pragma once

#include <optional>
#include <string_view>

#include "common/base/entity.h"

namespace newsindex::ner {

// A common given name ("Max", "Fiona"; not "Ford" or "Washington", more often surnames),
// ignoring case.
bool is_given_name(std::string_view word);

// An English word the dictionary writes only in lower case, and no common surname
// (models/common_words.txt): "Rhino", "Executor", "Haunted" name nothing on their own
// ("Apollo", "Shell", "Baker" are not in it).
bool is_common_word(std::string_view word);

// Words that end the names of events and laws, which are neither people, bodies nor places
// ("Vietnam War", "Great Depression", "Mozilla Summit", "Data Retention Bill"), ignoring
// case.
bool is_event_head(std::string_view word);

// What models/name_kinds.tsv says a whole name is, ignoring case.
// `foreign`: a word of another language, no entity alone (none) and no first word of one.
enum class KnownName { person, org, place, none, foreign };
std::optional<KnownName> known_name(std::string_view name);

// Verbs that title-case headlines glue to the name before them ("Reagan Renews", "Dow
// Sinks"), ignoring case.
bool is_headline_verb(std::string_view word);

// Words that end the names of bodies ("African Union", "Labour Party") and of places
// ("Hyde Park", "Golden Gate Bridge"), ignoring case.
bool is_organisation_head(std::string_view word);
bool is_place_head(std::string_view word);

// Words in the names of newspapers and magazines ("Times", "Daily", "Gazette"), which pages
// set in italics like titles of works, ignoring case.
bool is_publication_word(std::string_view word);

// A word of another language that starts no English name ("En", "Die"): kind "foreign".
bool is_foreign_word(std::string_view word);

// Text of another script than the Latin one (Chinese, Japanese, full-width forms): the
// tagger, trained on English, reads no names there.
bool has_cjk_text(std::string_view text);

// A date or period, not a name: "mid-1990s", "1980s", "mid-March".
bool is_period_word(std::string_view word);

}  // namespace newsindex::ner
