// gzip for the answers of `newssearch serve`: a search's JSON is mostly repeated keys and
// words, and shrinks to a fifth or less, which is what a page on a slow link waits for.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "searcher/serve_http.h"

namespace newsindex::serve {

// Answers shorter than this go as they are: gzip's header and the work cost more than
// the bytes saved.
inline constexpr std::size_t kMinGzipBytes = 860;

// `data` as one gzip member (RFC 1952), by zlib.
std::string gzip(std::string_view data);

// Compresses `response`'s body in place, with Content-Encoding: gzip, when the client
// accepts gzip, the body is large enough and of a kind that shrinks (text, JSON, CSV, SVG).
// Vary: Accept-Encoding goes on every answer of such a kind, so that a cache keeps the
// two apart.
void gzip_if_accepted(const HttpRequest& request, HttpResponse& response);

}  // namespace newsindex::serve
