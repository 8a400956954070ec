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
constexpr std::array<Alias, 58> kAliases{{
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
    // US states as wire datelines abbreviate them ("DETROIT, Mich., March 3").
    {"ala.", "Alabama"},
    {"ariz.", "Arizona"},
    {"ark.", "Arkansas"},
    {"calif.", "California"},
    {"colo.", "Colorado"},
    {"conn.", "Connecticut"},
    {"del.", "Delaware"},
    {"fla.", "Florida"},
    {"ga.", "Georgia"},
    {"ill.", "Illinois"},
    {"ind.", "Indiana"},
    {"kan.", "Kansas"},
    {"ky.", "Kentucky"},
    {"la.", "Louisiana"},
    {"md.", "Maryland"},
    {"mass.", "Massachusetts"},
    {"mich.", "Michigan"},
    {"minn.", "Minnesota"},
    {"miss.", "Mississippi"},
    {"mo.", "Missouri"},
    {"mont.", "Montana"},
    {"neb.", "Nebraska"},
    {"nev.", "Nevada"},
    {"n.h.", "New Hampshire"},
    {"n.j.", "New Jersey"},
    {"n.m.", "New Mexico"},
    {"n.y.", "New York"},
    {"n.c.", "North Carolina"},
    {"n.d.", "North Dakota"},
    {"okla.", "Oklahoma"},
    {"ore.", "Oregon"},
    {"pa.", "Pennsylvania"},
    {"r.i.", "Rhode Island"},
    {"s.c.", "South Carolina"},
    {"s.d.", "South Dakota"},
    {"tenn.", "Tennessee"},
    {"tex.", "Texas"},
    {"vt.", "Vermont"},
    {"va.", "Virginia"},
    {"wash.", "Washington"},
    {"w.va.", "West Virginia"},
    {"wis.", "Wisconsin"},
    {"wyo.", "Wyoming"},
}};

}  // namespace

std::optional<std::string_view> canonical_place_name(std::string_view key) {
    const auto it = std::find_if(kAliases.begin(), kAliases.end(),
                                 [&](const Alias& alias) { return alias.key == key; });
    if (it == kAliases.end()) return std::nullopt;
    return it->canonical;
}

}  // namespace newsindex
