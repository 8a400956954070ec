// The language an article is written in, found by Google's Compact Language Detector 2
// (Debian's libcld2): a table-driven detector of quadgrams, fast enough to run on every
// article, that says when it is not sure.
#pragma once

#include <string>
#include <string_view>

#include "common/base/article.h"

namespace newsindex {

// ISO 639-1 code ("en", "fr", "es") of `text` when the detector is sure of it; "und"
// (undetermined) for a long text with no English in it ("Lorem ipsum"); empty for text
// too short to tell.
std::string detect_language(std::string_view text);

// The article's language: detected from title, subtitle and body; else `declared` (what
// the file says, "fr-FR" -> "fr") when the detector is unsure; else what it said.
std::string article_language(const Article& article, std::string_view declared = {});

// Whether the tagger, trained on English, should read the article: English or unknown.
bool taggable_language(std::string_view language);

}  // namespace newsindex
