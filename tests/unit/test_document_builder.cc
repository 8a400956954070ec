#include <doctest/doctest.h>

#include <set>

#include "common/index/document_builder.h"
#include "common/base/entity_key.h"
#include "common/index/facet_values.h"
#include "common/index/schema.h"
#include "common/index/stored_article.h"

using namespace newsindex;

TEST_CASE("schema: prefixes and slots are distinct") {
    const std::set<std::string_view> prefixes = {
        schema::kIdPrefix,     schema::kTitlePrefix,      schema::kPersonPrefix,
        schema::kOrgPrefix,    schema::kPlacePrefix,      schema::kPersonWordPrefix,
        schema::kSourcePrefix, schema::kYearPrefix,       schema::kMonthPrefix};
    CHECK(prefixes.size() == 9);
    // Xapian reads a capitalised term's prefix up to its first lower-case letter, so no
    // multi-letter prefix may extend another one.
    for (const auto a : prefixes)
        for (const auto b : prefixes)
            if (a != b && a.size() > 1 && b.size() > 1) CHECK_FALSE(b.starts_with(a));
    const std::set<Xapian::valueno> slots = {schema::kDateSlot,     schema::kPersonSlot,
                                             schema::kOrgSlot,      schema::kPlaceSlot,
                                             schema::kFileSizeSlot, schema::kFileMtimeSlot};
    CHECK(slots.size() == 6);
    for (const auto kind : kEntityKinds) CHECK(slots.count(schema::entity_slot(kind)) == 1);
}

TEST_CASE("schema: id terms stay under Xapian's term limit and unique") {
    CHECK(schema::id_term("/news/a/b.txt") == "Q/news/a/b.txt");
    const std::string long_a(400, 'a');
    std::string long_b = long_a;
    long_b.back() = 'b';
    const auto term_a = schema::id_term(long_a);
    const auto term_b = schema::id_term(long_b);
    CHECK(term_a.size() <= schema::kMaxIdTermBytes);
    CHECK(term_a != term_b);
    CHECK(term_a == schema::id_term(long_a));
}

TEST_CASE("schema: entity keys fold case and whitespace") {
    CHECK(entity_key("Kurmanbek  Bakiyev") == "kurmanbek bakiyev");
    CHECK(entity_key("  ÉMILE Zola\t") == "émile zola");
    CHECK(entity_key("") == "");
    std::vector<std::string> words;
    for_each_name_word("kurmanbek bakiyev", [&](std::string_view w) { words.emplace_back(w); });
    CHECK(words == std::vector<std::string>{"kurmanbek", "bakiyev"});
}

TEST_CASE("schema: facet values pack and unpack") {
    const std::vector<std::string> names = {"Kurmanbek Bakiyev", "Roza Otunbayeva", "a\x1f" "b"};
    const auto unpacked = unpack_facet_values(pack_facet_values(names));
    REQUIRE(unpacked.size() == 3);
    CHECK(unpacked[0] == "Kurmanbek Bakiyev");
    CHECK(unpacked[2] == "a b");
    CHECK(unpack_facet_values("").empty());
}

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
    article.entities = {{EntityKind::person, "Kurmanbek Bakiyev", "kurmanbek bakiyev", 2, {}},
                        {EntityKind::place, "Minsk", "minsk", 1, {}}};
    return article;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == term) return true;
    return false;
}
}  // namespace

TEST_CASE("schema: documents carry the schema's terms, values and data") {
    DocumentBuilder builder;
    const Article article = sample_article();
    const SourceFile source{"/news", "2010/04/refuge.txt", 1234, 5678, ""};
    const Xapian::Document doc = builder.build(article, source).document;
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
    CHECK(unpack_facet_values(doc.get_value(schema::kPersonSlot)) ==
          std::vector<std::string>{"Kurmanbek Bakiyev"});
    CHECK(doc.get_value(schema::kOrgSlot).empty());

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

TEST_CASE("schema: title words weigh more than body words") {
    DocumentBuilder builder;
    Article article = sample_article();
    article.body = "Refuge appears once in the body.";
    const Xapian::Document doc = builder.build(article, SourceFile{"/news", article.id, 0, 0, ""}).document;
    Xapian::termcount title_wdf = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == "Zrefug") title_wdf = it.get_wdf();
    CHECK(title_wdf == schema::kTitleWeight + 1);
}

TEST_CASE("schema: stored data tolerates garbage") {
    CHECK_THROWS(decode_stored_article("not json"));
    const Article empty = decode_stored_article("{}");
    CHECK(empty.title.empty());
    CHECK_FALSE(empty.date);
}
