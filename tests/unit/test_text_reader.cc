#include <doctest/doctest.h>

#include <string>

#include "common/read/article_reader.h"

using newsindex::ArticleFormat;
using newsindex::Date;
using newsindex::Error;
using newsindex::parse_articles;
using newsindex::read_articles;

namespace {

const std::string kFixtures = NEWSINDEX_FIXTURES "/readers/";
const std::string kCorpusArticle = NEWSINDEX_FIXTURES
    "/../../corpus/2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt";

newsindex::Article read_one_text(std::string_view content, std::string_view path = "a.txt") {
    auto result = parse_articles(content, ArticleFormat::text, "a.txt", path);
    REQUIRE(result.articles.size() == 1);
    return result.articles.front();
}

}  // namespace

TEST_CASE("text reader: the corpus article") {
    const auto result = read_articles(kCorpusArticle, ArticleFormat::text, "corpus/kyrgyz.txt",
                                      "corpus/2010-04-20-ousted.txt");
    CHECK(result.warnings.empty());
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.id == "corpus/kyrgyz.txt");
    CHECK(a.path == "corpus/2010-04-20-ousted.txt");
    CHECK(a.title == "Ousted Kyrgyz President Takes Refuge in Belarus");
    CHECK(a.subtitle == "Kurmanbek Bakiyev and family under protection in Minsk");
    CHECK(a.date == Date{2010, 4, 20});
    CHECK(
        a.body.starts_with("Kyrgyzstan's ousted president, Kurmanbek Bakiyev, has taken refuge "
                           "in Belarus.\n\nBelarusian President"));
    CHECK(a.body.ends_with("to restore public order in the country."));
    CHECK(a.body.find("Partners") == std::string::npos);
    CHECK(a.body.find("\n\n\n") == std::string::npos);
    CHECK(a.source.empty());
    CHECK(a.entities.empty());
}

TEST_CASE("text reader: no date anywhere means no date (never the mtime)") {
    const auto result = read_articles(kCorpusArticle, ArticleFormat::text, "x", "undated.txt");
    REQUIRE(result.articles.size() == 1);
    CHECK_FALSE(result.articles.front().date.has_value());
}

TEST_CASE("text reader: wire story with a dateline subtitle") {
    const auto result = read_articles(kFixtures + "wire_story.txt", ArticleFormat::text, "w", "w");
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.title == "HARBOUR AUTHORITY APPROVES NEW CONTAINER TERMINAL");
    CHECK(a.subtitle == "PORTVILLE, March 3");
    CHECK_FALSE(a.date.has_value());
    // Hard-wrapped lines of one paragraph are folded into one line.
    CHECK(a.body ==
          "The Portville Harbour Authority said its board approved a 120 mln dlr container "
          "terminal on the north quay, to open in 1990.\n\n"
          "The authority said the terminal would double the port's capacity and create about "
          "400 jobs, most of them permanent.\n\n"
          "Construction is expected to start in the autumn, it added.");
}

TEST_CASE("text reader: date line is the date, not body; trailing boilerplate dropped") {
    const auto result =
        read_articles(kFixtures + "dated_story.txt", ArticleFormat::text, "d", "2001/01/01/d.txt");
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.title == "Library reopens after flood repairs");
    CHECK(a.subtitle.empty());
    CHECK(a.date == Date{2010, 4, 20});  // the content wins over the path
    CHECK(
        a.body.starts_with("The city library reopened on Tuesday, three months after a burst "
                           "water main flooded its basement"));
    CHECK(a.body.ends_with("said head librarian Maria Okafor."));
    CHECK(a.body.find("Tuesday, April 20, 2010") == std::string::npos);
    CHECK(a.body.find("Share this") == std::string::npos);
    CHECK(a.body.find("Copyright") == std::string::npos);
}

TEST_CASE("text reader: subtitle heuristics") {
    SUBCASE("a one-line sentence after the title is body") {
        const auto a = read_one_text("Title\n\nThe mayor resigned on Monday.\n\nMore text.\n");
        CHECK(a.subtitle.empty());
        CHECK(a.body == "The mayor resigned on Monday.\n\nMore text.");
    }
    SUBCASE("a lone short line after the title is the body") {
        const auto a = read_one_text("Title\n\nJust one line\n");
        CHECK(a.subtitle.empty());
        CHECK(a.body == "Just one line");
    }
    SUBCASE("title only") {
        const auto a = read_one_text("MONEY SUPPLY RISES 1.2 BILLION DLRS");
        CHECK(a.title == "MONEY SUPPLY RISES 1.2 BILLION DLRS");
        CHECK(a.subtitle.empty());
        CHECK(a.body.empty());
    }
    SUBCASE("date line before the title") {
        const auto a = read_one_text("2011-03-04\n\nTitle here\n\nBody text.\n");
        CHECK(a.title == "Title here");
        CHECK(a.date == Date{2011, 3, 4});
        CHECK(a.body == "Body text.");
    }
    SUBCASE("decorations before the title are skipped") {
        const auto a = read_one_text("=====\n\n  Real title  \n\nBody.\n");
        CHECK(a.title == "Real title");
    }
    SUBCASE("an overlong first line is cut at a word") {
        const std::string words(60, 'w');
        std::string line;
        for (int i = 0; i < 10; ++i) line += words + " ";
        const auto a = read_one_text(line + "\n\nBody.\n");
        CHECK(a.title.size() < 220);
        CHECK(a.title.ends_with("\xE2\x80\xA6"));
    }
}

