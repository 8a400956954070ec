// Shared body of the reader fuzz targets: one parse_articles call per input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "common/base/utf8.h"
#include "common/read/article_reader.h"

namespace newsindex::fuzz {

// The readers get repaired UTF-8 and must not break it (a title cut inside a multi-byte
// sequence, say): the index, snippets and JSON output all assume valid text.
// Warnings and errors end up on a terminal and in logs, so the same goes for them.
inline void require_valid_utf8(const std::string& text, const char* what) {
    std::string copy = text;
    if (utf8::repair(copy) == 0) return;
    std::fprintf(stderr, "fuzz: invalid UTF-8 in %s: %s\n", what, text.c_str());
    std::abort();
}

// NEWSINDEX_FUZZ_LAX_MESSAGES=1 skips the check on warnings and errors, so a known,
// unfixed bug there does not stop the search for others in the same reader.
inline void require_valid_utf8_message(const std::string& text, const char* what) {
    static const bool lax = std::getenv("NEWSINDEX_FUZZ_LAX_MESSAGES") != nullptr;
    if (!lax) require_valid_utf8(text, what);
}

// A Error is the readers' documented way to refuse input; anything else escaping
// (another exception, a crash, a sanitizer report) is a bug, so it is left to abort.
inline int fuzz_reader(const std::uint8_t* data, std::size_t size, ArticleFormat format) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    try {
        const ReadResult result = parse_articles(content, format, "fuzz/input", "fuzz/input");
        // Every field is checked, which also reads it: a dangling view or an uninitialised
        // member shows up here under ASan/UBSan, not in the indexer much later.
        for (const auto& article : result.articles) {
            require_valid_utf8(article.title, "article title");
            require_valid_utf8(article.subtitle, "article subtitle");
            require_valid_utf8(article.body, "article body");
            require_valid_utf8(article.source, "article source");
            require_valid_utf8(article.url, "article url");
            require_valid_utf8(article.author, "article author");
            for (const auto& keyword : article.keywords) require_valid_utf8(keyword, "keyword");
            if (article.date) require_valid_utf8(article.date->iso(), "article date");
        }
        for (const auto& warning : result.warnings) require_valid_utf8_message(warning, "warning");
    } catch (const Error& e) {
        require_valid_utf8_message(e.what(), "Error message");
    } catch (const std::exception& e) {
        // Said before aborting: libFuzzer alone would only show "deadly signal".
        std::fprintf(stderr, "fuzz: unexpected exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}

}  // namespace newsindex::fuzz
