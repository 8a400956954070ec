// The language an article is written in, found by Google's Compact Language Detector 2
// (Debian's libcld2): a table-driven detector of quadgrams, fast enough to run on every
// article, that says when it is not sure.
#pragma once

#include <string>
#include <string_view>

#include "common/base/article.h"
#include "common/base/language_code.h"

namespace newsindex {

// What the detector says of a text: the language, whether it is sure of it, and how much
// of the text (in percent) is in it.
struct Detection {
    std::string language;  // as detect_language gives it
    bool reliable = false;
    int percent = 0;
};
Detection detect(std::string_view text);

// ISO 639-1 code ("en", "fr", "es") of `text` when the detector is sure of it; "und"
// (undetermined) for a long text with no English in it ("Lorem ipsum"); empty for text
// too short to tell.
std::string detect_language(std::string_view text);

// The article's language: `declared` (what the file says, "fr-FR" -> "fr") unless the
// detector is sure that at least 90% of title, subtitle and body are in another
// language, or `declared` is English and the text is long with little English in it
// ("und"); else what the detector says of them.
std::string article_language(const Article& article, std::string_view declared = {});

// The language an article is indexed in: `language`, or `fallback` (the build's
// --language) when it is unknown (empty) or undetermined ("und"): short texts, mixed ones.
std::string effective_language(std::string_view language, std::string_view fallback);

}  // namespace newsindex
