#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/base/error.h"
#include "common/index/document_builder.h"
#include "common/index/facet_columns.h"
#include "common/index/facet_values.h"
#include "common/index/index_metadata.h"
#include "common/index/schema.h"
#include "common/search/facet_spy.h"
#include "common/search/query_parser.h"
#include "common/search/search.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/sample_articles.h"
#include "tests/unit/temp_dir.h"

using namespace newsindex;
using namespace newsindex::testing;

namespace {

// The kind of the Error `fn` throws; nothing when it throws none.
template <typename Fn>
std::optional<ErrorKind> error_kind(Fn&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.kind();
    }
    return std::nullopt;
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
        const auto built = builder.build(a, origin_of(a));
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
    const auto built = DocumentBuilder().build(a, origin_of(a));
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
    CHECK(error_kind([&] { count(db, "date:2010-02-30"); }) == ErrorKind::bad_input);
    CHECK(error_kind([&] { count(db, "date:yesterday"); }) == ErrorKind::bad_input);
    CHECK(error_kind([&] { count(db, "date:2010-4"); }) == ErrorKind::bad_input);
    CHECK(error_kind([&] { count(db, "date:.."); }) == ErrorKind::bad_input);
    CHECK_THROWS_WITH_AS(count(db, "date:yesterday"),
                         "invalid date 'yesterday' (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)", Error);
}

TEST_CASE("query parser: words, operators and errors") {
    Xapian::WritableDatabase db = small_index();
    CHECK(count(db, "") == 4);
    CHECK(count(db, "spoke Minsk") == 1);
    CHECK(count(db, "title:minsk") == 1);
    CHECK(count(db, "\"took refuge\"") == 1);
    CHECK(count(db, "spok*") == 2);
    CHECK(count(db, "NOT spoke") == 2);
    CHECK(error_kind([&] { count(db, "spoke AND ("); }) == ErrorKind::bad_input);
    CHECK(error_kind([&] { count(db, "person:\"\""); }) == ErrorKind::bad_input);
    NewsQueryParser parser(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse("spoke Bishkek", true));
    CHECK(enquire.get_mset(0, 10).size() == 2);
}

namespace {

FacetsWanted people_and_days() {
    FacetsWanted wanted;
    wanted.kinds[static_cast<std::size_t>(EntityKind::person)] = true;
    wanted.days = true;
    return wanted;
}

// How a count is made: Xapian's spies, or ours from the documents or from the columns.
enum class Counting { builtin, documents, columns };

// A copy of `db` on disk, with its facet columns written.
Xapian::Database with_columns(const Xapian::Database& db, const std::filesystem::path& folder) {
    {
        Xapian::WritableDatabase copy(folder.string(), Xapian::DB_CREATE);
        for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
            try {
                copy.replace_document(id, db.get_document(id));
            } catch (const Xapian::DocNotFoundError&) {
            }
        }
        copy.commit();
    }
    Xapian::Database copy(folder.string());
    write_facet_columns(copy, folder);
    return copy;
}

