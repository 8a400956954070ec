// Reading article files: plain text, HTML, JSON and JSON Lines.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"

namespace newsindex {

enum class ArticleFormat { text, html, json, jsonl, unsupported };

// Format by file name: .txt / no extension -> text, .html/.htm, .json, .jsonl/.ndjson;
// anything else (images, archives, ...) -> unsupported.
ArticleFormat format_for_path(const std::filesystem::path& path);
std::string_view format_name(ArticleFormat format);

// Most bytes of one file the readers look at; the rest is ignored with a warning, so a
// huge file never exhausts memory.
inline constexpr std::size_t kMaxFileBytes = 32u << 20;

// The file cannot be read as articles at all (I/O error, binary data, malformed JSON...).
// what() is one line, without the path: callers prefix it.
class ReadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ReadResult {
    std::vector<Article> articles;
    // Problems that did not stop the file: invalid UTF-8 replaced, text truncated,
    // one broken line of a JSON Lines file... One line each, without the path.
    std::vector<std::string> warnings;
};

// Parses articles from bytes already in memory. `id` is the article id (path relative to
// the indexed root); records of multi-article files get "#N": N is the 1-based position
// in a JSON array of more than one element, and the physical 1-based line number in a
// JSON Lines file (always, even for one record). `path` is stored in each Article and is
// where a date is looked for when the content has none (never the file's mtime).
// Invalid UTF-8 is replaced with U+FFFD, a BOM dropped, CRLF read as LF (warnings say so).
// Throws ReadError when nothing can be read.
ReadResult parse_articles(std::string_view content, ArticleFormat format, std::string_view id,
                          std::string_view path);

// Reads up to kMaxFileBytes of `file` and parses it as above. Throws ReadError.
ReadResult read_articles(const std::filesystem::path& file, ArticleFormat format,
                         std::string_view id, std::string_view path);

}  // namespace newsindex
