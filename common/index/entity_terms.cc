#include "common/index/entity_terms.h"

#include "common/base/entity_key.h"
#include "common/index/schema.h"

namespace newsindex {

EntityTerms entity_terms(EntityKind kind, std::string_view name) {
    auto [canonical, key] = canonical_entity_name(kind, name);
    EntityTerms terms;
    terms.name = std::move(canonical);
    terms.term = schema::entity_term(kind, key);
    if (kind == EntityKind::person) {
        for_each_name_word(key, [&terms](std::string_view word) {
            terms.word_terms.push_back(schema::boolean_term(schema::kPersonWordPrefix, word));
        });
    }
    return terms;
}

std::string source_term(std::string_view source) {
    return schema::boolean_term(schema::kSourcePrefix, entity_key(source));
}

}  // namespace newsindex
