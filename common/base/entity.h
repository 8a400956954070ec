// Named entities: the kinds the index facets on, and one entity of one article.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

enum class EntityKind { person, org, place };

inline constexpr std::array<EntityKind, 3> kEntityKinds = {EntityKind::person, EntityKind::org,
                                                           EntityKind::place};

// "person", "org", "place": the facet and query-field names.
std::string_view entity_kind_name(EntityKind kind);
std::optional<EntityKind> entity_kind_from_name(std::string_view name);
// "PER", "ORG", "LOC": the tag names of the annotated training data.
std::string_view entity_kind_tag(EntityKind kind);
std::optional<EntityKind> entity_kind_from_tag(std::string_view tag);

// "P", "O", "L": a kind in one letter, for terms and keys.
char entity_kind_letter(EntityKind kind);
std::optional<EntityKind> entity_kind_from_letter(char letter);

// A name of one kind: what an entity is called, without the article details of Entity.
struct NamedEntity {
    EntityKind kind = EntityKind::person;
    std::string name;
    bool operator==(const NamedEntity&) const = default;
};

// One entity of one article, after per-article normalisation: every mention of the same
// entity ("Mr. Bakiyev", "Bakiyev", "Kurmanbek Bakiyev") is folded into one.
struct Entity {
    EntityKind kind = EntityKind::person;
    std::string name;                   // canonical display form: "Kurmanbek Bakiyev"
    int count = 0;                      // mentions in the article
    std::vector<std::string> mentions;  // distinct surface forms, in order of first appearance
    // Other names the article gives it once titles and possessives are gone ("Bakiyev",
    // "EU" for "European Union"): the evidence the archive-wide entity table learns from.
    std::vector<std::string> aliases;
};

}  // namespace newsindex
