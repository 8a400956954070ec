// Reading article files: plain text, HTML, JSON, JSON Lines, XML feeds and wire formats,
// e-mail, PDF and Markdown.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/base/error.h"

namespace newsindex {

// `archive`: zip, tar, WARC or one gzip/xz/bzip2 stream, read record by record
// (file_records.h), never whole.
enum class ArticleFormat {
    text,
    html,
    json,
    jsonl,
    xml,
    mail,
    pdf,
    markdown,
    archive,
    unsupported
};

// Format by file name: .txt / no extension -> text, .html/.htm, .json, .jsonl/.ndjson,
// .xml/.rss/.rdf/.atom/.nitf/.newsml -> xml (a feed or a wire item, told apart by the root
// element), .eml/.mbox/.mht/.mhtml -> mail, .pdf, .md/.markdown; .zip, .tar, .tgz, .gz,
// .xz, .bz2, .warc -> archive; anything else (images, ...) -> unsupported. The content has
// the last word: a text file that holds a PDF or a news XML document is read as one (see
// parse_articles).
ArticleFormat format_for_path(const std::filesystem::path& path);
std::string_view format_name(ArticleFormat format);

// Most bytes of one file the readers look at; the rest is ignored with a warning, so a
// huge file never exhausts memory.
inline constexpr std::size_t kMaxFileBytes = 32u << 20;

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
// Throws Error (bad_input) when the content holds no article; what() is one line,
// without the path: callers prefix it.
ReadResult parse_articles(std::string_view content, ArticleFormat format, std::string_view id,
                          std::string_view path);

// Up to kMaxFileBytes of one file, read in one go so that a build can hash what it
// parses. Line-based formats are cut at a line end, others at a character's end.
struct FileContent {
    std::string bytes;
    std::string truncation;  // why the bytes stop short of the file's end; empty if whole
};

// Throws Error (io) when the file cannot be opened or read.
FileContent read_file(const std::filesystem::path& file, ArticleFormat format);

// read_file, then parse_articles; a truncation is the first warning.
ReadResult read_articles(const std::filesystem::path& file, ArticleFormat format,
                         std::string_view id, std::string_view path);

}  // namespace newsindex
