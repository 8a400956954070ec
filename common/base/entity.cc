#include "common/base/entity.h"

namespace newsindex {

namespace {
struct KindNames {
    EntityKind kind;
    std::string_view name;
    std::string_view tag;
    char letter;
};
constexpr KindNames kKindNames[] = {
    {EntityKind::person, "person", "PER", 'P'},
    {EntityKind::org, "org", "ORG", 'O'},
    {EntityKind::place, "place", "LOC", 'L'},
};
}  // namespace

std::string_view entity_kind_name(EntityKind kind) {
    for (const auto& k : kKindNames)
        if (k.kind == kind) return k.name;
    return {};
}

std::optional<EntityKind> entity_kind_from_name(std::string_view name) {
    for (const auto& k : kKindNames)
        if (k.name == name) return k.kind;
    return std::nullopt;
}

std::string_view entity_kind_tag(EntityKind kind) {
    for (const auto& k : kKindNames)
        if (k.kind == kind) return k.tag;
    return {};
}

std::optional<EntityKind> entity_kind_from_tag(std::string_view tag) {
    for (const auto& k : kKindNames)
        if (k.tag == tag) return k.kind;
    return std::nullopt;
}

char entity_kind_letter(EntityKind kind) {
    for (const auto& k : kKindNames)
        if (k.kind == kind) return k.letter;
    return '?';
}

std::optional<EntityKind> entity_kind_from_letter(char letter) {
    for (const auto& k : kKindNames)
        if (k.letter == letter) return k.kind;
    return std::nullopt;
}

}  // namespace newsindex
