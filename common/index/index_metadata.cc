#include "common/index/index_metadata.h"

#include <charconv>

#include "common/index/schema.h"

namespace newsindex {

namespace {

std::string get(const Xapian::Database& db, std::string_view key) {
    return db.get_metadata(std::string(key));
}

std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

IndexMetadata read_metadata(const Xapian::Database& db) {
    IndexMetadata metadata;
    metadata.schema_version = get(db, schema::kVersionKey);
    const auto roots = nlohmann::json::parse(get(db, schema::kRootsKey), nullptr, false);
    if (roots.is_array())
        for (const auto& root : roots)
            if (root.is_string()) metadata.roots.push_back(root.get<std::string>());
    metadata.last_run = nlohmann::json::parse(get(db, schema::kLastRunKey), nullptr, false);
    if (metadata.last_run.is_discarded()) metadata.last_run = nullptr;
    metadata.entity_table_state = get(db, schema::kEntityTableStateKey);
    return metadata;
}

void write_metadata(Xapian::WritableDatabase& db, const IndexMetadata& metadata) {
    db.set_metadata(std::string(schema::kVersionKey), metadata.schema_version);
    db.set_metadata(std::string(schema::kRootsKey), dump(metadata.roots));
    db.set_metadata(std::string(schema::kLastRunKey),
                    metadata.last_run.is_null() ? std::string() : dump(metadata.last_run));
    db.set_metadata(std::string(schema::kEntityTableStateKey), metadata.entity_table_state);
}

SchemaState schema_state(std::string_view version) {
    int found = 0;
    const auto [end, error] =
        std::from_chars(version.data(), version.data() + version.size(), found);
    if (error != std::errc() || end != version.data() + version.size()) return SchemaState::other;
    if (found == schema::kVersion) return SchemaState::current;
    return found < schema::kVersion ? SchemaState::older : SchemaState::other;
}

std::string current_schema_version() {
    return std::to_string(schema::kVersion);
}

}  // namespace newsindex
