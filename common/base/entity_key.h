// The case-folded keys of entity names and the one name each entity is known by. The
// tagger groups mentions by key, and index/entity_terms.h builds terms from both, so
// `person:BAKIYEV` and "Kurmanbek Bakiyev" in an article meet on one term.
#pragma once

#include <string>
#include <string_view>

#include "common/base/entity.h"

namespace newsindex {

// Unicode lower case, runs of whitespace folded to one space, trimmed.
std::string entity_key(std::string_view name);

// The name an entity is indexed, filtered and shown under, with its key. Places and
// organisations spelled as one of a country's other names become that country
// ("U.S." -> "United States", see place_names.h); the tagger may call either an ORG.
// Abbreviations do for any kind ("Mich." -> "Michigan").
struct EntityName {
    std::string name;
    std::string key;
};
EntityName canonical_entity_name(EntityKind kind, std::string_view name);

// Calls fn(word) for each space-separated word of a key.
template <typename Fn>
void for_each_name_word(std::string_view key, Fn&& fn) {
    while (!key.empty()) {
        const auto end = key.find(' ');
        if (end != 0) fn(key.substr(0, end));
        if (end == std::string_view::npos) break;
        key.remove_prefix(end + 1);
    }
}

}  // namespace newsindex
