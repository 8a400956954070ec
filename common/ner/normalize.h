// Per-article normalisation: folds the tagged mentions of one article into entities
// ("Mr. Bakiyev", "Bakiyev's", "Kurmanbek Bakiyev" -> one person "Kurmanbek Bakiyev").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"
#include "common/ner/tokenizer.h"

namespace newsindex::ner {

// One tagged span: its tokens (offsets into `source`).
struct Mention {
    EntityKind kind = EntityKind::person;
    std::string_view source;
    std::vector<Token> tokens;
    // Mentions from a title-case or upper-case headline, where capitals say little: they
    // count only when the article text also names the entity.
    bool needs_support = false;
    // From a headline in title case or capitals: verbs there are capitalised too ("Reagan
    // Renews"), so a trailing headline verb is no part of the name.
    bool headline = false;
    // The context says the kind ("President Obama", "the Obama administration"): such a
    // mention outvotes the tagger's reading of bare mentions of the same name.
    bool strong = false;
};

// Titles and honorifics that precede person names ("President", "Mr.", "Prime").
bool is_title_word(std::string_view word);

// Company forms that end organisation names: "Co", "Inc.", "Corp", "Ltd", "Plc", "AG", ...
// (case-insensitive).
bool is_corporate_suffix(std::string_view word);

// "EU", "U.N." as bare capitals ("EU", "UN"): 2 to 6 letters; "" for anything else.
std::string acronym_letters(std::string_view name);
// The capitals that start the words of a name, connectors skipped: "European Union" ->
// "EU"; "" when a word that is no connector starts in lower case.
std::string initials(std::string_view name);
// "merrill lynch and co inc" -> "merrill lynch": a key without its company forms.
std::string bare_company_key(std::string_view key);

// Entities of one article: titles, a leading "the" and possessives removed; a person
// mention that is a suffix of a longer person name merged into it; acronyms merged with
// their expansion ("EU" -> "European Union"); a lone given name merged into the one full
// person name of the article that starts with it ("Max" -> "Max Verstappen"); the majority
// kind per name, that of the strong mentions when there are any, unless models/name_kinds.tsv
// knows the name; mentions without letters, periods ("mid-1990s") and names that are no
// entity (software, demonyms, titles) dropped; trailing headline verbs and a trailing
// period cut. Sorted by kind (person, org, place), then count descending,
// then name.
std::vector<Entity> normalize_mentions(std::span<const Mention> mentions);

}  // namespace newsindex::ner
