// How a name becomes index terms: the one rule the document builder, the query parser
// and the facets share, so a filter always meets the terms an article was given and a
// facet value always names what its filter finds.
#pragma once

#include <optional>
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
    // For organisations with company forms, the term of the name without them, so that
    // org:"Merrill Lynch" finds "Merrill Lynch and Co Inc"; empty otherwise.
    std::string company_term;
};

EntityTerms entity_terms(EntityKind kind, std::string_view name);

// The evidence terms of the entity table (schema.h): "XE" + kind letter + name, and "XA" +
// kind letter + alias + '\x1f' + name. Empty when the name is empty or too long for a term.
std::string raw_entity_term(const NamedEntity& entity);
std::string alias_evidence_term(const NamedEntity& entity, std::string_view alias);
// Their inverses; nothing for a term of another shape.
std::optional<NamedEntity> parse_raw_entity_term(std::string_view term);
struct AliasEvidence {
    NamedEntity entity;
    std::string alias;
};
std::optional<AliasEvidence> parse_alias_evidence_term(std::string_view term);

// The boolean term of a source name ("VOA"), folded like entity names; empty for "".
std::string source_term(std::string_view source);
// The boolean term of a keyword or subject a file gives, folded the same way.
std::string keyword_term(std::string_view keyword);

}  // namespace newsindex