// Every count of a facet, value -> count, as `counting` makes them over all of `parts`
// combined.
std::map<std::string, Xapian::doccount> counted(
    const std::vector<Xapian::Database>& parts, EntityKind kind, Counting counting,
    const std::vector<std::filesystem::path>& folders = {}) {
    Xapian::Database db;
    for (const auto& part : parts) db.add_database(part);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    std::map<std::string, Xapian::doccount> counts;
    const auto add = [&](const std::vector<FacetCount>& values,
                         const std::vector<FacetCount>& days) {
        for (const auto& value : values) counts[value.value] = value.count;
        for (const auto& day : days) counts["day " + day.value] = day.count;
    };
    if (counting == Counting::builtin) {
        const BuiltinFacetCounter counter(people_and_days());
        counter.attach(enquire);
        enquire.get_mset(0, 0, db.get_doccount());
        add(counter.top(kind, SIZE_MAX), counter.days());
        return counts;
    }
    // Ours count one database at a time, summed.
    std::vector<std::unique_ptr<LocalFacetSpy>> spies;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto columns =
            counting == Counting::columns ? FacetColumns::open(folders.at(i), parts[i]) : nullptr;
        if (counting == Counting::columns) REQUIRE(columns != nullptr);
        spies.push_back(
            std::make_unique<LocalFacetSpy>(FacetPart{parts[i], columns}, people_and_days()));
        Xapian::Enquire part_enquire(parts[i]);
        part_enquire.set_query(Xapian::Query::MatchAll);
        part_enquire.add_matchspy(spies.back().get());
        part_enquire.get_mset(0, 0, parts[i].get_doccount());
    }
    std::vector<const LocalFacetSpy*> each;
    for (const auto& spy : spies) each.push_back(spy.get());
    add(top_values(each, kind, SIZE_MAX), day_counts(each));
    return counts;
}

}  // namespace

TEST_CASE("value counts: every value counted exactly, however many there are") {
    ValueCounts counts;
    std::map<std::string, Xapian::doccount> expected;
    for (int i = 0; i < 20000; ++i) {
        // Some values often, most once; long ones outgrow the short-string buffer.
        const std::string value = i % 3 == 0
                                      ? "Person " + std::to_string(i % 97)
                                      : "A name long enough to need the heap " + std::to_string(i);
        counts.add(value);
        ++expected[value];
    }
    counts.add("");
    ++expected[""];
    std::map<std::string, Xapian::doccount> counted;
    counts.for_each([&](std::string_view value, Xapian::doccount count) {
        counted[std::string(value)] = count;
    });
    CHECK(counted == expected);
}

TEST_CASE("value counts: the top values by count, ties by value") {
    ValueCounts counts;
    for (const char* value : {"b", "a", "c", "a", "b", "d", "a"}) counts.add(value);
    const auto top = counts.top(3);
    REQUIRE(top.size() == 3);
    CHECK((top[0].value == "a" && top[0].count == 3));
    CHECK((top[1].value == "b" && top[1].count == 2));
    CHECK((top[2].value == "c" && top[2].count == 1));  // before "d", its tie
    CHECK(counts.top(10).size() == 4);
}

TEST_CASE("facet counter: counts every value of every matching document") {
    Xapian::WritableDatabase db = small_index();
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    LocalFacetSpy spy({db, nullptr}, people_and_days());
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    const std::vector<const LocalFacetSpy*> spies{&spy};
    const auto top = top_values(spies, EntityKind::person, 10);
    REQUIRE(top.size() == 3);
    CHECK(top[0].value == "Alexander Lukashenko");
    CHECK(top[0].count == 2);
    CHECK(top[1].value == "Kurmanbek Bakiyev");  // ties by name
    CHECK(top_values(spies, EntityKind::person, 1).size() == 1);
    CHECK(top_values(spies, EntityKind::org, 10).empty());  // not asked for
    CHECK(!day_counts(spies).empty());
    // Xapian's own spies, one per slot, and the facet columns count the same.
    const auto from_documents = counted({db}, EntityKind::person, Counting::documents);
    CHECK(from_documents.size() > 3);
    CHECK(counted({db}, EntityKind::person, Counting::builtin) == from_documents);
    TempDir dir;
    const Xapian::Database on_disk = with_columns(db, dir.path() / "index");
    CHECK(counted({on_disk}, EntityKind::person, Counting::columns, {dir.path() / "index"}) ==
          from_documents);
}

