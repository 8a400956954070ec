#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include "common/index/document_builder.h"
#include "common/search/facet_spy.h"
#include "common/index/facet_values.h"
#include "common/search/query_parser.h"
#include "common/index/schema.h"
#include "common/search/search.h"

using namespace newsindex;

namespace {

Article make_article(std::string id, std::string title, std::string body, std::optional<Date> date,
                     std::vector<Entity> entities) {
    Article a;
    a.id = std::move(id);
    a.path = "/corpus/" + a.id;
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = date;
    a.entities = std::move(entities);
    return a;
}

Entity person(std::string name) {
    return {EntityKind::person, std::move(name), {}, 1, {}};
}
Entity place(std::string name) {
    return {EntityKind::place, std::move(name), {}, 1, {}};
}

// A small in-memory index of four articles.
Xapian::WritableDatabase small_index() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    DocumentBuilder builder;
    const Article articles[] = {
        make_article("a", "Bakiyev in Minsk", "Kurmanbek Bakiyev took refuge in Minsk.",
                     make_date(2010, 4, 20),
                     {person("Kurmanbek Bakiyev"), person("Alexander Lukashenko"), place("Minsk")}),
        make_article("b", "Lukashenko speaks", "Alexander Lukashenko spoke in Minsk.",
                     make_date(2010, 5, 2), {person("Alexander Lukashenko"), place("Minsk")}),
        make_article("c", "Otunbayeva in Bishkek", "Roza Otunbayeva spoke in Bishkek.",
                     make_date(2011, 1, 9), {person("Roza Otunbayeva"), place("Bishkek")}),
        make_article("d", "Undated note", "No date and no people here.", std::nullopt, {}),
    };
    for (const auto& a : articles) {
        const auto built = builder.build(a, SourceFile{"/corpus", a.id, 0, 0, ""});
        db.replace_document(built.id_term, built.document);
    }
    db.commit();
    return db;
}

Xapian::doccount count(Xapian::Database& db, const std::string& query) {
    NewsQueryParser parser(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse(query, false));
    return enquire.get_mset(0, 100, db.get_doccount()).get_matches_estimated();
}

}  // namespace

TEST_CASE("query parser: entity fields") {
    Xapian::WritableDatabase db = small_index();
    CHECK(count(db, "person:\"Kurmanbek Bakiyev\"") == 1);
    CHECK(count(db, "person:\"KURMANBEK bakiyev\"") == 1);
    CHECK(count(db, "person:Bakiyev") == 1);    // a surname alone
    CHECK(count(db, "person:kurmanbek") == 1);  // or a first name
    CHECK(count(db, "person:Lukashenko") == 2);
    CHECK(count(db, "person:Lukashenko person:Bakiyev") == 1);  // same field: AND
    CHECK(count(db, "place:minsk") == 2);
    CHECK(count(db, "place:Minsk NOT person:Bakiyev") == 1);
    CHECK(count(db, "place:Minsk OR place:Bishkek") == 3);
    CHECK(count(db, "spoke place:Bishkek") == 1);
    CHECK(count(db, "person:\"Bakiyev Lukashenko\"") == 0);
}

TEST_CASE("query parser: place: and org: take any spelling of a country") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Article a = make_article("us", "Aid", "Aid from the U.S. arrived.", std::nullopt,
                                   {place("United States")});
    const auto built = DocumentBuilder().build(a, SourceFile{"/corpus", a.id, 0, 0, ""});
    db.replace_document(built.id_term, built.document);
    db.commit();
    for (const char* query : {"place:US", "place:\"U.S.\"", "place:usa", "place:\"united states\"",
                              "place:\"United States of America\""})
        CHECK_MESSAGE(count(db, query) == 1, query);
    CHECK(count(db, "place:\"U.S. Treasury\"") == 0);
    CHECK(count(db, "org:\"U.S.\"") == 0);  // the same key under another prefix
    CHECK(count(db, "source:US") == 0);
}

TEST_CASE("query parser: dates") {
    Xapian::WritableDatabase db = small_index();
    CHECK(count(db, "date:2010") == 2);
    CHECK(count(db, "date:2010-04") == 1);
    CHECK(count(db, "date:2010-04-20") == 1);
    CHECK(count(db, "date:2010-04-21..2011-12-31") == 2);
    CHECK(count(db, "date:2010-05..") == 2);
    CHECK(count(db, "date:..2010-12") == 2);
    CHECK_THROWS_AS(count(db, "date:2010-02-30"), QueryError);
    CHECK_THROWS_AS(count(db, "date:yesterday"), QueryError);
    CHECK_THROWS_AS(count(db, "date:2010-4"), QueryError);
    CHECK_THROWS_AS(count(db, "date:.."), QueryError);
}

TEST_CASE("query parser: words, operators and errors") {
    Xapian::WritableDatabase db = small_index();
    CHECK(count(db, "") == 4);
    CHECK(count(db, "spoke Minsk") == 1);
    CHECK(count(db, "title:minsk") == 1);
    CHECK(count(db, "\"took refuge\"") == 1);
    CHECK(count(db, "spok*") == 2);
    CHECK(count(db, "NOT spoke") == 2);
    CHECK_THROWS_AS(count(db, "spoke AND ("), QueryError);
    CHECK_THROWS_AS(count(db, "person:\"\""), QueryError);
    NewsQueryParser parser(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse("spoke Bishkek", true));
    CHECK(enquire.get_mset(0, 10).size() == 2);
}

TEST_CASE("facet spy: counts every value of every matching document") {
    Xapian::WritableDatabase db = small_index();
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    EntityFacetSpy spy(schema::kPersonSlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    CHECK(spy.documents_seen() == 4);
    const auto top = spy.top(10);
    REQUIRE(top.size() == 3);
    CHECK(top[0].value == "Alexander Lukashenko");
    CHECK(top[0].count == 2);
    CHECK(top[1].value == "Kurmanbek Bakiyev");  // ties by name
    CHECK(spy.top(1).size() == 1);

    // Results survive serialisation, as across the remote backend.
    EntityFacetSpy merged(schema::kPersonSlot);
    merged.merge_results(spy.serialise_results());
    merged.merge_results(spy.serialise_results());
    CHECK(merged.documents_seen() == 8);
    CHECK(merged.top(1)[0].count == 4);
    CHECK_THROWS(merged.merge_results("\x05"));
    const std::unique_ptr<Xapian::MatchSpy> copy(
        spy.unserialise(spy.serialise(), Xapian::Registry()));
    CHECK(copy->name() == spy.name());
}

TEST_CASE("date histogram: months, or years for long spans") {
    const std::vector<FacetCount> days = {{"20100420", 2}, {"20100425", 1}, {"20100502", 4}};
    const auto months = date_histogram(days);
    REQUIRE(months.size() == 2);
    CHECK(months[0].value == "2010-04");
    CHECK(months[0].count == 3);
    CHECK(months[1].value == "2010-05");
    const std::vector<FacetCount> spread = {{"19870301", 1}, {"20100420", 2}, {"20100101", 1}};
    const auto years = date_histogram(spread);
    REQUIRE(years.size() == 2);
    CHECK(years[0].value == "1987");
    CHECK(years[1].value == "2010");
    CHECK(years[1].count == 3);
    CHECK(date_histogram({}).empty());
}

TEST_CASE("searcher: missing index is a clear error") {
    CHECK_THROWS_AS(NewsSearcher("/nonexistent/newsindex/index"), IndexUnavailableError);
}
