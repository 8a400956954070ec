#include "common/index/facet_values.h"

#include <algorithm>
#include <iterator>

#include "common/index/schema.h"

namespace newsindex {

std::string packed_facet_value(const FacetNames& names) {
    std::string packed;
    for (const EntityKind kind : kEntityKinds) {
        const auto& kind_names = names[static_cast<std::size_t>(kind)];
        const std::size_t used = std::min(kind_names.size(), schema::kMaxFacetValuesPerKind);
        for (std::size_t i = 0; i < used; ++i) {
            packed += entity_kind_letter(kind);
            // Names are single lines; a stray line break would split one in two.
            std::replace_copy(kind_names[i].begin(), kind_names[i].end(),
                              std::back_inserter(packed), '\n', ' ');
            packed += '\n';
        }
    }
    return packed;
}

void set_facet_values(Xapian::Document& doc, const FacetNames& names) {
    // An empty value removes the slot.
    doc.add_value(schema::kEntityFacetsSlot, packed_facet_value(names));
}

std::vector<std::string> facet_values(const Xapian::Document& doc, EntityKind kind) {
    std::vector<std::string> names;
    for_each_packed_facet(doc.get_value(schema::kEntityFacetsSlot),
                          [&](EntityKind of, std::string_view name) {
                              if (of == kind) names.emplace_back(name);
                          });
    return names;
}

}  // namespace newsindex