TEST_CASE("facet counter: a database split in two counts as one") {
    Xapian::WritableDatabase whole = small_index();
    Xapian::WritableDatabase first(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::WritableDatabase second(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (Xapian::docid id = 1; id <= whole.get_lastdocid(); ++id)
        (id % 2 ? first : second).add_document(whole.get_document(id));
    const auto expected = counted({whole}, EntityKind::person, Counting::documents);
    CHECK(expected.size() > 3);
    CHECK(counted({first, second}, EntityKind::person, Counting::builtin) == expected);
    CHECK(counted({first, second}, EntityKind::person, Counting::documents) == expected);
    // One part with columns, the other without, and both with.
    TempDir dir;
    const auto second_folder = dir.path() / "second";
    const Xapian::Database second_on_disk = with_columns(second, second_folder);
    {
        LocalFacetSpy without({first, nullptr}, people_and_days());
        LocalFacetSpy with({second_on_disk, FacetColumns::open(second_folder, second_on_disk)},
                           people_and_days());
        for (auto [db, spy] : {std::pair<Xapian::Database, LocalFacetSpy*>{first, &without},
                               {second_on_disk, &with}}) {
            Xapian::Enquire enquire(db);
            enquire.set_query(Xapian::Query::MatchAll);
            enquire.add_matchspy(spy);
            enquire.get_mset(0, 0, db.get_doccount());
        }
        std::map<std::string, Xapian::doccount> mixed;
        for (const auto& value : top_values({&without, &with}, EntityKind::person, SIZE_MAX))
            mixed[value.value] = value.count;
        for (const auto& day : day_counts({&without, &with})) mixed["day " + day.value] = day.count;
        CHECK(mixed == expected);
    }
    const auto first_folder = dir.path() / "first";
    const Xapian::Database first_on_disk = with_columns(first, first_folder);
    CHECK(counted({first_on_disk, second_on_disk}, EntityKind::person, Counting::columns,
                  {first_folder, second_folder}) == expected);
    // ... which is what a searcher given the parts does.
    SearchRequest request;
    request.facets = {"person", "date"};
    Xapian::Database both(first);
    both.add_database(second);
    NewsSearcher whole_searcher(whole);
    NewsSearcher parts_searcher(both, "two parts", {first, second});
    Xapian::Database both_on_disk(first_on_disk);
    both_on_disk.add_database(second_on_disk);
    NewsSearcher columns_searcher(both_on_disk, "two parts with columns",
                                  {first_on_disk, second_on_disk}, {first_folder, second_folder});
    const auto a = whole_searcher.search(request);
    for (NewsSearcher* other : {&parts_searcher, &columns_searcher}) {
        const auto b = other->search(request);
        CHECK(a.total == b.total);
        REQUIRE(a.facets.size() == b.facets.size());
        for (std::size_t i = 0; i < a.facets.size(); ++i) {
            REQUIRE(a.facets[i].values.size() == b.facets[i].values.size());
            for (std::size_t j = 0; j < a.facets[i].values.size(); ++j) {
                CHECK(a.facets[i].values[j].value == b.facets[i].values[j].value);
                CHECK(a.facets[i].values[j].count == b.facets[i].values[j].count);
            }
        }
    }
}

TEST_CASE("date histogram: days, months or years from the span of the dates") {
    // At most 60 days apart: days.
    const std::vector<FacetCount> days = {{"20100420", 2}, {"20100425", 1}, {"20100502", 4}};
    const auto by_day = date_histogram(days);
    CHECK(by_day.bucket == DateBucket::day);
    CHECK(date_bucket_name(by_day.bucket) == "day");
    REQUIRE(by_day.values.size() == 3);
    CHECK(by_day.values[0].value == "2010-04-20");
    CHECK(by_day.values[0].count == 2);
    CHECK(by_day.values[2].value == "2010-05-02");
    CHECK(date_histogram({{"20100301", 1}, {"20100430", 1}}).bucket == DateBucket::day);
    // 61 days apart: months.
    const std::vector<FacetCount> spring = {{"20100301", 1}, {"20100420", 2}, {"20100501", 4}};
    const auto months = date_histogram(spring);
    CHECK(months.bucket == DateBucket::month);
    CHECK(date_bucket_name(months.bucket) == "month");
    REQUIRE(months.values.size() == 3);
    CHECK(months.values[0].value == "2010-03");
    CHECK(months.values[1].value == "2010-04");
    CHECK(months.values[1].count == 2);
    // 35 months apart: still months; 36: years.
    CHECK(date_histogram({{"20100115", 1}, {"20121215", 1}}).bucket == DateBucket::month);
    CHECK(date_histogram({{"20100115", 1}, {"20130115", 1}}).bucket == DateBucket::year);
    const std::vector<FacetCount> spread = {{"19870301", 1}, {"20100420", 2}, {"20100101", 1}};
    const auto years = date_histogram(spread);
    CHECK(years.bucket == DateBucket::year);
    REQUIRE(years.values.size() == 2);
    CHECK(years.values[0].value == "1987");
    CHECK(years.values[1].value == "2010");
    CHECK(years.values[1].count == 3);
    // Counts of one day add up; values that are no date are left out.
    const auto same = date_histogram({{"20100420", 2}, {"20100420", 3}, {"2010", 9}});
    REQUIRE(same.values.size() == 1);
    CHECK(same.values[0].count == 5);
    CHECK(date_histogram({}).values.empty());
}

namespace {

std::vector<std::string> ids(const SearchResponse& response) {
    std::vector<std::string> ids;
    for (const auto& hit : response.hits) ids.push_back(hit.article.id);
    return ids;
}

std::vector<std::pair<std::string, Xapian::doccount>> values(const FacetResult& facet) {
    std::vector<std::pair<std::string, Xapian::doccount>> values;
    for (const auto& value : facet.values) values.emplace_back(value.value, value.count);
    return values;
}

std::vector<std::string> highlighted(const Snippet& snippet) {
    std::vector<std::string> words;
    for (const auto& span : snippet.highlights)
        words.push_back(snippet.text.substr(span.begin, span.end - span.begin));
    return words;
}

}  // namespace

TEST_CASE("searcher: ranked hits, totals and paging on an in-memory index") {
    NewsSearcher searcher(small_index());
    CHECK(searcher.article_count() == 4);
    SearchRequest request;
    request.query = "Minsk";
    SearchResponse response = searcher.search(request);
    CHECK(response.total == 2);
    CHECK(response.total_exact);
    CHECK(response.facets.empty());  // none asked for
    // Title words weigh more: "Bakiyev in Minsk" comes first.
    CHECK(ids(response) == std::vector<std::string>{"a", "b"});
    CHECK(response.hits[0].rank == 1);
    CHECK(response.hits[1].rank == 2);
    CHECK(response.hits[0].score > response.hits[1].score);
    CHECK(response.hits[0].article.title == "Bakiyev in Minsk");
    CHECK(response.hits[0].article.body.empty());
    CHECK(response.hits[0].snippet.text == "Kurmanbek Bakiyev took refuge in Minsk.");
    CHECK(highlighted(response.hits[0].snippet) == std::vector<std::string>{"Minsk"});

    // Ranks count from the first match, not from the offset; the total stays.
    request.offset = 1;
    request.limit = 1;
    response = searcher.search(request);
    CHECK(response.total == 2);
    REQUIRE(response.hits.size() == 1);
    CHECK(response.hits[0].rank == 2);
    CHECK(response.hits[0].article.id == "b");

    request = {};
    request.query = "spoke Bishkek";
    CHECK(searcher.search(request).total == 1);
    request.match_any = true;
    response = searcher.search(request);
    CHECK(response.total == 2);
    CHECK(ids(response) == std::vector<std::string>{"c", "b"});

    request = {};
    request.sort = SortOrder::date_descending;
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"c", "b", "a", "d"});
    request.sort = SortOrder::date_ascending;
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"d", "a", "b", "c"});
}

