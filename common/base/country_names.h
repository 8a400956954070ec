// Country names in other languages, in English: "Deutschland" -> "Germany", "Россия" ->
// "Russia", from the translations Debian's iso-codes ships (gettext catalogues of ISO
// 3166-1 in /usr/share/locale), so that a facet counts a country once whatever the
// language of the articles that name it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsindex {

// The English name of the country whose name in another language has entity_key()
// `key` ("deutschland", "allemagne", "德国"); nothing for a name that is no translation
// of a country's, or an English one. The catalogues are read once, at the first call.
std::optional<std::string> english_country_name(std::string_view key);

}  // namespace newsindex
