// The language an article is written in, found by Google's Compact Language Detector 2
// (Debian's libcld2): a table-driven detector of quadgrams, fast enough to run on every
// article, that says when it is not sure.
#pragma once

#include <string>
#include <string_view>

#include "common/base/article.h"

namespace newsindex {

// ISO 639-1 code ("en", "fr", "es") of `text` when the detector is sure of it; empty
// for text too short or mixed to tell.
std::string detect_language(std::string_view text);

// The article's language: detected from title, subtitle and body; else `declared` (what
// the file says, "fr-FR" -> "fr") when the text is too short to tell; else empty.
std::string article_language(const Article& article, std::string_view declared = {});

// Whether the tagger, trained on English, should read the article: English or unknown.
bool taggable_language(std::string_view language);

}  // namespace newsindex
