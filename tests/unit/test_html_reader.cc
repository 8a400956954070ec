#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/base/utf8.h"
#include "common/read/article_reader.h"

using newsindex::ArticleFormat;
using newsindex::Date;
using newsindex::Error;
using newsindex::parse_articles;
using newsindex::read_articles;

namespace {

const std::string kFixtures = NEWSINDEX_FIXTURES "/readers/";

newsindex::Article read_one_html(std::string_view html, std::string_view path = "p.html") {
    auto result = parse_articles(html, ArticleFormat::html, "p.html", path);
    REQUIRE(result.articles.size() == 1);
    return result.articles.front();
}

}  // namespace

TEST_CASE("html reader: metadata and article body of a full page") {
    const auto result =
        read_articles(kFixtures + "article.html", ArticleFormat::html, "news/bridge", "b.html");
    CHECK(result.warnings.empty());
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.id == "news/bridge");
    CHECK(a.path == "b.html");
    CHECK(a.title == "Riverside Bridge Opens Two Months Early");
    CHECK(a.subtitle == "Commuters cheer as the new span cuts travel times");
    CHECK(a.date == Date{2011, 5, 6});
    CHECK(a.source == "Example Gazette");
    CHECK(a.url == "https://gazette.example/2011/05/06/bridge-opens");
    CHECK(a.author == "Jonas Berg");
    // Entities decoded (&euro; &nbsp; &amp;), <br> and <li> break paragraphs, the headline
    // is not repeated, furniture and hidden elements are gone.
    CHECK(a.body ==
          "The new Riverside Bridge opened to traffic on Friday, two months ahead of schedule "
          "and \xE2\x82\xAC"
          "3 million under budget.\n\n"
          "Mayor Lena Holm cut the ribbon at 7 a.m. & the first buses crossed minutes later.\n\n"
          "Local shops said trade rose at once.\n\n"
          "Length: 420 m\n\nLanes: 4");
    for (const char* gone : {"Home", "site header", "do not index", "Related", "document.write",
                             "Hidden", "Search", "Copyright", "color"})
        CHECK_MESSAGE(a.body.find(gone) == std::string::npos, gone);
}

TEST_CASE("html reader: fallbacks without Open Graph") {
    const auto result =
        read_articles(kFixtures + "plain_page.htm", ArticleFormat::html, "c", "c.htm");
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.title == "Council votes to expand bike lanes");  // <h1> in <main> beats <title>
    CHECK(a.subtitle == "Twelve new kilometres by next summer");
    CHECK(a.date == Date{2012, 3, 3});
    CHECK(a.body ==
          "The city council voted 9-2 on Thursday to add twelve kilometres of protected bike "
          "lanes.\n\nWork starts in April.");
    CHECK(a.source.empty());
    CHECK(a.url.empty());
}

TEST_CASE("html reader: title, date and url fallbacks") {
    SUBCASE("<title> when there is no og:title and no article/main") {
        const auto a =
            read_one_html("<title>Page &amp; title</title><body><h1>Other</h1><p>Text.</p></body>");
        CHECK(a.title == "Page & title");
        CHECK(a.body == "Other\n\nText.");
    }
    SUBCASE("first paragraph when there is no title at all") {
        const auto a = read_one_html("<body><p>Only a paragraph here.</p></body>");
        CHECK(a.title == "Only a paragraph here.");
    }
    SUBCASE("<time datetime> and link rel=canonical") {
        const auto a = read_one_html(
            "<html><head><link rel=canonical href='https://x.example/a'></head><body><article>"
            "<h1>Head</h1><time datetime='2015-06-07T10:00'>June 7</time><p>Text.</p>"
            "</article></body></html>");
        CHECK(a.title == "Head");
        CHECK(a.date == Date{2015, 6, 7});
        CHECK(a.url == "https://x.example/a");
    }
    SUBCASE("a <time> in the article beats one in the page header") {
        const auto a = read_one_html(
            "<body><header><time datetime='2020-01-01'>Today</time></header><article>"
            "<h1>Head</h1><time datetime='2015-06-07'>June 7</time><p>Text.</p></article>");
        CHECK(a.date == Date{2015, 6, 7});
    }
    SUBCASE("a date line at the top of the body") {
        const auto a = read_one_html(
            "<article><h1>Head</h1><p>Tuesday, April 20, 2010</p><p>Text.</p></article>");
        CHECK(a.date == Date{2010, 4, 20});
        CHECK(a.body == "Text.");
    }
    SUBCASE("the path when the page has no date") {
        CHECK(read_one_html("<h1>Head</h1><p>Text.</p>", "2014/02/03/x.html").date ==
              Date{2014, 2, 3});
    }
    SUBCASE("long descriptions are no subtitle") {
        const auto a = read_one_html("<meta name=description content='" + std::string(400, 'x') +
                                     "'><h1>Head</h1><p>Text.</p>");
        CHECK(a.subtitle.empty());
    }
    SUBCASE("unparseable metadata dates fall through") {
        const auto a = read_one_html(
            "<meta property='article:published_time' content='soon'>"
            "<meta name='pubdate' content='20100420'><h1>H</h1><p>T.</p>");
        CHECK(a.date == Date{2010, 4, 20});
    }
}

