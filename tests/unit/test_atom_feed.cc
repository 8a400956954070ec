#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "searcher/atom_feed.h"

using namespace newsindex;

TEST_CASE("atom feed: escaped text, linked entries, dates as RFC 3339") {
    CHECK(xml_escaped("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d");
    CHECK(xml_escaped(std::string("bell\x07 tab\t")) == "bell tab\t");

    SearchRequest request;
    request.query = "oil & gas";
    SearchResponse response;
    SearchHit dated;
    dated.article.id = "wire/a b.txt";
    dated.article.title = "Oil <up>";
    dated.article.date = make_date(2010, 4, 20);
    dated.article.url = "https://example.org/x?a=1&b=2";
    dated.snippet.text = "Oil rose.";
    SearchHit undated;
    undated.article.id = "wire/c.txt";
    response.hits = {dated, undated};

    std::ostringstream out;
    print_atom_feed(out, request, response, "http://localhost:8080", "2026-12-03T10:00:00Z");
    const std::string feed = out.str();
    CHECK(feed.find("<title>newsindex: oil &amp; gas</title>") != std::string::npos);
    // The feed is as new as its newest entry; an undated entry takes the feed's time.
    CHECK(feed.find("<updated>2010-04-20T00:00:00Z</updated>") < feed.find("<entry>"));
    CHECK(feed.find("<updated>2026-12-03T10:00:00Z</updated>") > feed.find("wire%2Fc.txt"));
    CHECK(feed.find("href=\"http://localhost:8080/article?id=wire%2Fa%20b.txt\"") !=
          std::string::npos);
    CHECK(feed.find("<id>urn:newsindex:article:wire%2Fa%20b.txt</id>") != std::string::npos);
    CHECK(feed.find("<title>Oil &lt;up&gt;</title>") != std::string::npos);
    CHECK(feed.find("rel=\"via\" href=\"https://example.org/x?a=1&amp;b=2\"") != std::string::npos);
    // An entry without a title is named by its id.
    CHECK(feed.find("<title>wire/c.txt</title>") != std::string::npos);
    CHECK(feed.find("<summary>Oil rose.</summary>") != std::string::npos);
}
