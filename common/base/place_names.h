// One name for each country that news text names in several ways ("U.S.", "US", "United
// States"), and for US states as datelines abbreviate them ("Mich."), so a facet counts it
// once and place:US finds every spelling. The indexer applies it to extracted names, the
// query parser to place: and org: values.
#pragma once

#include <optional>
#include <string_view>

namespace newsindex {

// The canonical name of the place whose entity_key() is `key`, when that is one of its
// other spellings: "u.s." -> "United States", "uk" -> "Britain"; nothing for "minsk",
// "united states" or "u.s. treasury" (whole names only).
std::optional<std::string_view> canonical_place_name(std::string_view key);

}  // namespace newsindex