TEST_CASE("searcher: exact facets over every match") {
    NewsSearcher searcher(small_index());
    SearchRequest request;  // the empty query: every article
    request.limit = 0;
    request.facets = {"date", "place", "person"};
    SearchResponse response = searcher.search(request);
    CHECK(response.total == 4);
    CHECK(response.hits.empty());
    CHECK(response.facets_exact);
    REQUIRE(response.facets.size() == 3);
    // Entity kinds first, in their own order, then dates.
    CHECK(response.facets[0].name == "person");
    CHECK(values(response.facets[0]) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{
              {"Alexander Lukashenko", 2}, {"Kurmanbek Bakiyev", 1}, {"Roza Otunbayeva", 1}});
    CHECK(response.facets[1].name == "place");
    CHECK(values(response.facets[1]) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"Minsk", 2}, {"Bishkek", 1}});
    CHECK(response.facets[2].name == "date");
    CHECK(values(response.facets[2]) == std::vector<std::pair<std::string, Xapian::doccount>>{
                                            {"2010-04", 1}, {"2010-05", 1}, {"2011-01", 1}});

    request.query = "place:Minsk";
    request.facets = {"org", "person"};
    request.facet_limit = 1;
    response = searcher.search(request);
    CHECK(response.total == 2);
    REQUIRE(response.facets.size() == 2);
    CHECK(values(response.facets[0]) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"Alexander Lukashenko", 2}});
    CHECK(response.facets[1].name == "org");
    CHECK(response.facets[1].values.empty());
}

