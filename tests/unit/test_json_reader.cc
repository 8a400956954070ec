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
}

TEST_CASE("json reader: array of objects, field name variants, skipped record") {
    const auto result =
        read_articles(kFixtures + "articles.json", ArticleFormat::json, "feeds/a.json", "a.json");
    REQUIRE(result.articles.size() == 2);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings.front() == "record 3: no title or body");

    const auto& wind = result.articles[0];
    CHECK(wind.id == "feeds/a.json#1");
    CHECK(wind.path == "a.json");
    CHECK(wind.title == "Wind farm gets green light");
    CHECK(wind.subtitle == "Forty turbines off the coast");
    CHECK(wind.body ==
          "Regulators approved the offshore wind farm on Monday.\n\n"
          "It will power 200,000 homes.");
    CHECK(wind.date == Date{2019, 8, 12});
    CHECK(wind.url == "https://news.example/wind");
    CHECK(wind.source == "Example Wire");
    CHECK(wind.author == "Ada Moss, Ben Cole");

    const auto& rail = result.articles[1];
    CHECK(rail.id == "feeds/a.json#2");
    CHECK(rail.title == "Rail strike called off");
    CHECK(rail.date == Date{2019, 8, 16});
    CHECK(rail.author ==
          "Cara D\xC3\xAD"
          "az");
}

TEST_CASE("json reader: a single object keeps the id; HTML content; source object") {
    const auto result = read_articles(kFixtures + "single.json", ArticleFormat::json, "s.json",
                                      "2001-01-01-s.json");
    CHECK(result.warnings.empty());
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.id == "s.json");
    CHECK(a.title == "Museum returns stolen painting");
    CHECK(a.subtitle == "Canvas missing since 1994");
    CHECK(a.body ==
          "The painting was handed back on Tuesday.\n\nIt had been missing for 25 years.");
    CHECK(a.date == Date{2019, 5, 20});  // metadata wins over the path
    CHECK(a.source == "Example Arts Desk");
    CHECK(a.author == "Dana Lind");
}

TEST_CASE("json reader: array with one object keeps the id") {
    const auto result =
        parse_articles(R"([{"title": "Only", "body": "One."}])", ArticleFormat::json, "x", "x");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles.front().id == "x");
}

TEST_CASE("json reader: JSON Lines with a broken line") {
    const auto result = read_articles(kFixtures + "articles.jsonl", ArticleFormat::jsonl,
                                      "feeds/l.jsonl", "l.jsonl");
    REQUIRE(result.articles.size() == 5);
    // Ids use the physical 1-based line number (line 3 is blank).
    CHECK(result.articles[0].id == "feeds/l.jsonl#1");
    CHECK(result.articles[0].date == Date{2020, 1, 1});
    CHECK(result.articles[1].id == "feeds/l.jsonl#2");
    CHECK(result.articles[1].body == "Body two.\n\nSecond paragraph.");
    CHECK(result.articles[2].id == "feeds/l.jsonl#4");
    CHECK(result.articles[2].title == "Fourth line story");
    CHECK(result.articles[3].id == "feeds/l.jsonl#6");
    CHECK(result.articles[3].date == Date{2020, 5, 1});  // seconds since 1970
    CHECK(result.articles[4].id == "feeds/l.jsonl#8");
    REQUIRE(result.warnings.size() == 2);
    CHECK(result.warnings[0] == "line 5: no title or body");
    CHECK(result.warnings[1].starts_with("line 7: malformed JSON ("));
    CHECK(result.warnings[1].find("byte ") != std::string::npos);
    CHECK(result.warnings[1].find('\n') == std::string::npos);
}

TEST_CASE("json reader: a single JSON Lines record still gets #N") {
    const auto result =
        parse_articles("\n{\"title\": \"T\"}\n", ArticleFormat::jsonl, "one.jsonl", "one.jsonl");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles.front().id == "one.jsonl#2");
    CHECK(result.articles.front().body.empty());
}

