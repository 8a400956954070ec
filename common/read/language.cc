#include "common/read/language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cctype>

namespace newsindex {

namespace {

// Enough text to be sure of a language; the detector reads no more (a long body costs
// no more than its start).
constexpr std::size_t kSampleBytes = 16 * 1024;

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
    bool reliable = false;
    const CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(text.size()),
                                                         /*is_plain_text=*/true, &reliable);
    if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return {};
    return language_part(CLD2::LanguageCode(language));
}

std::string article_language(const Article& article, std::string_view declared) {
    std::string text = article.title;
    for (const std::string* part : {&article.subtitle, &article.body}) {
        if (text.size() >= kSampleBytes) break;
        text += "\n\n";
        text.append(*part, 0, std::min(part->size(), kSampleBytes));
    }
    std::string language = detect_language(text);
    return language.empty() ? language_part(declared) : language;
}

bool taggable_language(std::string_view language) {
    return language.empty() || language == "en";
}

}  // namespace newsindex
