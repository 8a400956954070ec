#include "searcher/serve_gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace newsindex::serve {

namespace {

bool compressible(std::string_view content_type) {
    return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
           content_type.starts_with("application/x-ndjson") ||
           content_type.starts_with("image/svg+xml");
}

}  // namespace

std::string gzip(std::string_view data) {
    z_stream stream{};
    // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        throw std::runtime_error("zlib cannot start a gzip stream");
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw std::runtime_error("zlib could not compress an answer");
    return out;
}

void gzip_if_accepted(const HttpRequest& request, HttpResponse& response) {
    if (!compressible(response.content_type)) return;
    for (const auto& [name, value] : response.headers)
        if (name == "Content-Encoding") return;
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (!request.accepts_gzip || response.body.size() < kMinGzipBytes) return;
    response.body = gzip(response.body);
    response.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace newsindex::serve
