#include "searcher/serve_http.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace newsindex::serve {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool same_word(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

// RFC 9110's tchar: what a method and a field name are made of.
bool is_token(std::string_view text) {
    constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               kExtra.find(c) != std::string_view::npos;
    });
}

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// The head's lines, without their line ends; leading empty lines (which RFC 9112 lets a
// server ignore, left over from a previous request) skipped.
std::vector<std::string_view> head_lines(std::string_view head) {
    std::vector<std::string_view> lines;
    while (!head.empty()) {
        const auto newline = head.find('\n');
        std::string_view line = head.substr(0, newline);
        head = newline == std::string_view::npos ? std::string_view() : head.substr(newline + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() && lines.empty()) continue;
        if (line.empty()) break;
        lines.push_back(line);
    }
    return lines;
}

RequestError refused(int status, std::string message) {
    return RequestError{status, std::move(message)};
}

// A Content-Length: digits only, so "+5", "5 " inside and "0x10" are refused.
std::optional<std::uint64_t> parse_length(std::string_view value) {
    if (value.empty() || value.size() > 18) return std::nullopt;
    std::uint64_t n = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

// Whether a comma-separated field value (Connection) lists `word`.
bool lists(std::string_view value, std::string_view word) {
    while (true) {
        const auto comma = value.find(',');
        if (same_word(trimmed(value.substr(0, comma)), word)) return true;
        if (comma == std::string_view::npos) return false;
        value.remove_prefix(comma + 1);
    }
}

// Whether an Accept-Encoding value allows gzip: "gzip" or "*" listed, not with q=0
// ("gzip;q=0" refuses it; "*;q=0" refuses whatever is not named).
bool allows_gzip(std::string_view value) {
    bool allowed = false;
    while (!value.empty()) {
        const auto comma = value.find(',');
        const std::string_view item = value.substr(0, comma);
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
        const auto semicolon = item.find(';');
        const std::string_view coding = trimmed(item.substr(0, semicolon));
        std::string_view parameters =
            semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
        parameters = trimmed(parameters);
        bool refused = false;
        if (parameters.size() >= 2 && (parameters[0] == 'q' || parameters[0] == 'Q') &&
            parameters[1] == '=') {
            const std::string_view q = trimmed(parameters.substr(2));
            refused = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
        }
        if (same_word(coding, "gzip")) return !refused;
        if (coding == "*") allowed = !refused;
    }
    return allowed;
}

std::string_view reason(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 411:
            return "Length Required";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 421:
            return "Misdirected Request";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Unknown";
    }
}

bool is_ip_literal(const std::string& name) {
    std::array<unsigned char, 16> address{};
    return ::inet_pton(AF_INET, name.c_str(), address.data()) == 1 ||
           ::inet_pton(AF_INET6, name.c_str(), address.data()) == 1;
}

bool is_loopback_literal(const std::string& name) {
    std::array<unsigned char, 16> address{};
    if (::inet_pton(AF_INET, name.c_str(), address.data()) == 1) return address[0] == 127;
    constexpr std::array<unsigned char, 16> kLoopback6{0, 0, 0, 0, 0, 0, 0, 0,
                                                       0, 0, 0, 0, 0, 0, 0, 1};
    return ::inet_pton(AF_INET6, name.c_str(), address.data()) == 1 && address == kLoopback6;
}

// A host name or address as compared: lower case, without brackets and a final dot.
std::string host_key(std::string_view name) {
    if (name.size() >= 2 && name.front() == '[' && name.back() == ']')
        name = name.substr(1, name.size() - 2);
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    return lowered(name);
}

// The name part of a Host field ("name", "name:port", "[v6]:port"), or nullopt when the
// field is malformed.
std::optional<std::string> host_name(std::string_view host) {
    std::string_view name = host;
    std::string_view port;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        name = host.substr(1, close - 1);
        const std::string_view rest = host.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return std::nullopt;
        port = rest.empty() ? rest : rest.substr(1);
    } else if (const auto colon = host.find(':'); colon != std::string_view::npos) {
        name = host.substr(0, colon);
        port = host.substr(colon + 1);
    }
    if (name.empty() ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return host_key(name);
}

}  // namespace

std::optional<std::size_t> head_end(std::string_view received) {
    std::size_t start = received.find_first_not_of("\r\n");
    if (start == std::string_view::npos) return std::nullopt;
    while (true) {
        const auto newline = received.find('\n', start);
        if (newline == std::string_view::npos) return std::nullopt;
        const std::size_t next = newline + 1;
        if (next < received.size() && received[next] == '\n') return next + 1;
        if (next + 1 < received.size() && received[next] == '\r' && received[next + 1] == '\n')
            return next + 2;
        start = next;
    }
}

std::optional<RequestError> refuse_partial_head(std::string_view received) {
    const auto first = received.find_first_not_of("\r\n");
    const std::string_view rest =
        first == std::string_view::npos ? std::string_view() : received.substr(first);
    // The request line: a method, the target, "HTTP/1.1" and a little slack.
    const std::size_t line_limit = kMaxTargetBytes + 64;
    const auto newline = rest.find('\n');
    if ((newline == std::string_view::npos ? rest.size() : newline) > line_limit)
        return refused(
            414, "the URL is too long: at most " + std::to_string(kMaxTargetBytes) + " bytes");
    if (received.size() > kMaxHeadBytes)
        return refused(431, "the request's header is too large: at most " +
                                std::to_string(kMaxHeadBytes) + " bytes");
    if (static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) > kMaxHeaderFields + 2)
        return refused(431, "more than " + std::to_string(kMaxHeaderFields) + " header fields");
    return std::nullopt;
}

