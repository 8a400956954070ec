// What an entity's page shows: how often the archive names it, month by month, who and
// what is named with it, the other names articles give it, and its newest articles. Data
// only: each front end draws it (the page's /entity, `newssearch entity`).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "common/base/entity.h"
#include "common/search/facet_spy.h"

namespace newsindex {

struct SearchHit;
struct FacetResult;

struct EntityProfileRequest {
    EntityKind kind = EntityKind::person;
    // Any name of the entity, in any case: "reagan" finds "Ronald Reagan" when the entity
    // table links the one to the other.
    std::string name;
    std::size_t named_with = 10;   // values of each kind named with it
    Xapian::doccount newest = 10;  // newest articles
};

struct EntityProfile {
    NamedEntity entity;  // as the facets show it
    Xapian::doccount articles = 0;
    // Articles by month ("1987-03"), chronological; months without any are left out.
    std::vector<FacetCount> months;
    // The people, organisations and places its articles name, the entity itself left
    // out, in the notable order (notable.h): what sets its articles apart, not what every
    // article names.
    std::vector<FacetResult> named_with;
    // The other names articles give it (the entity table's links to it), each with the
    // articles that use it, the most used first.
    std::vector<FacetCount> aliases;
    std::vector<SearchHit> newest;  // newest first, each with the start of its text
};

}  // namespace newsindex
