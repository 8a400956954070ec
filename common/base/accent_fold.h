// Accent folding of Latin-script text, as Elasticsearch's asciifolding does it for
// search: "députés" -> "deputes", "São Paulo" -> "Sao Paulo", "Straße" -> "Strasse".
#pragma once

#include <string>
#include <string_view>

namespace newsindex {

// `text` with the diacritics of Latin letters removed (canonical decomposition, marks
// dropped) and the Latin letters that do not decompose spelt in ASCII (ß, æ, œ, ø, ł, đ,
// þ). Other scripts are left as they are: a Cyrillic й or a Japanese が is a letter of
// its own, not an accented one. Case is kept; text with no byte over 0x7F is returned
// unchanged.
std::string fold_accents(std::string_view text);

// Whether fold_accents would change `text`.
bool has_foldable_accents(std::string_view text);

}  // namespace newsindex
