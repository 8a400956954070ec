#include "common/read/warc_records.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/archive_input.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

constexpr std::size_t kBlockBytes = 1u << 16;
// A header block longer than this is no WARC header: the file is damaged.
constexpr std::size_t kMaxHeaderLine = 1u << 16;
constexpr std::size_t kMaxHeaderLines = 512;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "Name: value" -> lower-case name and trimmed value.
std::pair<std::string, std::string> header_field(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return {};
    return {lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))};
}

std::optional<std::uintmax_t> number(std::string_view text) {
    text = trim(text);
    std::uintmax_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// wget writes the URI in angle brackets, as WARC 1.0's grammar once did.
std::string target_uri(std::string_view value) {
    if (value.size() >= 2 && value.front() == '<' && value.back() == '>')
        value = value.substr(1, value.size() - 2);
    return std::string(value);
}

// Undoes "Transfer-Encoding: chunked"; what a cut-off message holds is kept.
std::string unchunk(std::string_view body) {
    std::string out;
    while (!body.empty()) {
        const auto eol = body.find('\n');
        if (eol == std::string_view::npos) break;
        std::string_view size_line = body.substr(0, eol);
        if (const auto semicolon = size_line.find(';'); semicolon != std::string_view::npos)
            size_line = size_line.substr(0, semicolon);
        size_line = trim(size_line);
        std::size_t size = 0;
        const auto [end, ec] =
            std::from_chars(size_line.data(), size_line.data() + size_line.size(), size, 16);
        if (ec != std::errc() || end != size_line.data() + size_line.size()) break;
        body.remove_prefix(eol + 1);
        if (size == 0) break;
        out.append(body.substr(0, size));
        if (size >= body.size()) break;
        body.remove_prefix(size);
        if (body.starts_with("\r\n"))
            body.remove_prefix(2);
        else if (body.starts_with('\n'))
            body.remove_prefix(1);
    }
    return out;
}

// Undoes gzip content coding through libarchive; what a cut-off stream gave is kept.
std::string gunzip(std::string_view body) {
    std::string out;
    try {
        ArchiveInput input(body);
        if (!input.next_entry()) return out;
        input.read_member(out, kMaxFileBytes);
    } catch (const Error&) {
        // Keep what was decompressed before the damage.
    }
    return out;
}

}  // namespace

bool is_warc(std::string_view head) {
    return head.starts_with("WARC/");
}

std::optional<std::string> http_html_payload(std::string_view message, std::string& warning) {
    if (!message.starts_with("HTTP/")) return std::nullopt;
    auto end = message.find("\r\n\r\n");
    std::size_t body_start = end + 4;
    if (end == std::string_view::npos) {
        end = message.find("\n\n");
        if (end == std::string_view::npos) return std::nullopt;
        body_start = end + 2;
    }
    const std::string_view head = message.substr(0, end);
    std::string_view body = message.substr(body_start);
    const auto first_eol = head.find('\n');
    const std::string_view status_line = head.substr(0, first_eol);
    const auto space = status_line.find(' ');
    if (space == std::string_view::npos || status_line.size() < space + 2 ||
        status_line[space + 1] != '2')
        return std::nullopt;  // redirects, errors: no page
    std::string type, transfer, coding;
    std::string_view rest = first_eol == std::string_view::npos ? "" : head.substr(first_eol + 1);
    while (!rest.empty()) {
        const auto eol = rest.find('\n');
        const auto [name, value] = header_field(rest.substr(0, eol));
        if (name == "content-type") type = lower(value);
        if (name == "transfer-encoding") transfer = lower(value);
        if (name == "content-encoding") coding = lower(value);
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    const bool html = type.find("html") != std::string::npos;
    if (!html && !type.empty()) return std::nullopt;  // images, scripts, PDF...
    std::string payload =
        transfer.find("chunked") != std::string::npos ? unchunk(body) : std::string(body);
    if (coding == "gzip" || coding == "x-gzip") {
        payload = gunzip(payload);
    } else if (!coding.empty() && coding != "identity") {
        warning = "Content-Encoding " + coding + " is not read";
        return std::nullopt;
    }
    if (!html) {
        // No Content-Type: a page only if it looks like one.
        const std::string start = lower(std::string_view(payload).substr(0, 1024));
        if (start.find("<html") == std::string::npos &&
            start.find("<!doctype html") == std::string::npos)
            return std::nullopt;
    }
    return payload;
}

WarcRecords::WarcRecords(ByteSource source, std::string head, std::string file_id)
    : source_(std::move(source)), buffer_(std::move(head)), file_id_(std::move(file_id)) {
    hash_.update(buffer_);
}

bool WarcRecords::fill() {
    if (at_end_) return false;
    if (start_ > 0 && start_ >= buffer_.size() / 2) {
        buffer_.erase(0, start_);
        start_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kBlockBytes);
    std::size_t n = 0;
    try {
        n = source_(buffer_.data() + old_size, kBlockBytes);
    } catch (const Error& e) {
        // A truncated or damaged stream: what came before it is read.
        stream_error_ = e.what();
    }
    buffer_.resize(old_size + n);
    hash_.update(std::string_view(buffer_).substr(old_size));
    at_end_ = n == 0;
    return !at_end_;
}

std::optional<std::string> WarcRecords::line() {
    for (;;) {
        const auto eol = buffer_.find('\n', start_);
        if (eol != std::string::npos) {
            std::string out = buffer_.substr(start_, eol - start_);
            offset_ += eol + 1 - start_;
            start_ = eol + 1;
            if (out.ends_with('\r')) out.pop_back();
            return out;
        }
        if (buffer_.size() - start_ > kMaxHeaderLine) return std::nullopt;
        if (!fill()) {
            if (start_ >= buffer_.size()) return std::nullopt;
            std::string out = buffer_.substr(start_);
            offset_ += out.size();
            start_ = buffer_.size();
            return out;
        }
    }
}

bool WarcRecords::block(std::uintmax_t length, std::size_t keep, std::string& out) {
    out.clear();
    while (length > 0) {
        if (start_ >= buffer_.size() && !fill()) return false;
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uintmax_t>(length, buffer_.size() - start_));
        if (out.size() < keep) out.append(buffer_, start_, std::min(n, keep - out.size()));
        start_ += n;
        offset_ += n;
        length -= n;
        if (start_ == buffer_.size()) {
            buffer_.clear();
            start_ = 0;
        }
    }
    return true;
}

