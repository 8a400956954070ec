// The feed, wire, mail, PDF and Markdown readers through parse_articles: format names,
// sniffing, encodings, ids of multi-article files and the errors for what holds no
// article. The e2e tests (test_documents.sh, test_format_samples.sh) run them on files.
#include <doctest/doctest.h>

#include <string>

#include "common/read/article_reader.h"

using newsindex::ArticleFormat;
using newsindex::Error;
using newsindex::format_for_path;
using newsindex::parse_articles;

TEST_CASE("document readers: formats by name") {
    CHECK(format_for_path("feed.xml") == ArticleFormat::xml);
    CHECK(format_for_path("feed.RSS") == ArticleFormat::xml);
    CHECK(format_for_path("a.atom") == ArticleFormat::xml);
    CHECK(format_for_path("story.nitf") == ArticleFormat::xml);
    CHECK(format_for_path("m.eml") == ArticleFormat::mail);
    CHECK(format_for_path("box.mbox") == ArticleFormat::mail);
    CHECK(format_for_path("page.mhtml") == ArticleFormat::mail);
    CHECK(format_for_path("r.pdf") == ArticleFormat::pdf);
    CHECK(format_for_path("n.md") == ArticleFormat::markdown);
    CHECK(newsindex::format_name(ArticleFormat::xml) == "xml");
    CHECK(newsindex::format_name(ArticleFormat::markdown) == "markdown");
}

TEST_CASE("document readers: RSS items, ids and encodings") {
    const std::string rss =
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n"
        "<rss version=\"2.0\"><channel><title>Caf\xE9 News</title>"
        "<item><title>One</title><guid>g-1</guid><description>First \x96 text.</description>"
        "<pubDate>Tue, 20 Apr 2010 09:30:00 GMT</pubDate></item>"
        "<item><title>Two</title><description>&lt;p&gt;Second&lt;/p&gt;</description></item>"
        "</channel></rss>";
    const auto result = parse_articles(rss, ArticleFormat::xml, "f.xml", "f.xml");
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[0].id == "f.xml#g-1");
    CHECK(result.articles[1].id == "f.xml#item-2");
    CHECK(result.articles[0].source == "Café News");
    CHECK(result.articles[0].body == "First – text.");
    CHECK(result.articles[0].date->iso() == "2010-04-20");
    CHECK(result.articles[1].body == "Second");
}

TEST_CASE("document readers: undeclared Latin-1 and mislabelled UTF-8") {
    const auto latin1 = parse_articles(
        "<rss><channel><title>S\xE4"
        "by</title><item><title>"
        "Ny v\xE4g</title></item></channel></rss>",
        ArticleFormat::xml, "a.xml", "a.xml");
    CHECK(latin1.articles.at(0).title == "Ny väg");
    CHECK_FALSE(latin1.warnings.empty());
    const auto utf8 = parse_articles(
        "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><nitf><body><body.head><hedline><hl1>"
        "D\xC3\xA9"
        "c\xC3\xA8s</hl1></hedline></body.head><body.content><p>Texte.</p>"
        "</body.content></body></nitf>",
        ArticleFormat::xml, "b.xml", "b.xml");
    CHECK(utf8.articles.at(0).title == "Décès");
}

TEST_CASE("document readers: a text file holding news XML or a PDF is read as one") {
    const auto result = parse_articles(
        "<?xml version=\"1.0\"?>\n<!-- wire -->\n<nitf><body><body.head><hedline><hl1>Headline"
        "</hl1></hedline></body.head><body.content><p>Body.</p></body.content></body></nitf>",
        ArticleFormat::text, "wire", "wire");
    CHECK(result.articles.at(0).title == "Headline");
    CHECK_THROWS_WITH_AS(parse_articles("%PDF-1.4\nnot really", ArticleFormat::text, "p", "p"),
                         "not a readable PDF (damaged or truncated)", Error);
}

TEST_CASE("document readers: XML that is no feed or news item") {
    CHECK_THROWS_WITH_AS(parse_articles("<urlset><url/></urlset>", ArticleFormat::xml, "s", "s"),
                         doctest::Contains("root element <urlset>"), Error);
    CHECK_THROWS_AS(parse_articles("not xml at all", ArticleFormat::xml, "s", "s"), Error);
    CHECK_THROWS_WITH_AS(parse_articles("<rss><channel/></rss>", ArticleFormat::xml, "s", "s"),
                         "feed without items", Error);
}

TEST_CASE("document readers: a mailbox gives one article per message") {
    const std::string mbox =
        "From a@x Tue Apr 20 09:30:00 2010\n"
        "From: =?utf-8?q?J=C3=B6rg?= <a@x>\nSubject: One\nDate: Tue, 20 Apr 2010 09:30:00 +0000\n"
        "\nFirst body.\n\n"
        "From a@x Wed Apr 21 09:30:00 2010\n"
        "From: a@x\nSubject: Two\nContent-Type: text/plain; charset=koi8-r\n"
        "Content-Transfer-Encoding: base64\n\n8NLJ18XU\n";
    const auto result = parse_articles(mbox, ArticleFormat::mail, "b.mbox", "b.mbox");
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[0].id == "b.mbox#1");
    CHECK(result.articles[0].source == "Jörg");
    CHECK(result.articles[0].date->iso() == "2010-04-20");
    CHECK(result.articles[1].id == "b.mbox#2");
    CHECK(result.articles[1].source == "a@x");
    CHECK(result.articles[1].body == "Привет");
}

TEST_CASE("document readers: one message is the file itself") {
    const auto result = parse_articles(
        "Subject: Hello\nContent-Type: text/plain; charset=bogus-charset\n\nCaf\xE9.\n",
        ArticleFormat::mail, "m.eml", "m.eml");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].id == "m.eml");
    CHECK(result.articles[0].body == "Café.");
    CHECK_THROWS_AS(parse_articles("\n\n", ArticleFormat::mail, "e", "e"), Error);
}

TEST_CASE("document readers: Markdown") {
    const auto result = parse_articles("Intro line\n\n# Not first\n\nText with `code`.\n",
                                       ArticleFormat::markdown, "n.md", "n.md");
    CHECK(result.articles.at(0).title == "Intro line");
    CHECK(result.articles.at(0).body == "Not first\n\nText with code.");
}
