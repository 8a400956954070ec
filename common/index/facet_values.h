// The multi-valued value slots behind entity facets. Xapian keeps one string per slot
// and document, so an article's entity names are packed into that one string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

// Joins the values with the ASCII unit separator; control characters inside a value
// (which no canonical name should hold) are replaced by spaces so the packing is lossless
// for every value it is given back.
std::string pack_facet_values(const std::vector<std::string>& values);

// Calls `fn(std::string_view)` for each value of a packed slot, without allocating.
template <typename Fn>
void for_each_facet_value(std::string_view packed, Fn&& fn) {
    while (!packed.empty()) {
        const auto end = packed.find('\x1f');
        fn(packed.substr(0, end));
        if (end == std::string_view::npos) break;
        packed.remove_prefix(end + 1);
    }
}

std::vector<std::string> unpack_facet_values(std::string_view packed);

}  // namespace newsindex