TEST_CASE("searcher: a bad query is bad input, named by its problem") {
    NewsSearcher searcher(small_index());
    SearchRequest request;
    request.query = "date:yesterday";
    CHECK_THROWS_WITH_AS(searcher.search(request),
                         "invalid date 'yesterday' (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)", Error);
    request.query = "spoke AND (";
    CHECK(error_kind([&] { searcher.search(request); }) == ErrorKind::bad_input);
}

TEST_CASE("searcher: schema warning, with and without a name for the index") {
    Xapian::WritableDatabase db = small_index();
    const std::string tail = " has schema version (none), this program reads " +
                             current_schema_version() +
                             "; filters may miss articles until `newsindex build` brings it up "
                             "to date";
    CHECK(NewsSearcher(db).schema_warning() == "the index" + tail);
    CHECK(NewsSearcher(db, "/srv/news").schema_warning() == "index /srv/news" + tail);
    IndexMetadata metadata;
    metadata.schema_version = current_schema_version();
    write_metadata(db, metadata);
    db.commit();
    CHECK(NewsSearcher(db).schema_warning().empty());
    // An empty index has nothing a filter could miss.
    CHECK(NewsSearcher(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY))
              .schema_warning()
              .empty());
}

TEST_CASE("searcher: missing index is a clear error") {
    CHECK(error_kind([] { open_searcher("/nonexistent/newsindex/index"); }) ==
          ErrorKind::not_found);
    // The library names the path; what to do about it is each front end's advice.
    CHECK_THROWS_WITH_AS(open_searcher("/nonexistent/newsindex/index"),
                         "no index at /nonexistent/newsindex/index", Error);
}

TEST_CASE("query parser: dotted acronyms match whatever their case") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    const auto parsed = [&](const std::string& query) {
        return NewsQueryParser(db).parse(query, false).get_description();
    };
    CHECK(parsed("\"u.s. treasury\" bonds") == parsed("\"U.S. Treasury\" bonds"));
    CHECK(parsed("u.k.") == parsed("U.K."));
}

