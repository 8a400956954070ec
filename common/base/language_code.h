// How the index writes a language: an ISO 639 code, shared by the readers (an article's
// language) and the tagger (a model's).
#pragma once

#include <algorithm>
#include <string_view>

namespace newsindex {

// Whether `code` is written as an ISO 639-1 (or 639-3) code: two or three lower-case
// letters ("en", "fr", "haw").
inline bool is_language_code(std::string_view code) {
    return (code.size() == 2 || code.size() == 3) &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace newsindex
