#include "common/index/entity_lookup.h"

#include "common/base/entity_key.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

// Longer keys are not stored (Xapian limits key length); a filter on such a name matches
// the name itself only.
constexpr std::size_t kMaxKeyBytes = schema::kMaxBooleanValueBytes;

std::string lookup_key(EntityKind kind, std::string_view name) {
    std::string key(schema::kEntityLookupPrefix);
    key += entity_kind_letter(kind);
    key += entity_key(name);
    return key;
}

}  // namespace

std::map<std::string, std::string> entity_lookup_entries(const EntityTable& table) {
    // Several spellings can fold to one key; the links are visited in key order, so the
    // same table always keeps the same one.
    std::map<std::string_view, const NamedEntity*> sorted;
    for (const auto& [raw, entity] : table.links()) sorted.emplace(raw, &entity);
    std::map<std::string, std::string> entries;
    for (const auto& [raw, entity] : sorted) {
        const auto name = EntityTable::from_link_key(raw);
        if (!name || name->kind != entity->kind) continue;
        std::string key = lookup_key(name->kind, name->name);
        if (key.size() > kMaxKeyBytes) continue;
        entries.try_emplace(std::move(key), EntityTable::link_key(*entity));
    }
    return entries;
}

std::map<std::string, std::string> stored_entity_lookup(const Xapian::Database& db) {
    const std::string prefix(schema::kEntityLookupPrefix);
    std::map<std::string, std::string> entries;
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
        entries.emplace(*it, db.get_metadata(*it));
    return entries;
}

void update_entity_lookup(Xapian::WritableDatabase& db, const EntityTable& old_table,
                          const EntityTable& table) {
    // From table to table, not from the stored entries: Xapian's in-memory backend cannot
    // list metadata.
    const auto old_entries = entity_lookup_entries(old_table);
    const auto entries = entity_lookup_entries(table);
    for (const auto& [key, value] : old_entries)
        if (!entries.contains(key)) db.set_metadata(key, {});  // an empty value deletes
    for (const auto& [key, value] : entries)
        if (const auto old = old_entries.find(key);
            old == old_entries.end() || old->second != value)
            db.set_metadata(key, value);
}

std::optional<NamedEntity> EntityLookup::find(EntityKind kind, std::string_view name) const {
    const std::string key = lookup_key(kind, name);
    if (key.size() > kMaxKeyBytes) return std::nullopt;
    return EntityTable::from_link_key(db_.get_metadata(key));
}

}  // namespace newsindex