TEST_CASE("json reader: malformed files are errors with the byte position") {
    try {
        parse_articles(R"({"title": "x", "body": })", ArticleFormat::json, "m", "m");
        FAIL("no Error");
    } catch (const Error& error) {
        const std::string what = error.what();
        CHECK(what.starts_with("malformed JSON (byte 24: "));
        CHECK(what.find('\n') == std::string::npos);
    }
    CHECK_THROWS_AS(parse_articles("not json", ArticleFormat::json, "m", "m"), Error);
    CHECK_THROWS_AS(parse_articles("\"just a string\"", ArticleFormat::json, "m", "m"), Error);
    CHECK_THROWS_WITH_AS(parse_articles("[]", ArticleFormat::json, "m", "m"),
                         "no articles in the file", Error);
    CHECK_THROWS_WITH_AS(parse_articles("{\"url\": \"u\"}", ArticleFormat::json, "m", "m"),
                         "the JSON object: no title or body", Error);
    CHECK_THROWS_AS(parse_articles("{bad}\n{worse}\n", ArticleFormat::jsonl, "m", "m"), Error);
    CHECK_THROWS_WITH_AS(parse_articles(" \n\t\n", ArticleFormat::jsonl, "m", "m"), "empty file",
                         Error);
}

TEST_CASE("json reader: 10000 levels of nesting are rejected without a crash") {
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    CHECK_THROWS_WITH_AS(parse_articles(deep, ArticleFormat::json, "d", "d"),
                         "nesting deeper than 64 levels in JSON", Error);
    std::string objects;
    for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(10000, '}');
    CHECK_THROWS_AS(parse_articles(objects, ArticleFormat::json, "d", "d"), Error);

    const std::string lines = "{\"title\": \"ok\"}\n" + deep + "\n";
    const auto result = parse_articles(lines, ArticleFormat::jsonl, "d", "d");
    REQUIRE(result.articles.size() == 1);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings.front() == "line 2: nesting deeper than 64 levels in JSON");
    // Brackets inside strings do not count.
    const std::string in_string = "{\"title\": \"" + std::string(1000, '[') + "\"}";
    CHECK(parse_articles(in_string, ArticleFormat::json, "d", "d").articles.size() == 1);
}

TEST_CASE("json reader: odd encodings and value types") {
    SUBCASE("BOM, CRLF and Latin-1") {
        const std::string jsonl = "\xEF\xBB\xBF{\"title\": \"Caf\xE9\"}\r\n{\"title\": \"B\"}\r\n";
        const auto result = parse_articles(jsonl, ArticleFormat::jsonl, "e", "e");
        REQUIRE(result.articles.size() == 2);
        CHECK(result.articles[0].title == "Caf\xEF\xBF\xBD");
        CHECK(result.articles[1].id == "e#2");
        REQUIRE(result.warnings.size() == 1);
        CHECK(result.warnings.front() == "replaced 1 invalid UTF-8 byte sequence");
    }
    SUBCASE("non-string fields are ignored, title from the body") {
        const auto result = parse_articles(
            R"({"title": 42, "body": "First line.\nSecond line.", "date": "nope", "url": null})",
            ArticleFormat::json, "t", "t");
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles.front().title == "First line.");
        CHECK(result.articles.front().body == "First line.\n\nSecond line.");
        CHECK_FALSE(result.articles.front().date.has_value());
    }
    SUBCASE("field names in other letter cases, authors as objects") {
        const auto result = parse_articles(
            R"({"Headline": "H", "Text": "B.", "author": [{"name": "A"}, {"name": "B"}]})",
            ArticleFormat::json, "t", "t");
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles.front().title == "H");
        CHECK(result.articles.front().author == "A, B");
    }
    SUBCASE("non-object records are skipped with a warning") {
        const auto result = parse_articles(R"([1, {"title": "T"}])", ArticleFormat::json, "t", "t");
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles.front().id == "t#2");
        REQUIRE(result.warnings.size() == 1);
        CHECK(result.warnings.front() == "record 1: not a JSON object");
    }
}

