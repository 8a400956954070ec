// The value slot behind entity facets: every name of the article in one packed value
// (schema::kEntityFacetsSlot), from which the facet columns are made and which a remote
// search counts with Xapian's own spy.
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

// An article's facet names, per kind (indexed by EntityKind), in the order it gives them.
using FacetNames = std::array<std::vector<std::string>, kEntityKinds.size()>;

// Stores the first schema::kMaxFacetValuesPerKind names of each kind.
void set_facet_values(Xapian::Document& doc, const FacetNames& names);

// The packed value set_facet_values stores for `names`.
std::string packed_facet_value(const FacetNames& names);

// The kind's names as set_facet_values stored them, in order (line breaks inside a name
// read back as spaces).
std::vector<std::string> facet_values(const Xapian::Document& doc, EntityKind kind);

// Calls fn(EntityKind, std::string_view name) for each name of a packed facet value, in
// the order they were stored.
template <typename Fn>
void for_each_packed_facet(std::string_view packed, Fn&& fn) {
    // "kind letter + name", '\n' after each.
    while (!packed.empty()) {
        const auto end = std::min(packed.find('\n'), packed.size());
        const std::string_view entry = packed.substr(0, end);
        packed.remove_prefix(std::min(end + 1, packed.size()));
        if (entry.size() < 2) continue;
        if (const auto kind = entity_kind_from_letter(entry.front())) fn(*kind, entry.substr(1));
    }
}

}  // namespace newsindex
