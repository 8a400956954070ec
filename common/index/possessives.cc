#include "common/index/possessives.h"

namespace newsindex {

namespace {

bool is_word_byte(unsigned char c) {
    return std::isalnum(c) || c >= 0x80;
}

// Length of the apostrophe at `i` ("'" or the UTF-8 right single quotation mark), or 0.
std::size_t apostrophe_at(std::string_view text, std::size_t i) {
    if (text[i] == '\'') return 1;
    if (text.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
    return 0;
}

}  // namespace

std::string strip_possessives(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t quote = i > 0 ? apostrophe_at(text, i) : 0;
        if (quote > 0 && is_word_byte(static_cast<unsigned char>(text[i - 1]))) {
            const std::size_t after = i + quote;
            const auto ends_word = [&](std::size_t at) {
                return at >= text.size() || !is_word_byte(static_cast<unsigned char>(text[at]));
            };
            if (after < text.size() && (text[after] == 's' || text[after] == 'S') &&
                ends_word(after + 1)) {
                i = after + 1;  // "Bakiyev's" -> "Bakiyev"
                continue;
            }
            if ((text[i - 1] == 's' || text[i - 1] == 'S') && ends_word(after)) {
                i = after;  // "ministers'" -> "ministers"
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

}  // namespace newsindex
