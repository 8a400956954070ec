// What `newssearch serve` reads of HTTP/1.1 and writes back: a request's head (request line
// and header fields) read into an HttpRequest or refused with a status, the Host check that
// stops DNS rebinding, and an answer's bytes. Pure (no sockets), so that the fuzzer reaches
// every line of it; serve_connections.cc does the sockets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "searcher/serve_request.h"

namespace newsindex::serve {

// Limits on a request's head and body. A browser's head is well under 2 KB; these leave
// room for long URLs (kMaxTargetBytes) and cookies without letting a client fill memory.
inline constexpr std::size_t kMaxHeadBytes = 16384;  // request line and header fields
inline constexpr std::size_t kMaxHeaderFields = 64;
inline constexpr std::size_t kMaxBodyBytes = 8192;  // nothing takes a body: read and dropped

// A request's head, once whole.
struct HttpRequest {
    std::string method;
    std::string target;     // as sent: path and query string
    std::string path;       // the target up to '?' or '#'
    std::string host;       // the Host field as sent
    bool has_host = false;  // false only in HTTP/1.0, where Host is optional
    bool keep_alive = true;
    bool expects_continue = false;  // "Expect: 100-continue": the client waits before a body
    bool accepts_gzip = false;      // Accept-Encoding lists gzip (or *) without q=0
    std::size_t body_bytes = 0;     // Content-Length
};

// Where the head ends (the offset just past its empty line), or nullopt while it is not
// whole. Bare LF line ends are taken as CRLF.
std::optional<std::size_t> head_end(std::string_view received);

// Reads a whole head (up to and including its empty line). Refusals: 400 malformed, 411 a
// body without Content-Length, 413 a body over kMaxBodyBytes, 414 a target over
// kMaxTargetBytes, 431 more than kMaxHeaderFields fields, 505 not HTTP/1.x.
std::variant<HttpRequest, RequestError> parse_head(std::string_view head);

// The refusal for `received` bytes that hold no whole head yet, or nullopt while more may
// come: 414 when the request line alone is over the limits, 431 when the head is.
std::optional<RequestError> refuse_partial_head(std::string_view received);

// The names a Host field may give: the address the server is bound to (any IP literal when
// that is a wildcard, 0.0.0.0 or ::), localhost, and the --allow-host names. A port, if
// any, is not compared: DNS rebinding changes the name, not the port.
struct HostPolicy {
    std::string bound_address;
    std::vector<std::string> allowed_names;
};

// Whether `host` (a Host field: name, IPv4, or [IPv6], each with an optional :port) may be
// answered. A page that a rebound name loaded gets a name no policy lists.
bool host_allowed(std::string_view host, const HostPolicy& policy);

// An answer before it is written.
struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// The bytes of `response`: status line, `common` headers (the security ones), its own,
// Content-Type, Content-Length and Connection; the body unless `head_only` (HEAD).
std::string serialize(const HttpResponse& response,
                      const std::vector<std::pair<std::string, std::string>>& common,
                      bool keep_alive, bool head_only);

}  // namespace newsindex::serve
