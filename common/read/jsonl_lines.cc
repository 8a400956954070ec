#include "common/read/jsonl_lines.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/readers.h"

namespace newsindex {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Bytes asked of the file at a time: what a reader holds, beside the longest line.
constexpr std::size_t kBlockBytes = 1u << 16;
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

JsonlLineReader::JsonlLineReader(const std::filesystem::path& file)
    : fd_(::open(file.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw Error(ErrorKind::io, "cannot open: " + std::string(std::strerror(errno)));
    while (buffer_.size() < kHeadBytes && fill()) {
    }
    const std::string_view head = std::string_view(buffer_).substr(0, kHeadBytes);
    streamable_ = !utf8::from_utf16_or_32(head) && !readers::looks_binary(head) &&
                  !has_lone_cr(head.substr(0, head.size() - (head.ends_with('\r') ? 1 : 0)));
    if (std::string_view(buffer_).starts_with(kUtf8Bom)) start_ = kUtf8Bom.size();
}

JsonlLineReader::~JsonlLineReader() {
    if (fd_ >= 0) ::close(fd_);
}

bool JsonlLineReader::fill() {
    if (at_end_) return false;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kBlockBytes);
    ssize_t n;
    do {
        n = ::read(fd_, buffer_.data() + old_size, kBlockBytes);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        buffer_.resize(old_size);
        throw Error(ErrorKind::io, "cannot read: " + std::string(std::strerror(errno)));
    }
    buffer_.resize(old_size + static_cast<std::size_t>(n));
    hash_.update(std::string_view(buffer_).substr(old_size));
    at_end_ = n == 0;
    return !at_end_;
}

std::optional<JsonlLine> JsonlLineReader::next() {
    for (;;) {
        std::size_t end = buffer_.find('\n', start_);
        bool too_long = false;
        while (end == std::string::npos && !at_end_) {
            // Keep only the line being read; a line past the cap is dropped as it comes.
            buffer_.erase(0, start_);
            start_ = 0;
            if (buffer_.size() > kMaxFileBytes) {
                too_long = true;
                buffer_.clear();
            }
            const std::size_t searched = buffer_.size();
            fill();
            end = buffer_.find('\n', searched);
        }
        if (end == std::string::npos) {
            if (start_ >= buffer_.size() && !too_long) return std::nullopt;
            end = buffer_.size();
        }
        std::string_view raw = std::string_view(buffer_).substr(start_, end - start_);
        start_ = std::min(end + 1, buffer_.size());
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
    if (article) readers::finish_article(*article, origin.format, origin.relative, origin.key());
    return article;
}

std::string jsonl_record_id(std::string_view file_id, std::size_t line) {
    return readers::record_id(file_id, line);
}

}  // namespace newsindex
