#include "common/base/utf8.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace newsindex::utf8 {

namespace {

constexpr UChar32 kReplacement = 0xFFFD;

// Counts invalid sequences the way ICU's conversion does, so the common valid case
// costs one pass and no copy.
std::size_t count_invalid(std::string_view text) {
    std::size_t invalid = 0;
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int64_t>(text.size());
    for (std::int64_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) ++invalid;
    }
    return invalid;
}

}  // namespace

std::size_t remove_break_hints(std::string& text) {
    // In valid UTF-8 a lead byte never matches inside another character, so a byte scan
    // finds the marks without decoding the rest.
    const auto hint_length = [&](std::size_t i) -> std::size_t {
        const std::string_view rest = std::string_view(text).substr(i);
        if (rest.starts_with("\xC2\xAD")) return 2;
        if (rest.starts_with("\xE2\x81\xA0") || rest.starts_with("\xEF\xBB\xBF")) return 3;
        return 0;
    };
    std::size_t removed = 0;
    std::size_t out = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (const std::size_t n = byte >= 0xC2 ? hint_length(i) : 0) {
            i += n;
            ++removed;
        } else {
            text[out++] = text[i++];
        }
    }
    text.resize(out);
    return removed;
}

std::size_t repair(std::string& text) {
    const std::size_t invalid = count_invalid(text);
    if (invalid == 0) return 0;
    // The readers cap input at 32 MB, far below ICU's int32_t lengths; anything larger
    // is still repaired correctly, just without ICU.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max() / 2)) {
        std::string out;
        const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
        const auto n = static_cast<std::int64_t>(text.size());
        for (std::int64_t i = 0; i < n;) {
            const std::int64_t start = i;
            UChar32 c;
            U8_NEXT(s, i, n, c);
            if (c < 0)
                out += "\xEF\xBF\xBD";
            else
                out.append(text, static_cast<std::size_t>(start),
                           static_cast<std::size_t>(i - start));
        }
        text = std::move(out);
        return invalid;
    }
    const auto length = static_cast<int32_t>(text.size());
    UErrorCode status = U_ZERO_ERROR;
    int32_t utf16_length = 0;
    int32_t substitutions = 0;
    // Every byte becomes at most one UTF-16 unit, so one allocation suffices.
    std::vector<UChar> utf16(static_cast<std::size_t>(length) + 1);
    u_strFromUTF8WithSub(utf16.data(), static_cast<int32_t>(utf16.size()), &utf16_length,
                         text.data(), length, kReplacement, &substitutions, &status);
    if (U_FAILURE(status)) return 0;
    int32_t utf8_length = 0;
    u_strToUTF8(nullptr, 0, &utf8_length, utf16.data(), utf16_length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return 0;
    status = U_ZERO_ERROR;
    std::string out(static_cast<std::size_t>(utf8_length), '\0');
    u_strToUTF8(out.data(), utf8_length, &utf8_length, utf16.data(), utf16_length, &status);
    if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) return 0;
    text = std::move(out);
    return static_cast<std::size_t>(substitutions);
}

std::string repaired(std::string_view text) {
    std::string copy(text);
    repair(copy);
    return copy;
}

std::size_t complete_prefix(std::string_view text) {
    // Walk back over at most three continuation bytes to the last lead byte.
    std::size_t end = text.size();
    std::size_t continuation = 0;
    while (end > 0 && continuation < 4) {
        const auto byte = static_cast<std::uint8_t>(text[end - 1]);
        if ((byte & 0xC0) != 0x80) break;
        --end;
        ++continuation;
    }
    if (end == 0) return text.size();
    const auto lead = static_cast<std::uint8_t>(text[end - 1]);
    const std::size_t needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (lead >= 0xC0 && continuation < needed) return end - 1;
    return text.size();
}

bool has_alnum(std::string_view text) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int64_t>(text.size());
    for (std::int64_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && u_isalnum(c)) return true;
    }
    return false;
}

std::string upper(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())))
        .toUpper(icu::Locale::getRoot())
        .toUTF8String(out);
    return out;
}

std::string title_case(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())))
        .toTitle(nullptr, icu::Locale::getRoot())
        .toUTF8String(out);
    return out;
}

bool is_upper_case(std::string_view text) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int64_t>(text.size());
    bool letter = false;
    for (std::int64_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || !u_isalpha(c)) continue;
        if (u_islower(c)) return false;
        letter = true;
    }
    return letter;
}

std::size_t length(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80) ++count;
    return count;
}

std::string_view prefix(std::string_view text, std::size_t max_chars) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<std::uint8_t>(text[i]) & 0xC0) == 0x80) continue;
        if (count == max_chars) return text.substr(0, i);
        ++count;
    }
    return text;
}

std::optional<std::string> from_utf16_or_32(std::string_view bytes) {
    // UTF-32LE's mark starts with UTF-16LE's, so the longer marks are tried first.
    static constexpr struct {
        std::string_view mark;
        const char* codepage;
    } kMarks[] = {{std::string_view("\xFF\xFE\0\0", 4), "UTF-32LE"},
                  {std::string_view("\0\0\xFE\xFF", 4), "UTF-32BE"},
                  {"\xFF\xFE", "UTF-16LE"},
                  {"\xFE\xFF", "UTF-16BE"}};
    for (const auto& [mark, codepage] : kMarks) {
        if (!bytes.starts_with(mark)) continue;
        bytes.remove_prefix(mark.size());
        const icu::UnicodeString text(bytes.data(), static_cast<std::int32_t>(bytes.size()),
                                      codepage);
        std::string out;
        text.toUTF8String(out);
        return out;
    }
    return std::nullopt;
}

}  // namespace newsindex::utf8
