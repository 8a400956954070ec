// The value slots behind entity facets: one name per slot (schema::entity_facet_slot).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

// Puts the first schema::kMaxFacetValuesPerKind names in the kind's slots and empties
// the slots of any names the document held before.
void set_facet_values(Xapian::Document& doc, EntityKind kind,
                      const std::vector<std::string>& names);

// The kind's names as set_facet_values stored them, in order.
std::vector<std::string> facet_values(const Xapian::Document& doc, EntityKind kind);

}  // namespace newsindex
