#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>

#include "common/index/document_builder.h"
#include "common/index/facet_values.h"
#include "common/index/schema.h"
#include "common/index/stored_article.h"

using namespace newsindex;

namespace {
Article sample_article() {
    Article article;
    article.id = "2010/04/refuge.txt";
    article.path = "/news/2010/04/refuge.txt";
    article.title = "Ousted President Takes Refuge";
    article.subtitle = "Under protection in Minsk";
    article.body = "Mr. Bakiyev fled the capital.\n\nThe government will seek his extradition.";
    article.date = make_date(2010, 4, 20);
    article.source = "VOA";
    article.entities = {{EntityKind::person, "Kurmanbek Bakiyev", 2, {}, {}},
                        {EntityKind::place, "Minsk", 1, {}, {}}};
    return article;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == term) return true;
    return false;
}
}  // namespace

TEST_CASE("document builder: documents carry the schema's terms, values and data") {
    DocumentBuilder builder;
    const Article article = sample_article();
    ArticleOrigin origin;
    origin.root = "/news";
    origin.relative = "2010/04/refuge.txt";
    origin.size = 1234;
    origin.mtime_ns = 5678;
    const Xapian::Document doc = builder.build(article, origin).document;
    CHECK(has_term(doc, "Q/news/2010/04/refuge.txt"));
    CHECK(has_term(doc, "XF/news/2010/04/refuge.txt"));
    CHECK(has_term(doc, "XR/news"));
    CHECK(doc.get_value(schema::kFileSizeSlot) == "1234");
    CHECK(doc.get_value(schema::kFileMtimeSlot) == "5678");
    CHECK(doc.get_value(schema::kFileKeySlot) == "/news/2010/04/refuge.txt");
    CHECK(has_term(doc, "XPkurmanbek bakiyev"));
    CHECK(has_term(doc, "XNbakiyev"));
    CHECK(has_term(doc, "XNkurmanbek"));
    CHECK(has_term(doc, "XLminsk"));
    CHECK(has_term(doc, "XY2010"));
    CHECK(has_term(doc, "XM201004"));
    CHECK(has_term(doc, "D20100420"));  // Omega's date terms
    CHECK(has_term(doc, "M201004"));
    CHECK(has_term(doc, "Y2010"));
    CHECK(has_term(doc, "XSvoa"));
    CHECK(has_term(doc, "ZSrefug"));  // stemmed title term
    CHECK(has_term(doc, "Srefuge"));  // unstemmed title term, with positions
    CHECK(has_term(doc, "Zextradit"));
    CHECK(doc.get_value(schema::kDateSlot) == "20100420");
    CHECK(facet_values(doc, EntityKind::person) == std::vector<std::string>{"Kurmanbek Bakiyev"});
    CHECK(facet_values(doc, EntityKind::org).empty());

    const Article stored = decode_stored_article(doc.get_data());
    CHECK(stored.id == article.id);
    CHECK(stored.path == article.path);
    CHECK(stored.title == article.title);
    CHECK(stored.subtitle == article.subtitle);
    CHECK(stored.body == article.body);
    CHECK(stored.source == "VOA");
    REQUIRE(stored.date);
    CHECK(stored.date->iso() == "2010-04-20");
    REQUIRE(stored.entities.size() == 2);
    CHECK(stored.entities[0].name == "Kurmanbek Bakiyev");
}

TEST_CASE("document builder: title words weigh more than body words") {
    DocumentBuilder builder;
    Article article = sample_article();
    article.body = "Refuge appears once in the body.";
    ArticleOrigin origin;
    origin.root = "/news";
    origin.relative = article.id;
    const Xapian::Document doc = builder.build(article, origin).document;
    Xapian::termcount title_wdf = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == "Zrefug") title_wdf = it.get_wdf();
    CHECK(title_wdf == schema::kTitleWeight + 1);
}

TEST_CASE("document builder: stored data tolerates garbage") {
    CHECK_THROWS(decode_stored_article("not json"));
    CHECK_THROWS(decode_stored_article("caption=no json line\n"));
    const Article empty = decode_stored_article("{}");
    CHECK(empty.title.empty());
    CHECK_FALSE(empty.date);
    // Schema 6 stored the JSON object alone.
    CHECK(decode_stored_article(R"({"title":"Old"})").title == "Old");
}

namespace {
// The NAME=VALUE lines of document data, as Omega's $field{} reads them.
std::map<std::string, std::string> omega_fields(const std::string& data) {
    std::map<std::string, std::string> fields;
    std::istringstream lines(data);
    for (std::string line; std::getline(lines, line);)
        if (const auto eq = line.find('='); eq != std::string::npos)
            fields.emplace(line.substr(0, eq), line.substr(eq + 1));
    return fields;
}
}  // namespace

TEST_CASE("document builder: document data has the fields Omega shows, then the JSON") {
    DocumentBuilder builder;
    Article article = sample_article();
    article.title = "Ousted President\nTakes Refuge";
    article.body = std::string(400, 'x') + " and some more words";
    for (int i = 0; i < 80; ++i) article.body += " word\u00e9";
    ArticleOrigin origin;
    origin.root = "/news";
    origin.relative = article.id;
    const std::string data = builder.build(article, origin).document.get_data();
    const auto fields = omega_fields(data);
    CHECK(fields.at("caption") == "Ousted President Takes Refuge");
    CHECK(fields.at("url") == "file:///news/2010/04/refuge.txt");
    CHECK(fields.at("modtime") == "1271721600");  // 2010-04-20T00:00:00Z
    const std::string& sample = fields.at("sample");
    CHECK(sample.size() <= schema::kOmegaSampleBytes + 4);
    CHECK(sample.ends_with(" ..."));
    CHECK(sample.find('\n') == std::string::npos);
    REQUIRE(fields.contains(std::string(schema::kDataJsonField)));
    CHECK(fields.at(std::string(schema::kDataJsonField)).starts_with("{"));
    // Every line is a field; the JSON keeps what the fields shorten.
    CHECK(data.ends_with("}\n"));
    const Article stored = decode_stored_article(data);
    CHECK(stored.title == article.title);
    CHECK(stored.body == article.body);

    article.url = "https://example.com/refuge";
    article.date.reset();
    const auto with_url = omega_fields(builder.build(article, origin).document.get_data());
    CHECK(with_url.at("url") == "https://example.com/refuge");
    CHECK_FALSE(with_url.contains("modtime"));
}
