// Reading a JSON Lines file one record at a time, so that a file of any size is indexed
// in bounded memory and an incremental build can tell which records changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/read/article_origin.h"
#include "common/read/file_blocks.h"

namespace newsindex {

// One non-blank line of a JSON Lines file, prepared as every reader gets its content: the
// BOM, a CR before the line end and NUL bytes dropped, invalid UTF-8 replaced.
struct JsonlLine {
    std::size_t number = 0;  // 1-based physical line: the record's id is "FILE#number"
    std::string text;
};

// Reads a file's lines through a small buffer. Only plain UTF-8 text with LF or CRLF line
// ends is read this way (streamable()); anything else (UTF-16, lone CR line ends, binary
// data) is left to read_file and parse_file, which see the whole file.
class JsonlLineReader {
public:
    // Throws Error (io) when the file cannot be opened.
    explicit JsonlLineReader(const std::filesystem::path& file);

    bool streamable() const { return streamable_; }
    // The next non-blank line; nothing at the end of the file. A line longer than
    // kMaxFileBytes is skipped with a warning. Throws Error (io) when a read fails.
    std::optional<JsonlLine> next();
    // Problems with the file as a whole, once next() has reached its end (the NUL bytes
    // and invalid UTF-8 sequences of every line, counted as parse_articles counts them),
    // then the skipped lines.
    std::vector<std::string> warnings() const;
    // The content hash (content_hash.h) of the bytes read so far: of the whole file once
    // next() has reached its end.
    std::string content_hash() const { return file_.content_hash(); }

private:
    readers::FileBlocks file_;
    bool streamable_ = false;
    std::size_t start_ = 0;  // first unread byte of the buffer
    std::size_t line_number_ = 0;
    std::size_t nul_bytes_ = 0;
    std::size_t invalid_utf8_ = 0;
    std::vector<std::string> skipped_;
};

// The article of one line, finished as parse_file finishes a file's articles (path, a date
// from the path, repaired fields); nothing, with a warning "line N: ...", when the line
// holds no article.
std::optional<Article> parse_jsonl_line(const JsonlLine& line, const ArticleOrigin& origin,
                                        std::vector<std::string>& warnings);

// The id of the record on line `line` of the file whose id is `file_id`: "file_id#line".
std::string jsonl_record_id(std::string_view file_id, std::size_t line);

}  // namespace newsindex
