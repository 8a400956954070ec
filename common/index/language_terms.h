// The terms of an article's language: its stemmer, the boolean term that filters by
// language, and the accent-folded variants of its words.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

// Xapian's Snowball stemmer for an ISO 639-1 code ("fr", "de", "ru"); the "none" stemmer
// for a language Xapian has none for ("zh", "ja", "cs"), whose words are indexed as
// written.
Xapian::Stem stemmer_for(std::string_view language);

// The languages Xapian stems, as ISO 639-1 codes, for messages and the README.
std::vector<std::string> stemmed_languages();

// "L" + code: the boolean term of an article's language (Omega's language prefix).
std::string language_term(std::string_view language);

// Adds, for every term of `doc` that spells a Latin letter with a diacritic, the term
// with its accents folded (accent_fold.h), with the same positions and wdf: "députés"
// gains "deputes", "Zdéput" gains "Zdeput", "Ssão" gains "Ssao". The stem of the folded
// word is added too ("Z" + stem("deputes")), as a query typed without accents is stemmed.
// The spellings as written stay, so a query with the accents still matches them alone.
void add_folded_terms(Xapian::Document& doc, const Xapian::Stem& stemmer);

}  // namespace newsindex
