// Byte-level case mapping used by features and gazetteer keys. ASCII only on purpose:
// it is cheap, and training and tagging apply the same mapping, so non-ASCII capitals
// are merely kept as they are on both sides.
#pragma once

#include <string_view>

namespace newsindex::ner {

inline char lower_ascii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
inline bool upper_ascii(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool lower_ascii_letter(char c) {
    return c >= 'a' && c <= 'z';
}
inline bool digit_ascii(char c) {
    return c >= '0' && c <= '9';
}

// Equal but for the case of ASCII letters ("MR." and "Mr.", "Co" and "co").
inline bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
    return true;
}

// A capitalised word: ASCII upper-case first letter, or a non-ASCII first letter (most
// names in other scripts or with diacritics are names).
inline bool looks_capitalized(std::string_view w) {
    return !w.empty() && (upper_ascii(w[0]) || static_cast<unsigned char>(w[0]) >= 0xC3);
}

}  // namespace newsindex::ner
