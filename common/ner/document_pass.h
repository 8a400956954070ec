// Document-level consistency after sentence tagging. News names a person in full once
// ("Andy Warhol") and by surname after that ("Warhol"); the sentence tagger often reads a
// lone unknown surname as a place or misses it. Within one document, a mention that is
// the tail of a longer person name is made a person, and untagged capitalised
// occurrences of such a tail are tagged as that person.
#pragma once

#include <string_view>
#include <vector>

#include "common/ner/tags.h"

namespace newsindex::ner {

// words[s] and tags[s] are the words and tags of sentence s of one document.
void propagate_person_names(const std::vector<std::vector<std::string_view>>& words,
                            std::vector<std::vector<Tag>>& tags);

}  // namespace newsindex::ner