TEST_CASE("html reader: Latin-1 bytes, BOM and CRLF") {
    const std::string html =
        "\xEF\xBB\xBF<html>\r\n<head><title>Caf\xE9 news</title></head>\r\n<body><p>One\r\ntwo"
        "</p></body></html>\r\n";
    const auto result = parse_articles(html, ArticleFormat::html, "h", "h");
    REQUIRE(result.articles.size() == 1);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings.front() == "replaced 1 invalid UTF-8 byte sequence");
    CHECK(result.articles.front().title == "Caf\xEF\xBF\xBD news");
    CHECK(result.articles.front().body == "One two");
}

TEST_CASE("html reader: pages with nothing to read are rejected") {
    CHECK_THROWS_WITH_AS(parse_articles("  \n ", ArticleFormat::html, "h", "h"), "empty file",
                         Error);
    CHECK_THROWS_AS(parse_articles("<html><body><script>x()</script></body></html>",
                                   ArticleFormat::html, "h", "h"),
                    Error);
    CHECK_THROWS_WITH_AS(parse_articles("\x89PNG\r\n\x1A\n....", ArticleFormat::html, "h", "h"),
                         "binary file, not text", Error);
}

TEST_CASE("html reader: 50000 nested divs do not crash") {
    std::string html = "<html><body><h1>Deep</h1>";
    for (int i = 0; i < 50000; ++i) html += "<div>";
    html += "<p>deep text</p>";
    for (int i = 0; i < 50000; ++i) html += "</div>";
    html += "<p>after</p></body></html>";
    const auto result = parse_articles(html, ArticleFormat::html, "d", "d");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles.front().title == "Deep");
    CHECK(result.articles.front().body.find("deep text") != std::string::npos);
    CHECK(result.articles.front().body.find("after") != std::string::npos);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings.front() ==
          "nesting deeper than 256 levels in HTML; the deeper tags were ignored");
}

TEST_CASE("html reader: deep nesting of unclosed formatting tags does not crash") {
    std::string html = "<title>T</title>";
    for (int i = 0; i < 20000; ++i) html += "<b><i><span>";
    html += "x";
    const auto result = parse_articles(html, ArticleFormat::html, "d", "d");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles.front().body == "x");
}

TEST_CASE("html reader: shallow pages are not touched by the nesting limit") {
    std::string html = "<title>T</title><body>";
    // Many unclosed <p> and <li> must not count as nesting.
    for (int i = 0; i < 1000; ++i) html += "<p>para <ul><li>item</ul>";
    const auto result = parse_articles(html, ArticleFormat::html, "d", "d");
    CHECK(result.warnings.empty());
}

TEST_CASE("html reader: an overflowing character reference still gives valid UTF-8") {
    // Gumbo decodes it into a stray byte; found by fuzz_html_reader.
    const auto a =
        read_one_html("<title>Rates &#5555555555555555555555555555x rise</title><p>Body.</p>");
    std::string title = a.title;
    CHECK(newsindex::utf8::repair(title) == 0);
    CHECK(a.title.starts_with("Rates "));
    CHECK(a.title.ends_with("x rise"));
}

TEST_CASE("html reader: phrases in italics amid roman text") {
    const auto a = read_one_html(
        "<html><head><title>Films</title></head><body><article><p>Critics liked "
        "<em>The Florida Project</em> and <i>Whale Rider</i>, and <cite>Whale Rider</cite> "
        "again; oh, <em>Apple</em> liked them too, and so did the whole town, loudly.</p>"
        "<p><em>Watch it on</em> <em>Amazon Video</em><em>, today.</em></p></article>"
        "</body></html>");
    // One stressed word in <em> and a paragraph mostly in italics give no phrase.
    CHECK(a.italic_phrases == std::vector<std::string>{"The Florida Project", "Whale Rider"});
}

TEST_CASE("html reader: phrases set as code, wherever they are") {
    const auto a = read_one_html(
        "<html><head><title>Jobs</title></head><body><article><p>The <span class=\"dr-code\">"
        "SetResults</span> call ends a task, and <code>NextWork</code> asks for more.</p>"
        "<pre><code>ClaimTask</code></pre><p>A <span class=\"postcode\">SW1A 1AA</span> "
        "address, <kbd>Ctrl</kbd>.</p></article></body></html>");
    // "postcode" is no code class.
    CHECK(a.italic_phrases ==
          std::vector<std::string>{"SetResults", "NextWork", "ClaimTask", "Ctrl"});
}

TEST_CASE("html reader: soft hyphens and word joiners do not cut words") {
    const auto a = read_one_html(
        "<html><head><title>Net&shy;an&shy;yahu meets Putin</title></head><body><article>"
        "<p>Prime Minister Benjamin Netan&shy;yahu met Vladi\xC2\xADmir Putin in Moscow on "
        "Tuesday, the&#x2060;ir third meeting this year, aides said.</p></article></body></html>");
    CHECK(a.title == "Netanyahu meets Putin");
    CHECK(a.body.find("Benjamin Netanyahu met Vladimir Putin") != std::string::npos);
    CHECK(a.body.find("their third") != std::string::npos);
}