std::variant<HttpRequest, RequestError> parse_head(std::string_view head) {
    if (auto error = refuse_partial_head(head)) return std::move(*error);
    const auto lines = head_lines(head);
    if (lines.empty()) return refused(400, "malformed request: no request line");

    // The request line: METHOD SP target SP HTTP/1.x, single spaces.
    const std::string_view line = lines.front();
    const auto space1 = line.find(' ');
    const auto space2 = space1 == std::string_view::npos ? space1 : line.find(' ', space1 + 1);
    if (space2 == std::string_view::npos || line.find(' ', space2 + 1) != std::string_view::npos)
        return refused(400, "malformed request line");
    HttpRequest request;
    request.method = std::string(line.substr(0, space1));
    const std::string_view target = line.substr(space1 + 1, space2 - space1 - 1);
    const std::string_view version = line.substr(space2 + 1);
    if (!is_token(request.method)) return refused(400, "malformed request line: bad method");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return refused(400, "malformed request line: no HTTP version");
    if (version[5] != '1') return refused(505, "only HTTP/1.0 and HTTP/1.1 are served");
    const bool http10 = version == "HTTP/1.0";
    if (target.size() > kMaxTargetBytes)
        return refused(
            414, "the URL is too long: at most " + std::to_string(kMaxTargetBytes) + " bytes");
    if (target.empty() || target.front() != '/' ||
        std::any_of(target.begin(), target.end(), is_control))
        return refused(400, "malformed request line: the target is not a path");
    request.target = std::string(target);
    request.path = std::string(target.substr(0, target.find_first_of("?#")));

    if (lines.size() - 1 > kMaxHeaderFields)
        return refused(431, "more than " + std::to_string(kMaxHeaderFields) + " header fields");
    bool has_host = false;
    std::optional<std::uint64_t> length;
    bool chunked = false;
    request.keep_alive = !http10;
    for (auto it = lines.begin() + 1; it != lines.end(); ++it) {
        const std::string_view field = *it;
        const auto colon = field.find(':');
        // A line that starts with a space continues the previous one (obsolete folding,
        // refused by RFC 9112); a name with spaces before its colon is refused too, as
        // proxies would read it differently.
        if (colon == std::string_view::npos || !is_token(field.substr(0, colon)))
            return refused(400, "malformed header field");
        const std::string_view name = field.substr(0, colon);
        const std::string_view value = trimmed(field.substr(colon + 1));
        if (std::any_of(value.begin(), value.end(),
                        [](char c) { return c != '\t' && is_control(c); }))
            return refused(400, "control character in a header field");
        if (same_word(name, "host")) {
            if (has_host) return refused(400, "Host given twice");
            has_host = true;
            request.has_host = true;
            request.host = std::string(value);
        } else if (same_word(name, "content-length")) {
            const auto n = parse_length(value);
            if (!n || (length && *length != *n)) return refused(400, "malformed Content-Length");
            length = n;
        } else if (same_word(name, "transfer-encoding")) {
            chunked = true;
        } else if (same_word(name, "connection")) {
            if (lists(value, "close")) request.keep_alive = false;
            if (http10 && lists(value, "keep-alive")) request.keep_alive = true;
        } else if (same_word(name, "accept-encoding")) {
            request.accepts_gzip = allows_gzip(value);
        } else if (same_word(name, "expect")) {
            request.expects_continue = same_word(value, "100-continue");
        }
    }
    if (!http10 && !has_host) return refused(400, "HTTP/1.1 request without Host");
    // Both would let a proxy and this server see different requests in the same bytes.
    if (chunked && length) return refused(400, "both Transfer-Encoding and Content-Length");
    if (chunked) return refused(411, "a request body needs a Content-Length");
    if (length && *length > kMaxBodyBytes)
        return refused(413, "the request body is too large: at most " +
                                std::to_string(kMaxBodyBytes) + " bytes");
    request.body_bytes = length ? static_cast<std::size_t>(*length) : 0;
    return request;
}

bool host_allowed(std::string_view host, const HostPolicy& policy) {
    const auto name = host_name(host);
    if (!name) return false;
    if (*name == "localhost" || is_loopback_literal(*name)) return true;
    const std::string bound = host_key(policy.bound_address);
    if (*name == bound) return true;
    // Bound to every interface: the machine's own addresses are not known here, but an
    // address cannot be rebound, only a name can.
    if ((bound == "0.0.0.0" || bound == "::") && is_ip_literal(*name)) return true;
    return std::any_of(policy.allowed_names.begin(), policy.allowed_names.end(),
                       [&](const std::string& allowed) { return host_key(allowed) == *name; });
}

std::string serialize(const HttpResponse& response,
                      const std::vector<std::pair<std::string, std::string>>& common,
                      bool keep_alive, bool head_only) {
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + ' ' +
                      std::string(reason(response.status)) + "\r\n";
    const auto add = [&out](std::string_view name, std::string_view value) {
        out.append(name).append(": ").append(value).append("\r\n");
    };
    for (const auto& [name, value] : common) add(name, value);
    for (const auto& [name, value] : response.headers) add(name, value);
    if (!response.content_type.empty()) add("Content-Type", response.content_type);
    add("Content-Length", std::to_string(response.body.size()));
    add("Connection", keep_alive ? "keep-alive" : "close");
    out += "\r\n";
    if (!head_only) out += response.body;
    return out;
}

}  // namespace newsindex::serve