std::string WarcRecords::ends_inside() const {
    return (stream_error_.empty() ? std::string("the file ends") : stream_error_) +
           " inside record " + std::to_string(records_) + ", which is read as far as it goes";
}

void WarcRecords::damaged(const std::string& why) {
    warnings_.push_back(why + "; the rest of the file is not read");
    stopped_ = true;
}

std::optional<FileRecord> WarcRecords::next() {
    while (!stopped_) {
        try {
            std::optional<std::string> version;
            const std::uintmax_t record_offset = offset_;
            do {
                version = line();
            } while (version && trim(*version).empty());
            if (!version) {
                if (!stream_error_.empty()) damaged(stream_error_);
                return std::nullopt;
            }
            if (!is_warc(*version)) {
                damaged("no WARC record at byte " + std::to_string(record_offset));
                return std::nullopt;
            }
            ++records_;
            std::string type, uri, date, content_type;
            std::optional<std::uintmax_t> length;
            for (std::size_t lines = 0;; ++lines) {
                const auto header = line();
                if (!header || lines > kMaxHeaderLines) {
                    damaged("record " + std::to_string(records_) + ": its header does not end");
                    return std::nullopt;
                }
                if (header->empty()) break;
                const auto [name, value] = header_field(*header);
                if (name == "warc-type") type = lower(value);
                if (name == "warc-target-uri") uri = target_uri(value);
                if (name == "warc-date") date = value;
                if (name == "content-type") content_type = lower(value);
                if (name == "content-length") length = number(value);
            }
            if (!length) {
                damaged("record " + std::to_string(records_) + ": no Content-Length");
                return std::nullopt;
            }
            const bool wanted =
                type == "response" && content_type.find("application/http") != std::string::npos;
            std::string message;
            // The HTTP head of a page is a few KB beside the article's limit.
            const bool whole = block(*length, wanted ? kMaxFileBytes + (64u << 10) : 0, message);
            FileRecord record;
            if (!whole) {
                if (!wanted) {
                    damaged(ends_inside());
                    return std::nullopt;
                }
                record.truncation = ends_inside();
                stopped_ = true;
            } else if (*length > kMaxFileBytes + (64u << 10) && wanted) {
                record.truncation = "record " + std::to_string(records_) + " is over " +
                                    std::to_string(kMaxFileBytes >> 20) +
                                    " MB; only the first part was read";
            }
            if (!wanted) continue;
            std::string warning;
            auto payload = http_html_payload(message, warning);
            if (!warning.empty())
                // The URI and the header value come from the file as they are: warnings
                // reach terminals and logs, so they are repaired like any other text.
                warnings_.push_back(utf8::repaired("record " + std::to_string(records_) + " (" +
                                                   uri + "): " + warning));
            if (!payload) {
                if (!record.truncation.empty()) warnings_.push_back(record.truncation);
                continue;
            }
            if (payload->size() > kMaxFileBytes) payload->resize(kMaxFileBytes);
            record.key = std::to_string(records_);
            record.id = record_id(file_id_, records_);
            record.label = "record " + record.key + " (" + utf8::repaired(uri) + ")";
            record.format = ArticleFormat::html;
            record.bytes = std::move(*payload);
            record.url = uri;
            record.date = parse_date(date);
            record.date_source = "WARC-Date";
            return record;
        } catch (const Error& e) {
            damaged(std::string(e.what()) + " after record " + std::to_string(records_));
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace newsindex::readers
