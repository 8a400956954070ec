#include "common/index/schema.h"

#include "common/base/content_hash.h"

namespace newsindex::schema {

std::string_view entity_prefix(EntityKind kind) {
    switch (kind) {
        case EntityKind::person:
            return kPersonPrefix;
        case EntityKind::org:
            return kOrgPrefix;
        case EntityKind::place:
            return kPlacePrefix;
    }
    return {};
}

std::string id_term(std::string_view article_key) {
    return unique_term(kIdPrefix, article_key);
}
std::string file_term(std::string_view file_key) {
    return unique_term(kFilePrefix, file_key);
}
std::string root_term(std::string_view root_key) {
    return unique_term(kRootPrefix, root_key);
}

std::string story_term(std::string_view story_id) {
    return std::string(kStoryPrefix) + std::string(story_id);
}

std::string unique_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (value.size() <= kMaxIdTermBytes - prefix.size()) {
        term += value;
        return term;
    }
    // Xapian caps terms at 245 bytes. A longer value keeps a readable head and gets a
    // hash of the whole value to stay unique.
    Fnv1a64 hash;
    hash.update(value);
    term += value.substr(0, kMaxIdTermBytes - prefix.size() - 17);
    term += '#';
    term += hash.hex();
    return term;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    if (value.empty()) return {};
    std::string term(prefix);
    term.append(value.substr(0, kMaxBooleanValueBytes));
    return term;
}

std::string entity_term(EntityKind kind, std::string_view key) {
    return boolean_term(entity_prefix(kind), key);
}

std::string_view entity_field(EntityKind kind) {
    return entity_kind_name(kind);
}

}  // namespace newsindex::schema
