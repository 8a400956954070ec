#include <doctest/doctest.h>

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
    const Article empty = decode_stored_article("{}");
    CHECK(empty.title.empty());
    CHECK_FALSE(empty.date);
}
