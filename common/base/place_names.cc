#include "common/base/place_names.h"

#include <algorithm>
#include <array>

namespace newsindex {

namespace {

struct Alias {
    std::string_view key;  // entity_key() of the spelling
    std::string_view canonical;
};

// The abbreviations and long forms that dominate wire copy. The canonical names are the
// ones VOA and Reuters use in running text.
constexpr std::array<Alias, 15> kAliases{{
    {"u.s.", "United States"},
    {"us", "United States"},
    {"u.s.a.", "United States"},
    {"usa", "United States"},
    {"united states of america", "United States"},
    {"u.k.", "Britain"},
    {"uk", "Britain"},
    {"united kingdom", "Britain"},
    {"great britain", "Britain"},
    {"u.s.s.r.", "Soviet Union"},
    {"ussr", "Soviet Union"},
    {"u.a.e.", "United Arab Emirates"},
    {"uae", "United Arab Emirates"},
    {"drc", "Democratic Republic of Congo"},
    {"d.r.c.", "Democratic Republic of Congo"},
}};

}  // namespace

std::optional<std::string_view> canonical_place_name(std::string_view key) {
    const auto it = std::find_if(kAliases.begin(), kAliases.end(),
                                 [&](const Alias& alias) { return alias.key == key; });
    if (it == kAliases.end()) return std::nullopt;
    return it->canonical;
}

}  // namespace newsindex