TEST_CASE("text reader: date from the path when the text has none") {
    CHECK(read_one_text("T\n\nBody.\n", "archive/2009/12/31/t.txt").date == Date{2009, 12, 31});
    CHECK(read_one_text("T\n\nBody.\n", "t-20091231.txt").date == Date{2009, 12, 31});
    CHECK_FALSE(read_one_text("T\n\nBody.\n", "t.txt").date.has_value());
}

TEST_CASE("text reader: Latin-1 bytes are replaced and reported once") {
    const auto result = read_articles(kFixtures + "latin1.txt", ArticleFormat::text, "l", "l");
    REQUIRE(result.articles.size() == 1);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings.front() == "replaced 4 invalid UTF-8 byte sequences");
    const auto& a = result.articles.front();
    CHECK(a.title == "Caf\xEF\xBF\xBD owners protest new rules");
    CHECK(a.body.find("cr\xEF\xBF\xBD"
                      "pe") != std::string::npos);
}

TEST_CASE("text reader: BOM and CRLF") {
    const auto result = read_articles(kFixtures + "bom_crlf.txt", ArticleFormat::text, "b", "b");
    CHECK(result.warnings.empty());
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.title == "Snow closes mountain pass");
    CHECK(a.date == Date{2013, 1, 15});
    CHECK(a.body ==
          "Heavy snow closed the pass on Tuesday, stranding about 200 drivers.\n\n"
          "Ploughs are expected to reopen it by Wednesday.");
    CHECK(a.body.find('\r') == std::string::npos);
    // Old Mac line ends too.
    CHECK(read_one_text("T\r\rOne\rtwo\r").body == "One two");
}

TEST_CASE("text reader: binary, empty and untitled files are rejected") {
    CHECK_THROWS_WITH_AS(read_articles(kFixtures + "image.txt", ArticleFormat::text, "i", "i"),
                         "binary file, not text", Error);
    CHECK_THROWS_WITH_AS(read_articles(kFixtures + "blank.txt", ArticleFormat::text, "e", "e"),
                         "empty file", Error);
    CHECK_THROWS_WITH_AS(parse_articles("", ArticleFormat::text, "e", "e"), "empty file", Error);
    CHECK_THROWS_AS(parse_articles("----\n\n====\n", ArticleFormat::text, "e", "e"), Error);
    std::string many_nuls(4096, 'a');
    for (std::size_t i = 0; i < many_nuls.size(); i += 16) many_nuls[i] = '\0';
    CHECK_THROWS_WITH_AS(parse_articles(many_nuls, ArticleFormat::text, "n", "n"),
                         "binary file, not text", Error);
}

TEST_CASE("text reader: a few NUL bytes are stripped with a warning") {
    const auto result =
        read_articles(kFixtures + "nul_sprinkled.txt", ArticleFormat::text, "n", "n");
    REQUIRE(result.articles.size() == 1);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings.front() == "removed 2 NUL bytes");
    CHECK(result.articles.front().body.find('\0') == std::string::npos);
    CHECK(result.articles.front().body.starts_with("The island ferry resumed service"));
}

TEST_CASE("text reader: a wire sign-off on its own line is not body text") {
    const auto a = read_one_text(
        "PORT REOPENS\n\nPORTVILLE, March 3\n\nThe port reopened on Tuesday.\n\nREUTER\n");
    CHECK(a.body == "The port reopened on Tuesday.");
    // Inside a sentence it is text.
    const auto b = read_one_text("PORT REOPENS\n\nThe port told Reuter it reopened.\n");
    CHECK(b.body == "The port told Reuter it reopened.");
}

TEST_CASE("text reader: a line cut to make a title stays whole in the body") {
    std::string line = "YEN TABLE";
    for (int i = 0; i < 60; ++i) line += " yen" + std::to_string(i);
    const auto a = read_one_text(line + "\n");
    CHECK(a.title.ends_with("\xE2\x80\xA6"));
    CHECK(a.body == line);
    CHECK(a.body.find("yen59") != std::string::npos);
    // A title that fits is not repeated.
    CHECK(read_one_text("Short Title\n\nBody.\n").body == "Body.");
}
