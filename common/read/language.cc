#include "common/read/language.h"

// compact_lang_det.h uses FILE and std::vector without including their headers.
#include <cstdio>
#include <vector>
// (kept apart so that the includes above come first)
#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cctype>

namespace newsindex {

namespace {

// Enough text to be sure of a language; the detector reads no more (a long body costs
// no more than its start).
constexpr std::size_t kSampleBytes = 16 * 1024;
// Letters enough that a text with little trace of English is not English.
constexpr int kEnoughBytes = 400;
// Unsure of the language, a text this much English (in percent) may still be English.
constexpr int kMinEnglishPercent = 40;

// Fewer letters than this are too few to be sure of ("RIO DE JANEIRO - IBC closes export
// registrations" reads as Portuguese): a headline alone takes the default language.
constexpr int kMinSureBytes = 100;
// Share of the text (in percent) in one language for an unsure detector to name it.
constexpr int kMinUnsurePercent = 60;
// Share of the text (in percent) in one language for the detector to overrule what the
// file declares.
constexpr int kOverrulingPercent = 90;

// The language part of a tag ("en-GB", "fr_FR", "EN"): lower case, two or three letters.
std::string language_part(std::string_view tag) {
    std::string code;
    for (const char c : tag) {
        if (c == '-' || c == '_') break;
        if (!std::isalpha(static_cast<unsigned char>(c))) return {};
        code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return code.size() == 2 || code.size() == 3 ? code : std::string();
}

}  // namespace

Detection detect(std::string_view text) {
    if (text.size() > kSampleBytes) {
        text = text.substr(0, kSampleBytes);
        // Not inside a UTF-8 sequence: the detector wants whole characters.
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
            text.remove_suffix(1);
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);
    }
    CLD2::Language top3[3];
    int percent3[3];
    int text_bytes = 0;
    bool reliable = false;
    CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()),
                                /*is_plain_text=*/true, top3, percent3, &text_bytes, &reliable);
    // The language of most of the text, not CLD2's summary: the summary names a second
    // language over English when that has a share of the text ("Esso Malaysia Bhd ...
    // ringgit" would be Malay), for English is overrepresented in what it was trained on.
    if (reliable && top3[0] != CLD2::UNKNOWN_LANGUAGE && text_bytes >= kMinSureBytes)
        return {language_part(CLD2::LanguageCode(top3[0])), true, percent3[0]};
    // Unsure only because part of the text is in no language it knows (figures, names):
    // the language of most of the rest, when nothing else comes near it.
    if (text_bytes >= kMinSureBytes && top3[0] != CLD2::UNKNOWN_LANGUAGE &&
        percent3[0] >= kMinUnsurePercent && percent3[1] * 2 <= percent3[0])
        return {language_part(CLD2::LanguageCode(top3[0])), false, percent3[0]};
    // Unsure, with plenty of text and little English in it: filler ("Lorem ipsum") or a
    // mix of other languages. Undetermined, and not English.
    int english = 0;
    for (int i = 0; i < 3; ++i)
        if (top3[i] == CLD2::ENGLISH) english += percent3[i];
    if (text_bytes >= kEnoughBytes && english < kMinEnglishPercent) return {"und", false, 0};
    return {};
}

std::string detect_language(std::string_view text) {
    return detect(text).language;
}

std::string article_language(const Article& article, std::string_view declared) {
    std::string text = article.title;
    for (const std::string* part : {&article.subtitle, &article.body}) {
        if (text.size() >= kSampleBytes) break;
        text += "\n\n";
        text.append(*part, 0, std::min(part->size(), kSampleBytes));
    }
    Detection detected = detect(text);
    // What the file says comes first, unless the text is plainly in another language: a
    // site's template declares the same lang="en" on its pages in every language.
    if (std::string code = language_part(declared); !code.empty() && code != "und") {
        // A long text with little English in it is not English, whatever the file says
        // ("Lorem ipsum" under lang="en").
        const bool overruled = (detected.reliable && detected.percent >= kOverrulingPercent &&
                                detected.language != code) ||
                               (code == "en" && detected.language == "und");
        if (!overruled) return code;
    }
    return detected.language;
}

std::string effective_language(std::string_view language, std::string_view fallback) {
    if (language.empty() || language == "und") return std::string(fallback);
    return std::string(language);
}

}  // namespace newsindex
