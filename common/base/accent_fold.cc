#include "common/base/accent_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace newsindex {

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Latin letters (Latin-1 Supplement, Extended-A/B, IPA, Extended Additional): the only
// base letters whose marks are dropped.
bool is_latin(UChar32 c) {
    return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF) || c < 0x80;
}

// Latin letters with no decomposition, and their ASCII spelling.
const char* ascii_spelling(UChar32 c) {
    switch (c) {
        case 0x00DF:
            return "ss";  // ß
        case 0x1E9E:
            return "SS";  // ẞ
        case 0x00E6:
            return "ae";  // æ
        case 0x00C6:
            return "AE";
        case 0x0153:
            return "oe";  // œ
        case 0x0152:
            return "OE";
        case 0x00F8:
            return "o";  // ø
        case 0x00D8:
            return "O";
        case 0x0142:
            return "l";  // ł
        case 0x0141:
            return "L";
        case 0x0111:
            return "d";  // đ
        case 0x0110:
            return "D";
        case 0x00FE:
            return "th";  // þ
        case 0x00DE:
            return "TH";
        case 0x0131:
            return "i";  // dotless ı
        default:
            return nullptr;
    }
}

void append_utf8(std::string& out, UChar32 c) {
    char buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
    if (!error) out.append(buffer, static_cast<std::size_t>(length));
}

// The canonical decomposition of one code point, as UTF-32; the code point itself when
// it has none.
icu::UnicodeString decomposition(const icu::Normalizer2& nfd, UChar32 c) {
    icu::UnicodeString out;
    if (!nfd.getDecomposition(c, out)) out = icu::UnicodeString(c);
    return out;
}

}  // namespace

std::string fold_accents(std::string_view text) {
    if (is_ascii(text)) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || nfd == nullptr) return std::string(text);
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto size = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    // Whether the last letter was Latin: a combining mark after it (text that came
    // decomposed) is dropped too.
    bool after_latin = false;
    while (i < size) {
        UChar32 c = 0;
        const std::int32_t start = i;
        U8_NEXT(bytes, i, size, c);
        if (c < 0) {  // an invalid sequence stays as it was
            out.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (!after_latin) append_utf8(out, c);
            continue;
        }
        after_latin = is_latin(c);
        if (c < 0x80 || !after_latin) {
            append_utf8(out, c);
            continue;
        }
        if (const char* ascii = ascii_spelling(c)) {
            out += ascii;
            continue;
        }
        const icu::UnicodeString parts = decomposition(*nfd, c);
        for (std::int32_t k = 0; k < parts.length();) {
            const UChar32 part = parts.char32At(k);
            k += U16_LENGTH(part);
            if (u_charType(part) != U_NON_SPACING_MARK) append_utf8(out, part);
        }
    }
    return out;
}

bool has_foldable_accents(std::string_view text) {
    return !is_ascii(text) && fold_accents(text) != text;
}

}  // namespace newsindex
