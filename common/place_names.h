// One name for each country that news text names in several ways ("U.S.", "US", "United
// States"), so a facet counts it once and place:US finds every spelling. The indexer
// applies it to extracted names, the query parser to place: and org: values.
#pragma once

#include <string_view>

namespace newsindex {

// The canonical name of a place written `name` (case-insensitive, whole name only), or
// `name` itself when it has no other spelling here: "u.s." -> "United States",
// "UK" -> "Britain", "U.S. Treasury" -> "U.S. Treasury".
std::string_view canonical_place_name(std::string_view name);

}  // namespace newsindex
