// libFuzzer target: how `newssearch serve` reads a request target (searcher/serve_request.h),
// which any client on the network chooses byte for byte. Each input is read as the target
// of /api/search, /api/like, /api/article and /api/entity. A bug is a crash, a sanitizer
// report, an exception, a refusal that is not a 400 or 414 with a UTF-8 message, or a
// request outside the limits the server promises (a limit over 100, a query over 4 KB, an
// unknown facet, a NUL byte). Query strings also round-trip: re-encoding the decoded
// parameters and reading them again gives them back. Each input is also read as a request's
// head (searcher/serve_http.h): a refusal must carry one of the documented statuses, an
// accepted head a path within the limits and a body no larger than 8 KB; and as a Host
// field, which must never let a name that is not localhost or allowed through.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "common/base/utf8.h"
#include "searcher/serve_http.h"
#include "searcher/serve_request.h"

namespace {

using namespace newsindex;

[[noreturn]] void bug(const std::string& what, std::string_view input) {
    // Printed before aborting so the report says which rule broke, not just "abort".
    std::fprintf(stderr, "fuzz: %s\ninput (%zu bytes): %.*s\n", what.c_str(), input.size(),
                 static_cast<int>(input.size()), input.data());
    std::abort();
}

bool valid_utf8(std::string text) {
    return utf8::repair(text) == 0;
}

void check_text(const std::string& text, const char* name, std::string_view input) {
    if (text.size() > serve::kMaxQueryBytes) bug(std::string(name) + " over 4 KB", input);
    if (text.find('\0') != std::string::npos) bug(std::string(name) + " holds a NUL", input);
    if (!valid_utf8(text)) bug(std::string(name) + " is not UTF-8", input);
}

void check_target(std::string_view input, serve::Endpoint endpoint) {
    const auto result = serve::parse_search_target(input, endpoint);
    if (const auto* error = std::get_if<serve::RequestError>(&result)) {
        if (error->status != 400 && error->status != 414)
            bug("refused with status " + std::to_string(error->status), input);
        if (error->message.empty() || !valid_utf8(error->message))
            bug("refusal without a UTF-8 message", input);
        return;
    }
    const SearchRequest& request = std::get<serve::SearchTarget>(result).request;
    if (input.size() > serve::kMaxTargetBytes) bug("accepted a target over 8 KB", input);
    const std::size_t max_limit =
        endpoint == serve::Endpoint::download ? serve::kMaxExportRows : serve::kMaxLimit;
    if (request.limit > max_limit) bug("limit over the maximum", input);
    if (request.offset > serve::kMaxOffset) bug("offset over the maximum", input);
    if (request.facet_limit > serve::kMaxFacetLimit) bug("facet_limit over the maximum", input);
    check_text(request.query, "query", input);
    check_text(request.like, "like", input);
    if (endpoint == serve::Endpoint::like && request.like.empty())
        bug("/api/like accepted without an id", input);
    for (std::size_t i = 0; i < request.facets.size(); ++i) {
        const auto& facet = request.facets[i];
        if (std::find(kFacetNames.begin(), kFacetNames.end(), facet) == kFacetNames.end())
            bug("unknown facet " + facet, input);
        if (std::find(request.facets.begin(), request.facets.begin() + i, facet) !=
            request.facets.begin() + i)
            bug("facet " + facet + " twice", input);
    }
}

void check_article_target(std::string_view input) {
    const auto result = serve::parse_article_target(input);
    if (const auto* error = std::get_if<serve::RequestError>(&result)) {
        if (error->status != 400 && error->status != 414)
            bug("article refused with status " + std::to_string(error->status), input);
        if (error->message.empty() || !valid_utf8(error->message))
            bug("article refusal without a UTF-8 message", input);
        return;
    }
    const ArticleRequest& request = std::get<ArticleRequest>(result);
    if (input.size() > serve::kMaxTargetBytes) bug("accepted an article target over 8 KB", input);
    if (request.id.empty()) bug("/api/article accepted without an id", input);
    check_text(request.id, "id", input);
    check_text(request.query, "query", input);
}

void check_entity_target(std::string_view input) {
    const auto result = serve::parse_entity_target(input);
    if (const auto* error = std::get_if<serve::RequestError>(&result)) {
        if (error->status != 400 && error->status != 414)
            bug("entity refused with status " + std::to_string(error->status), input);
        if (error->message.empty() || !valid_utf8(error->message))
            bug("entity refusal without a UTF-8 message", input);
        return;
    }
    const EntityProfileRequest& request = std::get<EntityProfileRequest>(result);
    if (input.size() > serve::kMaxTargetBytes) bug("accepted an entity target over 8 KB", input);
    if (request.name.empty()) bug("/api/entity accepted without a name", input);
    if (request.named_with > serve::kMaxFacetLimit || request.newest > serve::kMaxFacetLimit)
        bug("entity limit over the maximum", input);
    check_text(request.name, "name", input);
}

std::string encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
    return out;
}

