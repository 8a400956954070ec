#include "common/base/entity_key.h"

#include <xapian.h>

#include "common/base/country_names.h"
#include "common/base/place_names.h"

namespace newsindex {

std::string entity_key(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    bool pending_space = false;
    for (Xapian::Utf8Iterator it(name.data(), name.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (Xapian::Unicode::is_whitespace(ch)) {
            pending_space = !key.empty();
            continue;
        }
        if (pending_space) key += ' ';
        pending_space = false;
        Xapian::Unicode::append_utf8(key, Xapian::Unicode::tolower(ch));
    }
    return key;
}

EntityName canonical_entity_name(EntityKind kind, std::string_view name) {
    EntityName canonical{std::string(name), entity_key(name)};
    // People are never named "U.S.", but the tagger may call a dateline's "Mich." one.
    if (kind == EntityKind::person && !canonical.key.ends_with('.')) return canonical;
    if (const auto country = canonical_place_name(canonical.key)) {
        canonical.name = *country;
        canonical.key = entity_key(canonical.name);
    } else if (kind == EntityKind::place) {
        // A country named in another language ("Deutschland") under its English name.
        if (auto english = english_country_name(canonical.key)) {
            canonical.name = std::move(*english);
            canonical.key = entity_key(canonical.name);
        }
    }
    return canonical;
}

}  // namespace newsindex
