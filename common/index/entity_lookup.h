// The entity a name stands for, found without regard to case: what query filters follow
// ("person:reagan" -> "Ronald Reagan", "org:fed" -> "Federal Reserve").
//
// The entity table (entity_table.h) is stored whole for the indexer, but a search wants one
// or two of its names, so each link that keeps its kind is also stored as a metadata entry
// of its own (schema::kEntityLookupPrefix + kind letter + entity_key(name) -> the entity's
// link key). A lookup then reads one entry, whatever the size of the archive.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/base/entity.h"
#include "common/index/entity_table.h"

namespace newsindex {

// The metadata entries a table's lookups need: key -> value.
std::map<std::string, std::string> entity_lookup_entries(const EntityTable& table);

// The entries a database holds (one database: Xapian lists the metadata of the first of
// several), to check them against entity_lookup_entries of its table.
std::map<std::string, std::string> stored_entity_lookup(const Xapian::Database& db);

// Brings the entries of `db` from those of `old_table` to those of `table`.
void update_entity_lookup(Xapian::WritableDatabase& db, const EntityTable& old_table,
                          const EntityTable& table);

class EntityLookup {
public:
    explicit EntityLookup(Xapian::Database db) : db_(std::move(db)) {}
    // Only links that keep the kind: a person filter stays a person filter.
    std::optional<NamedEntity> find(EntityKind kind, std::string_view name) const;

private:
    Xapian::Database db_;
};

}  // namespace newsindex
