// The HTML reader on pages where the story is not simply the first <article>: content
// scoring, structured metadata and where the date came from.
#include <doctest/doctest.h>

#include <string>

#include "common/read/article_reader.h"

using newsindex::ArticleFormat;
using newsindex::Date;
using newsindex::parse_articles;

namespace {

newsindex::Article read_page(const std::string& html, std::string_view path = "p.html") {
    auto result = parse_articles(html, ArticleFormat::html, "p.html", path);
    REQUIRE(result.articles.size() == 1);
    return result.articles.front();
}

// A paragraph of prose: long, with commas, no links.
std::string prose(const std::string& word, int sentences = 3) {
    std::string out = "<p>";
    for (int i = 0; i < sentences; ++i)
        out += "The " + word +
               " committee met on Tuesday, as planned, and agreed on a budget "
               "for the coming year, officials said. ";
    return out + "</p>";
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("html content: the story wins over teaser cards that come first") {
    std::string html = "<html><head><title>Story</title></head><body>";
    for (int i = 0; i < 6; ++i)
        html += "<article class='card'><h2><a href='/x'>Teaser headline " + std::to_string(i) +
                "</a></h2><p><a href='/x'>Short teaser text about something else</a></p></article>";
    html += "<div id='story'><article>" + prose("harbour") + prose("harbour") + prose("harbour") +
            "</article></div></body></html>";
    const auto a = read_page(html);
    CHECK(has(a.body, "harbour committee"));
    CHECK_FALSE(has(a.body, "Teaser"));
}

TEST_CASE("html content: without <article> or <main>, menus, sidebars and footers stay out") {
    const std::string html =
        "<html><head><title>Budget agreed</title></head><body>"
        "<div class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li>"
        "<li><a href='/s'>Sport</a></li></ul></div>"
        "<div class='layout'><div class='post-body'>" +
        prose("river") + prose("river") + prose("river") +
        "</div><div class='sidebar'><h3>Most read</h3><ul><li><a href='/1'>Celebrity gossip "
        "roundup of the week</a></li><li><a href='/2'>Weather warnings for the weekend</a></li>"
        "</ul></div></div>"
        "<div id='comments'><p>Great article, thanks for sharing this with everyone here!</p></div>"
        "<div class='site-footer'><p>Contact us. Terms of use. Privacy policy of the site.</p>"
        "</div></body></html>";
    const auto a = read_page(html);
    CHECK(has(a.body, "river committee"));
    for (const std::string gone : {"Home", "Most read", "Celebrity", "Great article", "Privacy"})
        CHECK_MESSAGE(!has(a.body, gone), gone);
}

TEST_CASE("html content: link lists, share bars and bylines inside the story are dropped") {
    const std::string html =
        "<body><article><h1>Budget agreed</h1><div class='byline'>By Ann Lee</div>" +
        prose("valley") +
        "<div class='share-tools'><a href='/f'>Facebook</a> <a href='/t'>Twitter</a></div>" +
        prose("valley") +
        "<ul class='links'><li><a href='/a'>Another story entirely about trains</a></li>"
        "<li><a href='/b'>A second story about the local football club</a></li></ul>" +
        prose("valley") + "</article></body>";
    const auto a = read_page(html);
    CHECK(has(a.body, "valley committee"));
    for (const std::string gone : {"Facebook", "Ann Lee", "trains", "football"})
        CHECK_MESSAGE(!has(a.body, gone), gone);
    CHECK(a.author == "Ann Lee");  // the byline is the author when metadata names none
}

TEST_CASE("html content: a header that holds the intro paragraph is kept") {
    const std::string html =
        "<body><article><section><header><h2>Developer tools</h2><p>Get to know the "
        "features that make it the most complete browser for building the Web.</p></header>" +
        prose("tools") + prose("tools") + "</section></article></body>";
    const auto a = read_page(html);
    CHECK(has(a.body, "Get to know the features"));
}

TEST_CASE("html content: sibling paragraphs of the story are kept") {
    const std::string html = "<body><div class='main-col'><div class='text'>" + prose("lake") +
                             prose("lake") + "</div>" + prose("sibling", 2) +
                             "</div><div class='other'><a href='/'>Elsewhere</a></div></body>";
    const auto a = read_page(html);
    CHECK(has(a.body, "lake committee"));
    CHECK(has(a.body, "sibling committee"));
    CHECK_FALSE(has(a.body, "Elsewhere"));
}

TEST_CASE("html metadata: JSON-LD first, then microdata, then <meta>") {
    SUBCASE("JSON-LD NewsArticle") {
        const auto a = read_page(
            "<html><head><title>Page title - Site</title>"
            "<meta property='og:title' content='OG title'>"
            "<meta property='article:published_time' content='2001-01-01'>"
            "<script type='application/ld+json'>{\"@context\":\"https://schema.org\","
            "\"@type\":\"NewsArticle\",\"headline\":\"LD headline\","
            "\"datePublished\":\"2015-07-24T05:36:09+01:00\",\"author\":[{\"@type\":\"Person\","
            "\"name\":\"Ann Lee\"},{\"name\":\"Bo Chan\"}],\"publisher\":{\"name\":\"Daily "
            "Example\"}}</script></head><body>" +
            prose("ld") + "</body></html>");
        CHECK(a.title == "LD headline");
        CHECK(a.date == Date{2015, 7, 24});
        CHECK(a.date_source == "json-ld");
        CHECK(a.author == "Ann Lee, Bo Chan");
        CHECK(a.source == "Daily Example");
    }
    SUBCASE("JSON-LD in @graph, beside a WebPage object") {
        const auto a = read_page(
            "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebPage\","
            "\"name\":\"The page\",\"datePublished\":\"2010-01-01\"},{\"@type\":\"Article\","
            "\"headline\":\"Graph headline\",\"datePublished\":\"2018-04-05T06:00\"}]}</script>" +
            prose("graph"));
        CHECK(a.title == "Graph headline");
        CHECK(a.date == Date{2018, 4, 5});
    }
    SUBCASE("broken JSON-LD is ignored") {
        const auto a = read_page(
            "<meta property='og:title' content='OG title'>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", oops</script>"
            "<script type='application/ld+json'>[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>" +
            prose("broken"));
        CHECK(a.title == "OG title");
    }
    SUBCASE("microdata") {
        const auto a = read_page(
            "<meta property='og:title' content='OG title'><article itemscope "
            "itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>Micro "
            "headline</h1><span itemprop='author' itemscope><span itemprop='name'>Cy "
            "Doe</span></span><meta itemprop='datePublished' content='2016-02-03'>" +
            prose("micro") + "</article>");
        CHECK(a.title == "Micro headline");
        CHECK(a.date == Date{2016, 2, 3});
        CHECK(a.date_source == "microdata datepublished");
        CHECK(a.author == "Cy Doe");
    }
    SUBCASE("<meta> names, Dublin Core and Parse.ly") {
        const auto a = read_page(
            "<meta name='DC.title' content='DC title'>"
            "<meta name='parsely-pub-date' content='2017-03-04T00:00:00Z'>"
            "<meta name='byl' content='By Dee Roe'>" +
            prose("meta"));
        CHECK(a.title == "DC title");
        CHECK(a.date == Date{2017, 3, 4});
        CHECK(a.date_source == "meta parsely-pub-date");
        CHECK(a.author == "Dee Roe");
    }
}

TEST_CASE("html metadata: the site name is cut from <title>") {
    CHECK(read_page("<title>Council agrees harbour budget for next year | Daily Example</title>" +
                    prose("t"))
              .title == "Council agrees harbour budget for next year");
    // Too few words left: the whole title stays.
    CHECK(read_page("<title>Budget - Daily Example</title>" + prose("t")).title ==
          "Budget - Daily Example");
}

TEST_CASE("html metadata: where the date came from") {
    CHECK(
        read_page("<article><time datetime='2015-06-07'>June 7</time>" + prose("a") + "</article>")
            .date_source == "time element");
    CHECK(read_page("<link rel=canonical href='https://x.example/2012/05/06/story'>" + prose("a"))
              .date_source == "url");
    CHECK(read_page("<article><h1>H</h1><p>Tuesday, April 20, 2010</p>" + prose("a") + "</article>")
              .date_source == "date line");
    const auto a = read_page(prose("a"), "2014/02/03/x.html");
    CHECK(a.date == Date{2014, 2, 3});
    CHECK(a.date_source == "path");
    CHECK_FALSE(read_page(prose("a")).date);
}

TEST_CASE("html content: JSON-LD articleBody stands in for text the markup hides") {
    const auto a = read_page(
        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"H\","
        "\"articleBody\":\"" +
        std::string(300, 'x') +
        " first paragraph.\\n\\nSecond paragraph of the story.\"}</script>"
        "<body><p>Loading...</p></body>");
    CHECK(has(a.body, "Second paragraph of the story."));
}