TEST_CASE("json reader: a record's own entities, in the accepted shapes") {
    const auto kinds = [](const newsindex::Article& a) {
        std::string out;
        for (const auto& e : *a.given_entities)
            out += std::string(newsindex::entity_kind_name(e.kind)) + ":" + e.name + "=" +
                   std::to_string(e.count) + ";";
        return out;
    };
    auto result = parse_articles(
        R"({"title": "T", "body": "B", "entities": {"people": ["Ann Lee", {"text": "ann lee",
            "count": 2}], "ORG": ["Acme Inc."], "locations": "1#Ghana#GH#GH;2#Accra#GH",
            "dates": ["Monday"], "persons": "bo ma,120;bo ma,300"}})",
        ArticleFormat::json, "a.json", "a.json");
    REQUIRE(result.articles.at(0).given_entities);
    CHECK(kinds(result.articles[0]) ==
          "person:Ann Lee=3;person:Bo Ma=2;org:Acme Inc=1;place:Accra=1;place:Ghana=1;");
    // spaCy's mentions, one per item; labels it has no kind for are skipped.
    result = parse_articles(
        R"({"title": "T", "body": "B", "entities": [{"text": "Ann Lee", "label": "PERSON"},
            {"text": "Paris", "label": "GPE"}, {"text": "French", "label": "NORP"},
            {"text": "Ann Lee", "label": "PERSON"}]})",
        ArticleFormat::json, "a.json", "a.json");
    CHECK(kinds(result.articles.at(0)) == "person:Ann Lee=2;place:Paris=1;");
    // No field: the tagger decides; an empty object: none; over-long names skipped.
    result = parse_articles(R"({"title": "T", "body": "B"})", ArticleFormat::json, "a", "a");
    CHECK_FALSE(result.articles.at(0).given_entities);
    result = parse_articles(R"({"title": "T", "body": "B", "entities": {}})", ArticleFormat::json,
                            "a", "a");
    CHECK(result.articles.at(0).given_entities->empty());
    result = parse_articles(R"({"title": "T", "body": "B", "entities": {"persons": [")" +
                                std::string(300, 'x') + R"("]}})",
                            ArticleFormat::json, "a", "a");
    CHECK(result.articles.at(0).given_entities->empty());
    CHECK(result.warnings.at(0) == "the JSON object: entity names over 200 bytes skipped");
}

TEST_CASE("article language: detected from the text, else declared") {
    auto result = parse_articles(
        R"({"title": "La Commission propose un plan", "lang": "en", "body": )"
        R"("Parmi les mesures annoncées mardi à Bruxelles, la Commission européenne veut )"
        R"(réduire les émissions de gaz à effet de serre de moitié avant la fin de la )"
        R"(décennie. Un porte-parole a expliqué que les États membres devront présenter )"
        R"(leurs propres plans avant l'été."})",
        ArticleFormat::json, "a", "a");
    CHECK(result.articles.at(0).language == "fr");
    result = parse_articles(R"({"title": "Hola", "body": "Hola", "language": "es-AR"})",
                            ArticleFormat::json, "a", "a");
    CHECK(result.articles.at(0).language == "es");
    result = parse_articles(
        "Oil prices rise\n\nOil prices rose on Monday after the producers' group said it would "
        "cut output for the rest of the year, traders in London and New York said.",
        ArticleFormat::text, "a.txt", "a.txt");
    CHECK(result.articles.at(0).language == "en");
}

TEST_CASE("json reader: furniture left out of an HTML body") {
    const auto result = parse_articles(
        R"({"title": "T", "content": "<p>The council approved the plan on Monday.</p>)"
        R"(<p>Photo by Joan Bardelletti</p><p>Sign up for our newsletter</p>"})",
        ArticleFormat::json, "a", "a");
    CHECK(result.articles.at(0).body == "The council approved the plan on Monday.");
}
