#include "common/read/jsonl_lines.h"

#include <algorithm>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/metadata_table.h"
#include "common/read/readers.h"

namespace newsindex {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// How much of the file's start decides whether it is read by lines, as much as the
// binary checks of parse_articles look at.
constexpr std::size_t kHeadBytes = 8192;

// A CR not followed by LF ends a line too, for parse_articles: such a file is read whole.
bool has_lone_cr(std::string_view text) {
    for (std::size_t at = text.find('\r'); at != std::string_view::npos;
         at = text.find('\r', at + 1))
        if (at + 1 < text.size() && text[at + 1] != '\n') return true;
    return false;
}

std::string plural(std::size_t n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

JsonlLineReader::JsonlLineReader(const std::filesystem::path& file) : file_(file) {
    while (file_.buffer().size() < kHeadBytes && file_.fill()) {
    }
    const std::string_view head = std::string_view(file_.buffer()).substr(0, kHeadBytes);
    streamable_ = !utf8::from_utf16_or_32(head) && !readers::looks_binary(head) &&
                  !has_lone_cr(head.substr(0, head.size() - (head.ends_with('\r') ? 1 : 0)));
    if (head.starts_with(kUtf8Bom)) start_ = kUtf8Bom.size();
}

std::optional<JsonlLine> JsonlLineReader::next() {
    std::string& buffer = file_.buffer();
    for (;;) {
        std::size_t end = buffer.find('\n', start_);
        bool too_long = false;
        while (end == std::string::npos && !file_.at_end()) {
            // Keep only the line being read; a line past the cap is dropped as it comes.
            buffer.erase(0, start_);
            start_ = 0;
            if (buffer.size() > kMaxFileBytes) {
                too_long = true;
                buffer.clear();
            }
            const std::size_t searched = buffer.size();
            file_.fill();
            end = buffer.find('\n', searched);
        }
        if (end == std::string::npos) {
            if (start_ >= buffer.size() && !too_long) return std::nullopt;
            end = buffer.size();
        }
        std::string_view raw = std::string_view(buffer).substr(start_, end - start_);
        start_ = std::min(end + 1, buffer.size());
        ++line_number_;
        if (too_long || raw.size() > kMaxFileBytes) {
            skipped_.push_back("line " + std::to_string(line_number_) + ": longer than " +
                               std::to_string(kMaxFileBytes >> 20) + " MB, not read");
            continue;
        }
        if (raw.ends_with('\r')) raw.remove_suffix(1);
        if (readers::trim(raw).empty()) continue;
        JsonlLine line{line_number_, std::string(raw)};
        if (const auto nul = static_cast<std::size_t>(std::ranges::count(line.text, '\0'))) {
            std::erase(line.text, '\0');
            nul_bytes_ += nul;
        }
        invalid_utf8_ += utf8::repair(line.text);
        if (readers::trim(line.text).empty()) continue;
        return line;
    }
}

std::vector<std::string> JsonlLineReader::warnings() const {
    std::vector<std::string> warnings;
    if (nul_bytes_ > 0) warnings.push_back("removed " + plural(nul_bytes_, "NUL byte"));
    if (invalid_utf8_ > 0)
        warnings.push_back("replaced " + plural(invalid_utf8_, "invalid UTF-8 byte sequence"));
    warnings.insert(warnings.end(), skipped_.begin(), skipped_.end());
    return warnings;
}

std::optional<Article> parse_jsonl_line(const JsonlLine& line, const ArticleOrigin& origin,
                                        std::vector<std::string>& warnings) {
    auto article = readers::read_jsonl_line(line.text, line.number, origin.relative, warnings);
    if (article) {
        readers::finish_article(*article, origin.format, origin.relative, origin.key());
        apply_metadata(origin, *article);
    }
    return article;
}

std::string jsonl_record_id(std::string_view file_id, std::size_t line) {
    return readers::record_id(file_id, line);
}

}  // namespace newsindex
