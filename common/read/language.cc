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

std::string detect_language(std::string_view text) {
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
    const CLD2::Language language =
        CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()),
                                    /*is_plain_text=*/true, top3, percent3, &text_bytes, &reliable);
    if (reliable && language != CLD2::UNKNOWN_LANGUAGE)
        return language_part(CLD2::LanguageCode(language));
    // Unsure, with plenty of text and little English in it: filler ("Lorem ipsum") or a
    // mix of other languages. Undetermined, and not English.
    int english = 0;
    for (int i = 0; i < 3; ++i)
        if (top3[i] == CLD2::ENGLISH) english += percent3[i];
    if (text_bytes >= kEnoughBytes && english < kMinEnglishPercent) return "und";
    return {};
}

std::string article_language(const Article& article, std::string_view declared) {
    std::string text = article.title;
    for (const std::string* part : {&article.subtitle, &article.body}) {
        if (text.size() >= kSampleBytes) break;
        text += "\n\n";
        text.append(*part, 0, std::min(part->size(), kSampleBytes));
    }
    std::string language = detect_language(text);
    if (language.empty() || language == "und") {
        if (std::string code = language_part(declared); !code.empty()) return code;
    }
    return language;
}

bool taggable_language(std::string_view language) {
    return language.empty() || language == "en";
}

}  // namespace newsindex
