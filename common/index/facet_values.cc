#include "common/index/facet_values.h"

#include <algorithm>

#include "common/index/schema.h"

namespace newsindex {

void set_facet_values(Xapian::Document& doc, EntityKind kind,
                      const std::vector<std::string>& names) {
    const std::size_t used = std::min(names.size(), schema::kMaxFacetValuesPerKind);
    for (std::size_t i = 0; i < used; ++i)
        doc.add_value(schema::entity_facet_slot(kind, i), names[i]);
    // A rewritten article may name fewer entities than before.
    for (std::size_t i = used; i < schema::kMaxFacetValuesPerKind; ++i) {
        const auto slot = schema::entity_facet_slot(kind, i);
        if (doc.get_value(slot).empty()) break;
        doc.remove_value(slot);
    }
}

std::vector<std::string> facet_values(const Xapian::Document& doc, EntityKind kind) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < schema::kMaxFacetValuesPerKind; ++i) {
        std::string name = doc.get_value(schema::entity_facet_slot(kind, i));
        if (name.empty()) break;
        names.push_back(std::move(name));
    }
    return names;
}

}  // namespace newsindex
