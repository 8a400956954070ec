// The case-folded keys of entity terms. The indexer and the query parser both derive
// keys here, so `person:BAKIYEV` and "Kurmanbek Bakiyev" in an article meet on one term.
#pragma once

#include <string>
#include <string_view>

namespace newsindex {

// Unicode lower case, runs of whitespace folded to one space, trimmed.
std::string entity_key(std::string_view name);

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