TEST_CASE("searcher: a term every article holds, once deletions left gaps in the ids") {
    // Xapian 1.4 reads such a term through the database's all-documents list under the
    // term's name, and fails past its first chunk (search/filter_term.h): the case needs
    // a disk database, over a thousand articles and a deleted one.
    TempDir dir;
    const std::string path = (dir.path() / "index").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        DocumentBuilder builder;
        for (unsigned i = 0; i < 1500; ++i) {
            const std::string n = std::to_string(i);
            const Article a = make_article(n, "Cocoa report",
                                           "Cocoa output in Ghana rose, report " + n + " said.",
                                           make_date(2010, 4, 1 + i % 28), {place("Ghana")});
            const auto built = builder.build(a, origin_of(a));
            db.replace_document(built.id_term, built.document);
        }
        db.commit();
        db.delete_document(5);
        db.commit();
    }
    NewsSearcher searcher = open_searcher(std::filesystem::path(path));
    for (const char* query : {"place:ghana", "cocoa", "cocoa place:ghana", "place:ghana -said",
                              "place:ghana OR place:togo", "NOT place:togo"}) {
        SearchRequest request;
        request.query = query;
        request.facets = {"place", "date"};
        const SearchResponse response = searcher.search(request);
        CHECK_MESSAGE(
            response.total == (std::string(query).find("-said") == std::string::npos ? 1499u : 0u),
            query);
        CHECK(response.total_exact);
        if (response.total == 0) continue;
        REQUIRE(response.facets.at(0).values.size() == 1);
        CHECK(response.facets.at(0).values.at(0).value == "Ghana");
        CHECK(response.facets.at(0).values.at(0).count == 1499);
    }
}

TEST_CASE("search: facets by story count each story once, in every facet and date bucket") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    DocumentBuilder builder;
    const auto add = [&](const std::string& id, std::optional<Date> date,
                         std::vector<Entity> entities, const std::string& story) {
        const auto built = builder.build(
            make_article(id, "Lukashenko " + id, "Alexander Lukashenko spoke.", date, entities),
            origin_of(make_article(id, "", "", date, {})));
        Xapian::Document doc = built.document;
        doc.add_value(schema::kStorySlot, story);
        doc.add_boolean_term(schema::story_term(story));
        db.replace_document(built.id_term, doc);
    };
    const std::string s = "1111111111111111", t = "2222222222222222";
    add("x", make_date(2010, 4, 20), {person("Alexander Lukashenko"), place("Minsk")}, s);
    add("y", make_date(2010, 4, 20), {person("Alexander Lukashenko"), place("Minsk")}, s);
    add("z", make_date(2010, 4, 21), {person("Alexander Lukashenko")}, t);
    add("w", make_date(2010, 8, 1), {person("Alexander Lukashenko")}, s);
    db.commit();
    NewsSearcher searcher(db);
    SearchRequest request;
    request.query = "lukashenko";
    request.facets = {"person", "place", "date", "language"};
    const auto facet = [](const SearchResponse& response, const std::string& name) {
        std::map<std::string, Xapian::doccount> counts;
        for (const auto& f : response.facets)
            if (f.name == name)
                for (const auto& v : f.values) counts[v.value] = v.count;
        return counts;
    };
    const SearchResponse by_article = searcher.search(request);
    CHECK(by_article.total == 4);
    CHECK(facet(by_article, "person")["Alexander Lukashenko"] == 4);
    CHECK(facet(by_article, "date")["2010-04"] == 3);

    request.facets_by_story = true;
    const SearchResponse by_story = searcher.search(request);
    CHECK(by_story.total == 4);  // the matches are still articles
    CHECK(facet(by_story, "person")["Alexander Lukashenko"] == 2);
    CHECK(facet(by_story, "place")["Minsk"] == 1);
    // Story s has three versions, two in April and one in August: once in each month.
    CHECK(by_story.date_bucket == DateBucket::month);
    CHECK(facet(by_story, "date") ==
          std::map<std::string, Xapian::doccount>{{"2010-04", 2}, {"2010-08", 1}});
    CHECK(facet(by_story, "language")["en"] == 2);

    request.facet_order = FacetOrder::notable;
    CHECK(error_kind([&] { searcher.search(request); }) == ErrorKind::bad_input);
}
