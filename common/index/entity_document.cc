#include "common/index/entity_document.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "common/index/entity_terms.h"
#include "common/index/facet_values.h"
#include "common/index/schema.h"
#include "common/index/stored_article.h"

namespace newsindex {

namespace {

bool is_entity_term(const std::string& term) {
    for (const auto prefix : {schema::kPersonPrefix, schema::kOrgPrefix, schema::kPlacePrefix,
                              schema::kPersonWordPrefix})
        if (term.starts_with(prefix)) return true;
    return false;
}

}  // namespace

std::vector<std::string> entity_evidence_terms(const std::vector<Entity>& entities) {
    std::vector<std::string> terms;
    for (const auto& entity : entities) {
        const NamedEntity named{entity.kind, entity.name};
        if (auto term = raw_entity_term(named); !term.empty()) terms.push_back(std::move(term));
        for (const auto& alias : entity.aliases)
            if (auto term = alias_evidence_term(named, alias); !term.empty())
                terms.push_back(std::move(term));
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

void add_entity_evidence(Xapian::Document& doc, const std::vector<Entity>& entities) {
    for (const auto& term : entity_evidence_terms(entities)) doc.add_boolean_term(term);
}

void add_evidence_term(EntityEvidence& evidence, std::string_view term, std::uint32_t articles) {
    if (auto raw = parse_raw_entity_term(term)) {
        evidence.names.push_back({std::move(*raw), articles});
    } else if (auto alias = parse_alias_evidence_term(term)) {
        evidence.aliases.push_back(
            {alias->entity.kind, std::move(alias->alias), std::move(alias->entity.name), articles});
    }
}

std::vector<NamedEntity> resolve_entities(const std::vector<NamedEntity>& raw,
                                          const EntityTable& table) {
    std::vector<NamedEntity> entities;
    std::unordered_set<std::string> seen;
    for (const auto& entity : raw) {
        NamedEntity resolved = table.resolve(entity);
        const auto terms = entity_terms(resolved.kind, resolved.name);
        if (terms.term.empty() || !seen.insert(terms.term).second) continue;
        resolved.name = terms.name;
        entities.push_back(std::move(resolved));
    }
    std::stable_sort(entities.begin(), entities.end(),
                     [](const NamedEntity& a, const NamedEntity& b) { return a.kind < b.kind; });
    return entities;
}

void set_entity_terms(Xapian::Document& doc, const std::vector<NamedEntity>& entities) {
    std::vector<std::string> old_terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (is_entity_term(*it)) old_terms.push_back(*it);
    for (const auto& term : old_terms) doc.remove_term(term);
    FacetNames names;
    for (const auto& entity : entities) {
        auto terms = entity_terms(entity.kind, entity.name);
        doc.add_boolean_term(terms.term);
        for (const auto& word : terms.word_terms) doc.add_boolean_term(word);
        if (!terms.company_term.empty()) doc.add_boolean_term(terms.company_term);
        names[static_cast<std::size_t>(entity.kind)].push_back(std::move(terms.name));
    }
    set_facet_values(doc, names);
}

bool apply_entity_table(Xapian::Document& doc, const EntityTable& table) {
    Article article = decode_stored_article(doc.get_data());
    std::vector<NamedEntity> entities = resolve_entities(article.raw_entities, table);
    std::vector<NamedEntity> current;
    for (const auto& entity : article.entities) current.push_back({entity.kind, entity.name});
    if (entities == current) return false;
    set_entity_terms(doc, entities);
    article.entities.clear();
    for (auto& entity : entities) {
        Entity e;
        e.kind = entity.kind;
        e.name = std::move(entity.name);
        article.entities.push_back(std::move(e));
    }
    doc.set_data(encode_stored_article(article));
    return true;
}

}  // namespace newsindex