void check_round_trip(std::string_view input) {
    const auto parsed = serve::parse_query_string(input);
    const auto* parameters = std::get_if<serve::Parameters>(&parsed);
    if (!parameters) return;
    std::string again;
    for (const auto& [name, value] : *parameters)
        again += (again.empty() ? "" : "&") + encode(name) + '=' + encode(value);
    const auto reparsed = serve::parse_query_string(again);
    const auto* same = std::get_if<serve::Parameters>(&reparsed);
    if (!same || *same != *parameters) bug("parameters do not survive re-encoding", input);
}

void check_head(std::string_view input) {
    const auto end = serve::head_end(input);
    if (!end) {
        if (const auto error = serve::refuse_partial_head(input);
            error && error->status != 414 && error->status != 431)
            bug("partial head refused with status " + std::to_string(error->status), input);
        return;
    }
    if (*end > input.size()) bug("head_end past the input", input);
    const auto result = serve::parse_head(input.substr(0, *end));
    if (const auto* error = std::get_if<serve::RequestError>(&result)) {
        constexpr std::array kStatuses = {400, 411, 413, 414, 431, 505};
        if (std::find(kStatuses.begin(), kStatuses.end(), error->status) == kStatuses.end())
            bug("head refused with status " + std::to_string(error->status), input);
        if (error->message.empty() || !valid_utf8(error->message))
            bug("head refusal without a UTF-8 message", input);
        return;
    }
    const auto& request = std::get<serve::HttpRequest>(result);
    if (request.target.empty() || request.target.front() != '/')
        bug("accepted a target that is not a path", input);
    if (request.target.size() > serve::kMaxTargetBytes) bug("accepted a target over 8 KB", input);
    if (request.target.compare(0, request.path.size(), request.path) != 0)
        bug("the path is not the target's start", input);
    if (request.body_bytes > serve::kMaxBodyBytes) bug("accepted a body over 8 KB", input);
}

void check_host(std::string_view input) {
    const serve::HostPolicy policy{"127.0.0.1", {"news.example.org"}};
    if (!serve::host_allowed(input, policy)) return;
    // What may pass: localhost, a loopback address or the allowed name, any port.
    std::string name(input.substr(
        0, input.rfind(':') == std::string_view::npos || input.back() == ']' ? input.size()
                                                                             : input.rfind(':')));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!name.empty() && name.back() == '.') name.pop_back();
    if (name != "localhost" && name != "news.example.org" && name.rfind("127.", 0) != 0 &&
        name.find(':') == std::string::npos && name.front() != '[')
        bug("Host allowed: " + name, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check_target(input, serve::Endpoint::search);
    check_target(input, serve::Endpoint::like);
    check_target(input, serve::Endpoint::download);
    check_article_target(input);
    check_entity_target(input);
    check_round_trip(input);
    check_head(input);
    check_host(input);
    return 0;
}
