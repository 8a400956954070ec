#include "common/index/entity_terms.h"

#include "common/base/entity_key.h"
#include "common/index/schema.h"
#include "common/ner/normalize.h"

namespace newsindex {

EntityTerms entity_terms(EntityKind kind, std::string_view name) {
    auto [canonical, key] = canonical_entity_name(kind, name);
    EntityTerms terms;
    terms.name = std::move(canonical);
    terms.term = schema::entity_term(kind, key);
    if (kind == EntityKind::org) {
        if (const std::string bare = ner::bare_company_key(key); bare != key)
            terms.company_term = schema::entity_term(kind, bare);
    }
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

std::string keyword_term(std::string_view keyword) {
    return schema::boolean_term(schema::kKeywordPrefix, entity_key(keyword));
}

namespace {

// Evidence terms keep whole names or nothing: a clipped name would be another name.
std::string evidence_term(std::string_view prefix, EntityKind kind, std::string_view text) {
    if (text.empty() || prefix.size() + 1 + text.size() > schema::kMaxIdTermBytes) return {};
    std::string term(prefix);
    term += entity_kind_letter(kind);
    term += text;
    return term;
}

constexpr char kAliasSeparator = '\x1f';

}  // namespace

std::string raw_entity_term(const NamedEntity& entity) {
    return evidence_term(schema::kRawEntityPrefix, entity.kind, entity.name);
}

std::string alias_evidence_term(const NamedEntity& entity, std::string_view alias) {
    if (alias.empty() || entity.name.empty()) return {};
    std::string text(alias);
    text += kAliasSeparator;
    text += entity.name;
    return evidence_term(schema::kAliasEvidencePrefix, entity.kind, text);
}

std::optional<NamedEntity> parse_raw_entity_term(std::string_view term) {
    if (!term.starts_with(schema::kRawEntityPrefix)) return std::nullopt;
    term.remove_prefix(schema::kRawEntityPrefix.size());
    if (term.size() < 2) return std::nullopt;
    const auto kind = entity_kind_from_letter(term.front());
    if (!kind) return std::nullopt;
    return NamedEntity{*kind, std::string(term.substr(1))};
}

std::optional<AliasEvidence> parse_alias_evidence_term(std::string_view term) {
    if (!term.starts_with(schema::kAliasEvidencePrefix)) return std::nullopt;
    term.remove_prefix(schema::kAliasEvidencePrefix.size());
    const auto separator = term.find(kAliasSeparator);
    if (term.size() < 2 || separator == std::string_view::npos) return std::nullopt;
    const auto kind = entity_kind_from_letter(term.front());
    if (!kind) return std::nullopt;
    return AliasEvidence{{*kind, std::string(term.substr(separator + 1))},
                         std::string(term.substr(1, separator - 1))};
}

}  // namespace newsindex
