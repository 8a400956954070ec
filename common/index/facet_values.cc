#include "common/index/facet_values.h"

namespace newsindex {

std::string pack_facet_values(const std::vector<std::string>& values) {
    std::string packed;
    for (const auto& value : values) {
        if (!packed.empty()) packed += '\x1f';
        for (const char c : value) packed += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
    }
    return packed;
}

std::vector<std::string> unpack_facet_values(std::string_view packed) {
    std::vector<std::string> values;
    for_each_facet_value(packed, [&](std::string_view v) { values.emplace_back(v); });
    return values;
}

}  // namespace newsindex
