#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "searcher/serve_http.h"

using namespace newsindex::serve;

namespace {

HttpRequest accepted(const std::string& head) {
    auto parsed = parse_head(head);
    REQUIRE(std::holds_alternative<HttpRequest>(parsed));
    return std::get<HttpRequest>(parsed);
}

int refused(const std::string& head) {
    auto parsed = parse_head(head);
    REQUIRE(std::holds_alternative<RequestError>(parsed));
    return std::get<RequestError>(parsed).status;
}

}  // namespace

TEST_CASE("serve: head_end finds the empty line, CRLF or LF, after leading empty lines") {
    CHECK(head_end("GET / HTTP/1.1\r\nHost: a\r\n") == std::nullopt);
    CHECK(head_end("GET / HTTP/1.1\r\nHost: a\r\n\r\nbody") == 27);
    CHECK(head_end("GET / HTTP/1.1\nHost: a\n\n") == 24);
    CHECK(head_end("\r\nGET / HTTP/1.1\r\n\r\n") == 20);
    CHECK(head_end("\r\n\r\n") == std::nullopt);
}

TEST_CASE("serve: parse_head reads the request line and the fields that matter") {
    const auto request = accepted(
        "GET /api/search?q=oil HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nConnection: close\r\n"
        "Content-Length: 12\r\nExpect: 100-continue\r\n\r\n");
    CHECK(request.method == "GET");
    CHECK(request.target == "/api/search?q=oil");
    CHECK(request.path == "/api/search");
    CHECK(request.host == "127.0.0.1:8080");
    CHECK(request.has_host);
    CHECK_FALSE(request.keep_alive);
    CHECK(request.expects_continue);
    CHECK(request.body_bytes == 12);
    CHECK(accepted("GET / HTTP/1.1\r\nHost: a\r\n\r\n").keep_alive);
    CHECK_FALSE(accepted("GET / HTTP/1.0\r\n\r\n").keep_alive);
    CHECK_FALSE(accepted("GET / HTTP/1.0\r\n\r\n").has_host);
    CHECK(accepted("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keep_alive);
}

TEST_CASE("serve: parse_head refuses with the documented statuses") {
    CHECK(refused("GET / HTTP/1.1\r\n\r\n") == 400);                        // no Host
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400);  // two
    CHECK(refused("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == 400);            // two spaces
    CHECK(refused("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n") == 400);     // not a path
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n") == 400);  // obs-fold
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n") == 400);
    CHECK(refused("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505);
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") == 411);
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                  "Content-Length: 3\r\n\r\n") == 400);
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                  "Content-Length: 4\r\n\r\n") == 400);
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\n") == 400);
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 8193\r\n\r\n") == 413);
    CHECK(accepted("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 8192\r\n\r\n").body_bytes == 8192);
    CHECK(refused("GET /" + std::string(kMaxTargetBytes, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n") ==
          414);
    std::string fields;
    for (std::size_t i = 0; i < kMaxHeaderFields; ++i)
        fields += "X-" + std::to_string(i) + ": 1\r\n";
    CHECK(accepted("GET / HTTP/1.0\r\n" + fields + "\r\n").has_host == false);
    CHECK(refused("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n") == 431);
}

TEST_CASE("serve: refuse_partial_head stops a head that cannot end within the limits") {
    CHECK_FALSE(refuse_partial_head("GET / HTTP/1.1\r\nHost: a\r\n").has_value());
    CHECK(refuse_partial_head("GET /" + std::string(kMaxTargetBytes + 100, 'a'))->status == 414);
    CHECK(refuse_partial_head("GET / HTTP/1.1\r\nX: " + std::string(kMaxHeadBytes, 'a'))->status ==
          431);
    std::string many = "GET / HTTP/1.1\r\n";
    for (std::size_t i = 0; i < kMaxHeaderFields + 2; ++i) many += "X: 1\r\n";
    CHECK(refuse_partial_head(many)->status == 431);
}

TEST_CASE("serve: host_allowed answers the server's own names only") {
    const HostPolicy loopback{"127.0.0.1", {"news.example.org"}};
    for (const char* host :
         {"127.0.0.1", "127.0.0.1:8080", "localhost", "LocalHost:1", "localhost.", "[::1]",
          "[::1]:80", "news.example.org", "NEWS.example.org:443", "127.0.0.2"})
        CHECK_MESSAGE(host_allowed(host, loopback), host);
    for (const char* host : {"evil.example.com", "evil.example.com:8080", "localhost.evil.com",
                             "news.example.org.evil", "", ":80", "::1", "[::1", "[::1]x",
                             "localhost:8o", "10.0.0.5", "a b"})
        CHECK_FALSE_MESSAGE(host_allowed(host, loopback), host);
    // Bound to every interface: any address (none can be rebound), still no other name.
    const HostPolicy wildcard{"0.0.0.0", {}};
    CHECK(host_allowed("10.0.0.5:8080", wildcard));
    CHECK(host_allowed("[2001:db8::1]:8080", wildcard));
    CHECK_FALSE(host_allowed("evil.example.com", wildcard));
    CHECK(host_allowed("search.lan", HostPolicy{"search.lan", {}}));
}

TEST_CASE("serve: serialize writes the status line, the headers and the body unless HEAD") {
    HttpResponse response;
    response.status = 404;
    response.content_type = "application/json";
    response.headers.emplace_back("Cache-Control", "no-store");
    response.body = "{}";
    const std::string text = serialize(response, {{"X-Frame-Options", "DENY"}}, false, false);
    CHECK(text ==
          "HTTP/1.1 404 Not Found\r\nX-Frame-Options: DENY\r\nCache-Control: no-store\r\n"
          "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    const std::string head = serialize(response, {}, true, true);
    CHECK(head.find("Content-Length: 2\r\nConnection: keep-alive\r\n\r\n") != std::string::npos);
    CHECK(head.substr(head.size() - 4) == "\r\n\r\n");
}
