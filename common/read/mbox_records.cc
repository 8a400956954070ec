#include "common/read/mbox_records.h"

#include <algorithm>
#include <cctype>

#include "common/read/file_blocks.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

// "From SENDER DATE" as mbox writers write it: one word for the sender, then nothing or
// a date with a time of day ("From - Mon Jun  3 12:50:27 1996"). "From Boston, he said"
// is a line of text.
bool looks_like_from_line(std::string_view line) {
    line.remove_prefix(kMboxFromLine.size());
    const auto sender_end = line.find_first_of(" \t\r");
    if (sender_end == 0 || line.empty()) return false;
    const std::string_view date = trim(line.substr(std::min(sender_end, line.size())));
    if (date.empty()) return true;
    for (std::size_t i = 1; i + 2 < date.size(); ++i)
        if (date[i] == ':' && std::isdigit(static_cast<unsigned char>(date[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(date[i + 1])) &&
            std::isdigit(static_cast<unsigned char>(date[i + 2])))
            return true;
    return false;
}

struct Message {
    std::string bytes;
    bool truncated = false;
};

// The message's bytes, cut at the end of a line within kMaxFileBytes when longer.
void keep(Message& message, std::string_view bytes) {
    message.truncated = bytes.size() > kMaxFileBytes;
    if (message.truncated) {
        const std::size_t cut = bytes.rfind('\n', kMaxFileBytes - 1);
        bytes = bytes.substr(0, cut == std::string_view::npos ? kMaxFileBytes : cut + 1);
    }
    message.bytes = bytes;
}

class MboxRecords : public RecordReader {
public:
    explicit MboxRecords(const ArticleOrigin& origin) : file_(origin.path), id_(origin.relative) {
        std::string& buffer = file_.buffer();
        // Blank lines before the first header (mail saved by hand) are no part of it.
        while ((start_ = buffer.find_first_not_of(" \t\r\n")) == std::string::npos ||
               buffer.size() - start_ < kMboxFromLine.size()) {
            if (!file_.fill()) break;
        }
        is_mailbox_ = start_ != std::string::npos &&
                      std::string_view(buffer).substr(start_).starts_with(kMboxFromLine);
    }
    bool is_mailbox() const { return is_mailbox_; }

    std::optional<FileRecord> next() override {
        // One message ahead: a mailbox of one message is the file itself.
        if (position_ == 0) pending_ = read_message();
        if (!pending_) return std::nullopt;
        Message message = std::move(*pending_);
        pending_ = read_message();
        ++position_;
        const bool alone = position_ == 1 && !pending_;
        FileRecord record;
        record.key = alone ? "file" : std::to_string(position_);
        record.id = alone ? id_ : record_id(id_, position_);
        record.format = ArticleFormat::mail;
        record.label = "message " + std::to_string(position_);
        record.bytes = std::move(message.bytes);
        if (message.truncated)
            record.truncation = "longer than " + std::to_string(kMaxFileBytes >> 20) +
                                " MB; only the first " + std::to_string(kMaxFileBytes >> 20) +
                                " MB were read";
        return record;
    }
    std::vector<std::string> warnings() const override { return {}; }
    std::string content_hash() const override { return file_.content_hash(); }

private:
    // The message that starts at start_, up to the next one or the end of the file.
    std::optional<Message> read_message() {
        std::string& buffer = file_.buffer();
        if (start_ >= buffer.size()) return std::nullopt;
        Message message;
        std::size_t from = start_;
        for (;;) {
            // Whole lines only: whether a "From " line opens a message depends on all of it.
            std::string_view lines(buffer);
            if (!file_.at_end()) lines = lines.substr(0, lines.rfind('\n') + 1);
            const std::size_t end = find_mbox_separator(lines, start_, from);
            if (end != std::string::npos || file_.at_end()) {
                const std::size_t stop = std::min(end, buffer.size());
                if (!message.truncated)
                    keep(message, std::string_view(buffer).substr(start_, stop - start_));
                start_ = stop;
                return message;
            }
            // The next search starts at the last line end, and the buffer keeps only the
            // message being read: past the cap, only the two bytes before that line end
            // that tell an empty line (start_ stays 0, its first line gone).
            from = std::max(lines.empty() ? buffer.size() : lines.size() - 1, start_) - start_;
            buffer.erase(0, start_);
            start_ = 0;
            if (!message.truncated && buffer.size() > kMaxFileBytes) keep(message, buffer);
            if (message.truncated) {
                const std::size_t drop = from > 2 ? from - 2 : 0;
                buffer.erase(0, drop);
                from -= drop;
            }
            file_.fill();
        }
    }

    FileBlocks file_;
    std::string id_;
    std::size_t start_ = 0;  // where the next message starts in the buffer
    bool is_mailbox_ = false;
    std::size_t position_ = 0;
    std::optional<Message> pending_;
};

}  // namespace

std::size_t find_mbox_separator(std::string_view bytes, std::size_t start, std::size_t from) {
    for (std::size_t at = bytes.find("\nFrom ", std::max(from, start + 1));
         at != std::string_view::npos; at = bytes.find("\nFrom ", at + 1)) {
        const bool after_empty_line =
            bytes[at - 1] == '\n' || (bytes[at - 1] == '\r' && at >= 2 && bytes[at - 2] == '\n');
        const std::string_view line = bytes.substr(at + 1, bytes.find('\n', at + 1) - at - 1);
        if (after_empty_line || looks_like_from_line(line)) return at + 1;
    }
    return std::string_view::npos;
}

std::string mbox_message(std::string_view raw) {
    if (raw.starts_with(kMboxFromLine)) {
        const auto line_end = raw.find('\n');
        raw.remove_prefix(line_end == std::string_view::npos ? raw.size() : line_end + 1);
    }
    std::string message;
    message.reserve(raw.size());
    bool line_start = true;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (line_start && raw[i] == '>') {
            const auto quotes_end = raw.find_first_not_of('>', i);
            if (quotes_end != std::string_view::npos &&
                raw.substr(quotes_end).starts_with(kMboxFromLine))
                ++i;  // one level of quoting off
        }
        message += raw[i];
        line_start = raw[i] == '\n';
    }
    return message;
}

std::unique_ptr<RecordReader> open_mbox_records(const ArticleOrigin& origin) {
    auto records = std::make_unique<MboxRecords>(origin);
    if (!records->is_mailbox()) return nullptr;
    return records;
}

}  // namespace newsindex::readers
