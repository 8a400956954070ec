// The response records of a WARC (ISO 28500, also the 0.17 draft) as articles: each HTML
// page a crawler fetched, its URL the record's WARC-Target-URI and its date the page's,
// else the WARC-Date. Read as a stream: one record's block at a time is kept, up to
// kMaxFileBytes. Not part of the public API (file_records.h is).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/content_hash.h"
#include "common/read/file_records.h"

namespace newsindex::readers {

// Bytes of the (decompressed) WARC: up to `size` into `buffer`, 0 at the end. Throws
// Error when the stream is damaged or truncated.
using ByteSource = std::function<std::size_t(char* buffer, std::size_t size)>;

// True when `head` starts a WARC file.
bool is_warc(std::string_view head);

class WarcRecords {
public:
    // `head`: bytes already taken from `source`; `file_id`: the id of the file, which
    // records extend with "#N" (N: the record's 1-based position among all records).
    WarcRecords(ByteSource source, std::string head, std::string file_id);
    // The next HTML response; nothing at the end of the file or where it is damaged
    // (warnings() says so). Revisits, requests, metadata and non-HTML payloads are passed.
    std::optional<FileRecord> next();
    const std::vector<std::string>& warnings() const { return warnings_; }
    std::string content_hash() const { return hash_.hex(); }

private:
    bool fill();
    std::optional<std::string> line();  // one header line, without its line end
    // `length` bytes of the block: the first `keep` into `out`; false when the file ends first.
    bool block(std::uintmax_t length, std::size_t keep, std::string& out);
    void damaged(const std::string& why);
    std::string ends_inside() const;

    ByteSource source_;
    std::string buffer_;
    std::size_t start_ = 0;
    bool at_end_ = false;
    bool stopped_ = false;
    std::string stream_error_;  // why the stream ended early, if it did
    std::string file_id_;
    std::size_t records_ = 0;
    std::uintmax_t offset_ = 0;  // of the next unread byte, for messages
    Fnv1a64 hash_;
    std::vector<std::string> warnings_;
};

// The HTML payload of an HTTP response as a WARC stores it (status line, headers, body):
// chunked transfer coding and gzip content coding undone. Nothing when it is no HTML
// page with status 2xx; `warning` says why when that is worth a line (a coding not read).
std::optional<std::string> http_html_payload(std::string_view message, std::string& warning);

}  // namespace newsindex::readers
