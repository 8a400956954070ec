// What an index records about itself in Xapian's metadata. Only this file knows the
// keys and their encodings (schema.h names them).
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

struct IndexMetadata {
    std::string schema_version;      // as stored; empty when none was recorded
    std::vector<std::string> roots;  // canonical folders ever indexed, in the order first seen
    nlohmann::json last_run;         // the last build's report; null when none was recorded
    // What the entity table was last computed with (a hash of the curated aliases); empty
    // while articles changed since, so that a run killed before it ends recomputes it.
    std::string entity_table_state;
};

// Unreadable entries read as absent: metadata never stops an index from being used.
IndexMetadata read_metadata(const Xapian::Database& db);
// Writes every field; takes effect with the next commit.
void write_metadata(Xapian::WritableDatabase& db, const IndexMetadata& metadata);

// How an index's recorded schema version relates to the one this program writes.
enum class SchemaState {
    current,
    older,  // a version number below ours: a rebuild brings the index up to date
    other,  // none, a newer number, or not a number: a newer newsindex or another program
};
SchemaState schema_state(std::string_view version);

// This program's schema version, as stored.
std::string current_schema_version();

}  // namespace newsindex
