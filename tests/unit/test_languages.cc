// Articles in many languages: accent folding, the terms of each article's language, and
// queries read in every language the index holds.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "common/base/accent_fold.h"
#include "common/index/document_builder.h"
#include "common/index/language_terms.h"
#include "common/index/schema.h"
#include "common/read/language.h"
#include "common/search/search.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/sample_articles.h"

using namespace newsindex;
using namespace newsindex::testing;

namespace {

bool has_term(const Xapian::Document& doc, const std::string& term) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == term) return true;
    return false;
}

Xapian::termcount wdf(const Xapian::Document& doc, const std::string& term) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == term) return it.get_wdf();
    return 0;
}

Article article(std::string id, std::string title, std::string body, std::string language) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.language = std::move(language);
    return a;
}

std::vector<std::string> ids(NewsSearcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.spelling = Spelling::off;
    std::vector<std::string> out;
    for (const auto& hit : searcher.search(request).hits) out.push_back(hit.article.id);
    return out;
}

}  // namespace

TEST_CASE("accent folding: Latin letters lose their marks, other scripts keep theirs") {
    CHECK(fold_accents("députés") == "deputes");
    CHECK(fold_accents("São Paulo") == "Sao Paulo");
    CHECK(fold_accents("Straße, Œuvre, Łódź, Ørsted") == "Strasse, OEuvre, Lodz, Orsted");
    CHECK(fold_accents("Lokführer") == "Lokfuhrer");
    // Text that came decomposed: e + combining acute.
    CHECK(fold_accents("cafe\xCC\x81") == "cafe");
    // Cyrillic й and Japanese が are letters of their own.
    CHECK(fold_accents("Киргизия й") == "Киргизия й");
    CHECK(fold_accents("がんばる") == "がんばる");
    CHECK(fold_accents("plain ASCII") == "plain ASCII");
    CHECK_FALSE(has_foldable_accents("Бишкек"));
    CHECK(has_foldable_accents("élu"));
}

TEST_CASE("language terms: stemmers by code, folded variants with positions and wdf") {
    CHECK(stemmer_for("fr")("députés") == "déput");
    CHECK(stemmer_for("zh").is_none());
    CHECK(language_term("fr") == "Lfr");

    DocumentBuilder builder;
    const auto built = builder.build(
        article("a.txt", "Les députés votent", "Les députés ont voté à São Paulo.", "fr"),
        origin_of(article("a.txt", "", "", "")));
    const Xapian::Document& doc = built.document;
    CHECK(has_term(doc, "Lfr"));
    CHECK(doc.get_value(schema::kLanguageSlot) == "fr");
    CHECK(has_term(doc, "députés"));
    CHECK(has_term(doc, "deputes"));
    CHECK(wdf(doc, "deputes") == wdf(doc, "députés"));
    CHECK(has_term(doc, "Zdéput"));
    CHECK(has_term(doc, "Zdeput"));
    CHECK(has_term(doc, "Sdeputes"));
    CHECK(has_term(doc, "sao"));
    // Positions too: a phrase without accents matches.
    std::size_t positions = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == "sao") positions = it.positionlist_count();
    CHECK(positions == 1);
}

TEST_CASE("article language: declared first, unless the text is plainly another") {
    Article a = article("a", "Oil prices rise",
                        "Oil prices rose on Monday after the producers' group said it would cut "
                        "output for the rest of the year, traders in London and New York said.",
                        "");
    CHECK(article_language(a, "en-GB") == "en");
    CHECK(article_language(a, "fr") == "en");  // the text overrules a template's lang
    CHECK(article_language(a) == "en");
    const Article short_text = article("b", "Oui", "Merci.", "");
    CHECK(article_language(short_text, "fr-CA") == "fr");
    CHECK(article_language(short_text).empty());
    CHECK(effective_language("", "de") == "de");
    CHECK(effective_language("und", "de") == "de");
    CHECK(effective_language("fr", "de") == "fr");
    CHECK(is_language_code("en"));
    CHECK_FALSE(is_language_code("English"));
}

TEST_CASE("queries across languages: each article found by its own language's stems") {
    auto db = in_memory_db();
    DocumentBuilder builder;
    const std::vector<Article> articles = {
        article("fr.txt", "Les députés adoptent la réforme",
                "Les députés ont adopté mardi la réforme des retraites.", "fr"),
        article("de.txt", "Lokführer streiken", "Die Lokführer streiken am Mittwoch erneut.", "de"),
        article("en.txt", "Rates unchanged", "The central bank left rates unchanged.", "en"),
        article("zh.txt", "人工智能研究", "研究人员开发的人工智能系统。", "zh"),
    };
    for (const auto& a : articles) {
        auto built = builder.build(a, origin_of(a));
        db.replace_document(built.id_term, built.document);
    }
    db.commit();
    NewsSearcher searcher(db);
    CHECK(ids(searcher, "député") == std::vector<std::string>{"fr.txt"});
    CHECK(ids(searcher, "deputes") == std::vector<std::string>{"fr.txt"});
    CHECK(ids(searcher, "Streik") == std::vector<std::string>{"de.txt"});
    CHECK(ids(searcher, "rate") == std::vector<std::string>{"en.txt"});
    CHECK(ids(searcher, "人工智能") == std::vector<std::string>{"zh.txt"});
    CHECK(ids(searcher, "lang:de") == std::vector<std::string>{"de.txt"});
    CHECK(ids(searcher, "lang:fr député") == std::vector<std::string>{"fr.txt"});
    CHECK(ids(searcher, "lang:de député").empty());

    SearchRequest request;
    request.query = "";
    request.facets = {"language"};
    const auto response = searcher.search(request);
    REQUIRE(response.facets.size() == 1);
    CHECK(response.facets[0].name == "language");
    CHECK(response.facets[0].values.size() == 4);
}
