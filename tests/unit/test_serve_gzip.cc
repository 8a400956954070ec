#include <doctest/doctest.h>
#include <zlib.h>

#include <string>
#include <variant>

#include "searcher/serve_gzip.h"
#include "searcher/serve_http.h"
#include "searcher/serve_request.h"

using namespace newsindex;
using namespace newsindex::serve;

namespace {

bool gzip_accepted(const std::string& accept_encoding) {
    const auto parsed =
        parse_head("GET / HTTP/1.1\r\nHost: a\r\nAccept-Encoding: " + accept_encoding + "\r\n\r\n");
    REQUIRE(std::holds_alternative<HttpRequest>(parsed));
    return std::get<HttpRequest>(parsed).accepts_gzip;
}

std::string gunzip(const std::string& data) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    CHECK(status == Z_STREAM_END);
    return out;
}

SearchTarget target(const std::string& url, Endpoint endpoint = Endpoint::search) {
    auto parsed = parse_search_target(url, endpoint);
    if (const auto* error = std::get_if<RequestError>(&parsed)) FAIL(error->message);
    return std::get<SearchTarget>(parsed);
}

int refused(const std::string& url, Endpoint endpoint = Endpoint::search) {
    auto parsed = parse_search_target(url, endpoint);
    REQUIRE(std::holds_alternative<RequestError>(parsed));
    return std::get<RequestError>(parsed).status;
}

}  // namespace

TEST_CASE("serve: Accept-Encoding allows gzip when it lists gzip or *, not with q=0") {
    CHECK(gzip_accepted("gzip"));
    CHECK(gzip_accepted("gzip, deflate, br"));
    CHECK(gzip_accepted("br;q=1.0, GZIP;q=0.5"));
    CHECK(gzip_accepted("*"));
    CHECK_FALSE(gzip_accepted("identity"));
    CHECK_FALSE(gzip_accepted("gzip;q=0"));
    CHECK_FALSE(gzip_accepted("gzip;q=0.000, *"));
    CHECK_FALSE(gzip_accepted("*;q=0"));
    CHECK_FALSE(gzip_accepted("gzipped"));
    const auto none = parse_head("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    CHECK_FALSE(std::get<HttpRequest>(none).accepts_gzip);
}

TEST_CASE("serve: gzip_if_accepted compresses large text answers the client accepts") {
    HttpRequest request;
    request.accepts_gzip = true;
    HttpResponse response;
    response.content_type = "application/json; charset=utf-8";
    std::string body;
    for (int i = 0; i < 200; ++i)
        body += R"({"title": "Oil prices rise", "rank": )" + std::to_string(i) + "}\n";
    response.body = body;
    gzip_if_accepted(request, response);
    CHECK(response.body.size() < body.size() / 4);
    CHECK(gunzip(response.body) == body);
    bool encoded = false, varies = false;
    for (const auto& [name, value] : response.headers) {
        encoded = encoded || (name == "Content-Encoding" && value == "gzip");
        varies = varies || (name == "Vary" && value == "Accept-Encoding");
    }
    CHECK(encoded);
    CHECK(varies);

    HttpResponse small;
    small.content_type = "application/json";
    small.body = R"({"error": "no such page"})";
    gzip_if_accepted(request, small);
    CHECK(small.body == R"({"error": "no such page"})");

    HttpResponse refused_gzip;
    refused_gzip.content_type = "text/csv";
    refused_gzip.body = body;
    gzip_if_accepted(HttpRequest{}, refused_gzip);
    CHECK(refused_gzip.body == body);
}

TEST_CASE("serve: format and fields as the command line's, downloads bounded") {
    CHECK(target("/api/search?q=oil").format == "json");
    const auto csv = target("/api/search?q=oil&format=csv&fields=id,title");
    CHECK(csv.format == "csv");
    CHECK(csv.request.fields == std::vector<std::string>{"id", "title"});
    CHECK(csv.request.facets.empty());
    CHECK(csv.request.spelling == Spelling::off);
    // Without format=csv every facet is counted, as on the command line.
    CHECK(target("/api/search?format=json&fields=id").request.facets.size() == kFacetNames.size());
    CHECK(refused("/api/search?format=xml") == 400);
    CHECK(refused("/api/search?fields=id,bogus") == 400);
    CHECK(refused("/api/search?fields=") == 400);
    CHECK(refused("/api/search?limit=1000") == 400);

    const auto download = target("/api/export?q=oil", Endpoint::download);
    CHECK(download.format == "csv");
    CHECK(download.request.limit == kMaxExportRows);
    CHECK(download.request.facets.empty());
    CHECK(target("/api/export?format=jsonl&limit=100000", Endpoint::download).format == "jsonl");
    CHECK(refused("/api/export?limit=100001", Endpoint::download) == 400);
    CHECK(refused("/api/export?format=json", Endpoint::download) == 400);
    CHECK(refused("/api/export?fields=id,explain", Endpoint::download) == 400);
}

TEST_CASE("serve: an entity's page takes a kind, a name and a limit, nothing else") {
    const auto parsed = parse_entity_target("/api/entity?kind=org&name=Federal+Reserve&limit=3");
    REQUIRE(std::holds_alternative<EntityProfileRequest>(parsed));
    const auto& request = std::get<EntityProfileRequest>(parsed);
    CHECK(request.kind == EntityKind::org);
    CHECK(request.name == "Federal Reserve");
    CHECK(request.named_with == 3);
    CHECK(request.newest == 3);
    const auto status = [](const std::string& url) {
        const auto refusal = parse_entity_target(url);
        REQUIRE(std::holds_alternative<RequestError>(refusal));
        return std::get<RequestError>(refusal).status;
    };
    CHECK(status("/api/entity?kind=person") == 400);           // no name
    CHECK(status("/api/entity?name=Reagan") == 400);           // no kind
    CHECK(status("/api/entity?kind=colour&name=red") == 400);  // no such kind
    CHECK(status("/api/entity?kind=person&name=a&limit=101") == 400);
    CHECK(status("/api/entity?kind=person&name=a&prefix=b") == 400);  // /api/facet_values's
    CHECK(status("/api/entity?kind=person&name=a&name=b") == 400);
    CHECK(status("/api/entity?kind=person&name=" + std::string(5000, 'a')) == 414);
    // /api/facet_values reads the same kind and limit, and its prefix.
    const auto values = parse_facet_values_target("/api/facet_values?kind=place&prefix=min");
    REQUIRE(std::holds_alternative<FacetValueRequest>(values));
    CHECK(std::get<FacetValueRequest>(values).prefix == "min");
    CHECK(std::holds_alternative<RequestError>(
        parse_facet_values_target("/api/facet_values?kind=place&name=min")));
}
