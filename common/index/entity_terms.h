// How a name becomes index terms: the one rule the document builder, the query parser
// and the facets share, so a filter always meets the terms an article was given and a
// facet value always names what its filter finds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

struct EntityTerms {
    // The name facets count and show: canonical for its kind ("U.S." -> "United States").
    std::string name;
    // The boolean filter term (schema prefix + case-folded name); empty when the name
    // holds nothing to index.
    std::string term;
    // For people, one term per word of the name, so that person:Bakiyev finds
    // "Kurmanbek Bakiyev"; empty for other kinds.
    std::vector<std::string> word_terms;
};

EntityTerms entity_terms(EntityKind kind, std::string_view name);

// The boolean term of a source name ("VOA"), folded like entity names; empty for "".
std::string source_term(std::string_view source);

}  // namespace newsindex
