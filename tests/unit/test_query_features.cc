// The query features of newssearch in the library: dates as people write them, the
// spelling dictionary and suggestions, explanations of scores, and hit fields.
#include <doctest/doctest.h>
#include <xapian.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "common/base/date.h"
#include "common/base/error.h"
#include "common/index/document_builder.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/spelling.h"
#include "common/search/explain.h"
#include "common/search/hit_fields.h"
#include "common/search/search.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/sample_articles.h"
#include "tests/unit/temp_dir.h"

using namespace newsindex;
using namespace newsindex::testing;

namespace {

const Date kToday{2024, 3, 31};

std::optional<Date> since(std::string_view text) {
    return parse_user_date(text, kToday, PeriodEnd::first);
}
std::optional<Date> until(std::string_view text) {
    return parse_user_date(text, kToday, PeriodEnd::last);
}

std::vector<ArticleDocument> documents(const Article& a) {
    return {DocumentBuilder().build(a, origin_of(a))};
}

// Every word of the spelling dictionary, with its frequency.
std::map<std::string, Xapian::doccount> dictionary(const Xapian::Database& db) {
    std::map<std::string, Xapian::doccount> words;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
        words[*it] = it.get_termfreq();
    return words;
}

const std::vector<Article>& articles() {
    static const std::vector<Article> all = {
        make_article("a.txt", "Bakiyev seeks refuge in Minsk",
                     "Kurmanbek Bakiyev took refuge in Minsk. Kyrgyzstan will seek his extradition "
                     "from Belarus, officials said.",
                     make_date(2010, 4, 20), {person("Kurmanbek Bakiyev")}),
        make_article("b.txt", "Border crossings reopen",
                     "Kazakhstan reopened border crossings with Kyrgyzstan. Bakiyev was not "
                     "mentioned by the officials.",
                     make_date(2010, 4, 22), {person("Kurmanbek Bakiyev")}),
        make_article("c.txt", "Interest rates", "The Bundesbank kept interest rates unchanged.",
                     make_date(1987, 3, 4)),
        make_article("d.txt", "Fed watch", "The Fed may raise interest rates, traders said.",
                     make_date(1987, 3, 20)),
        make_article("e.txt", "Undated note", "An undated note about extradition treaties.",
                     std::nullopt),
    };
    return all;
}

// A database on disk: the in-memory backend keeps no spelling dictionary.
Xapian::WritableDatabase on_disk(const newsindex::testing::TempDir& dir, const char* name = "db") {
    return Xapian::WritableDatabase((dir.path() / name).string(), Xapian::DB_CREATE);
}

// The articles above, written through an IndexWriter (so with a spelling dictionary).
Xapian::WritableDatabase indexed(const newsindex::testing::TempDir& dir) {
    Xapian::WritableDatabase db = on_disk(dir);
    IndexWriter writer(db, "test index");
    for (const auto& a : articles()) writer.replace_file(origin_of(a).key(), documents(a));
    writer.commit();
    return db;
}

SearchResponse search(Xapian::Database db, SearchRequest request) {
    return NewsSearcher(std::move(db)).search(request);
}

SearchRequest query(std::string text) {
    SearchRequest request;
    request.query = std::move(text);
    return request;
}

}  // namespace

TEST_CASE("user dates: days, months and years, as the start or the end of a range") {
    CHECK(since("2010-04-20") == Date{2010, 4, 20});
    CHECK(until("2010-04-20") == Date{2010, 4, 20});
    CHECK(since("2010-04") == Date{2010, 4, 1});
    CHECK(until("2010-04") == Date{2010, 4, 30});
    CHECK(until("2012-02") == Date{2012, 2, 29});
    CHECK(until("2011-02") == Date{2011, 2, 28});
    CHECK(since("2010") == Date{2010, 1, 1});
    CHECK(until("2010") == Date{2010, 12, 31});
    CHECK(since(" 2010-04-20 ") == Date{2010, 4, 20});
    for (const char* bad :
         {"", "2010-4", "2010-13", "2010-02-30", "2010-04-20x", "20100420", "0999", "10-04-2010",
          "April 2010", "tomorrow", "7", "d", "7x", "-7d", "7 d", "2010-04-"})
        CHECK_MESSAGE(!since(bad), bad);
}

TEST_CASE("user dates: today, yesterday and how long ago, from the given day") {
    CHECK(since("today") == kToday);
    CHECK(since("TODAY") == kToday);
    CHECK(since("yesterday") == Date{2024, 3, 30});
    CHECK(parse_user_date("yesterday", {2024, 1, 1}, PeriodEnd::first) == Date{2023, 12, 31});
    CHECK(since("0d") == kToday);
    CHECK(since("7d") == Date{2024, 3, 24});
    CHECK(since("31d") == Date{2024, 2, 29});
    CHECK(since("2w") == Date{2024, 3, 17});
    CHECK(since("1m") == Date{2024, 2, 29});  // March 31 back a month: February's last day
    CHECK(since("3M") == Date{2023, 12, 31});
    CHECK(since("13m") == Date{2023, 2, 28});
    CHECK(since("1y") == Date{2023, 3, 31});
    CHECK(parse_user_date("1y", {2024, 2, 29}, PeriodEnd::first) == Date{2023, 2, 28});
    CHECK(since("1000d") == Date{2021, 7, 5});
    CHECK(until("7d") == Date{2024, 3, 24});  // a day is a day at either end
    CHECK_FALSE(since("999999y"));            // before the years an index holds
}

TEST_CASE("user dates: today is the local calendar day") {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    // Far apart zones are on different days for most of every day; each must agree with
    // its own localtime.
    for (const char* zone : {"UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"}) {
        setenv("TZ", zone, 1);
        tzset();
        const std::time_t now = std::time(nullptr);
        struct tm local {};
        localtime_r(&now, &local);
        const Date expected{local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                            static_cast<unsigned>(local.tm_mday)};
        CHECK_MESSAGE(local_today() == expected, zone);
    }
    if (old)
        setenv("TZ", saved.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

TEST_CASE("date arithmetic: add_days and days_between") {
    CHECK(add_days({2010, 2, 28}, 1) == Date{2010, 3, 1});
    CHECK(add_days({2012, 2, 28}, 1) == Date{2012, 2, 29});
    CHECK(add_days({2010, 1, 1}, -1) == Date{2009, 12, 31});
    CHECK_FALSE(add_days({1000, 1, 1}, -1));
    CHECK(days_between({2010, 3, 1}, {2010, 4, 30}) == 60);
    CHECK(days_between({2010, 4, 30}, {2010, 3, 1}) == -60);
}

TEST_CASE("spelling words: the text's words and entity name words, each once") {
    Article a =
        make_article("x.txt", "Bakiyev Bakiyev in 2010", "Talks on U.S. aid; the word a.",
                     std::nullopt, {person("Kurmanbek Bakiyev"), person("Roza Otunbayeva")});
    const auto doc = DocumentBuilder().build(a, origin_of(a)).document;
    const auto words = spelling_words(doc);
    const auto has = [&](const std::string& w) {
        return std::find(words.begin(), words.end(), w) != words.end();
    };
    CHECK(has("bakiyev"));
    CHECK(has("talks"));
    CHECK(has("aid"));
    CHECK(has("kurmanbek"));    // an entity name's words
    CHECK(has("otunbayeva"));   // even when the text does not hold them
    CHECK_FALSE(has("2010"));   // figures
    CHECK_FALSE(has("a"));      // one letter
    CHECK_FALSE(has("Ztalk"));  // stems
    CHECK_FALSE(has("Sbakiyev"));
    CHECK(std::count(words.begin(), words.end(), "bakiyev") == 1);
    CHECK(std::is_sorted(words.begin(), words.end()));
}

TEST_CASE("spelling dictionary: the writer keeps it as the articles change") {
    const newsindex::testing::TempDir dir;
    Xapian::WritableDatabase db = on_disk(dir);
    IndexWriter writer(db, "test index");
    const Article first =
        make_article("one.txt", "Extradition", "Bakiyev extradition sought.", std::nullopt);
    const Article second =
        make_article("two.txt", "Talks", "Bakiyev talks with Lukashenko.", std::nullopt);
    writer.replace_file(origin_of(first).key(), documents(first));
    writer.replace_file(origin_of(second).key(), documents(second));
    writer.commit();
    CHECK(db.get_metadata(std::string(schema::kSpellingKey)) == "1");
    auto words = dictionary(db);
    CHECK(words["bakiyev"] == 2);  // once per article, however often it says it
    CHECK(words["extradition"] == 1);
    CHECK(words["lukashenko"] == 1);
    CHECK(db.get_spelling_suggestion("extradtion") == "extradition");

    // A replaced article takes its old words away and brings its new ones.
    const Article changed = make_article("two.txt", "Talks", "Otunbayeva talks.", std::nullopt);
    writer.replace_file(origin_of(changed).key(), documents(changed));
    writer.commit();
    words = dictionary(db);
    CHECK(words["bakiyev"] == 1);
    CHECK(words.count("lukashenko") == 0);
    CHECK(words["otunbayeva"] == 1);
    CHECK(db.get_spelling_suggestion("lukashenk").empty());

    // A deleted one takes its words away.
    writer.remove_file(origin_of(first).key());
    writer.commit();
    words = dictionary(db);
    CHECK(words.count("extradition") == 0);
    CHECK(words.count("bakiyev") == 0);
    CHECK(db.get_spelling_suggestion("extradtion").empty());
    CHECK(words == std::map<std::string, Xapian::doccount>{{"otunbayeva", 1}, {"talks", 1}});

    // An entity table rewrite changes no words.
    writer.update_entity_table({});
    writer.commit();
    CHECK(dictionary(db) == words);
}

TEST_CASE("spelling dictionary: an index that had articles before it keeps none") {
    const newsindex::testing::TempDir dir;
    Xapian::WritableDatabase db = on_disk(dir);
    {
        IndexWriter writer(db, "test index");
        writer.commit();
    }
    const Article old =
        make_article("old.txt", "Old", "Written before the dictionary.", std::nullopt);
    db.replace_document(documents(old)[0].id_term, documents(old)[0].document);
    db.commit();
    IndexWriter writer(db, "test index");
    const Article added = make_article("new.txt", "New", "Bakiyev extradition.", std::nullopt);
    writer.replace_file(origin_of(added).key(), documents(added));
    writer.commit();
    CHECK(dictionary(db).empty());
    CHECK(db.get_metadata(std::string(schema::kSpellingKey)).empty());
}

TEST_CASE("searcher: --since and --until filter on the date, both ends included") {
    const newsindex::testing::TempDir dir;
    const Xapian::WritableDatabase db = indexed(dir);
    SearchRequest request;
    CHECK(search(db, request).total == 5);
    request.since = Date{2010, 4, 20};
    CHECK(search(db, request).total == 2);
    request.until = Date{2010, 4, 20};
    CHECK(search(db, request).total == 1);
    request.since = Date{1987, 3, 4};
    request.until = Date{1987, 3, 19};
    CHECK(search(db, request).total == 1);
    request.since.reset();
    request.until = Date{2010, 4, 21};
    CHECK(search(db, request).total == 3);  // the undated article is left out
    request.query = "Bakiyev";
    CHECK(search(db, request).total == 1);
    request.since = Date{2011, 1, 1};
    request.until.reset();
    CHECK(search(db, request).total == 0);
}

TEST_CASE("searcher: the date facet's buckets follow the span of the matches") {
    const newsindex::testing::TempDir dir;
    const Xapian::WritableDatabase db = indexed(dir);
    SearchRequest request;
    request.facets = {"date"};
    request.since = Date{2010, 1, 1};
    SearchResponse response = search(db, request);
    CHECK(response.date_bucket == DateBucket::day);
    REQUIRE(response.facets.size() == 1);
    CHECK(response.facets[0].values.size() == 2);
    CHECK(response.facets[0].values[0].value == "2010-04-20");
    request.since.reset();
    response = search(db, request);
    CHECK(response.date_bucket == DateBucket::year);
    CHECK(response.facets[0].values.size() == 2);
}

TEST_CASE("searcher: a misspelt query gets a suggestion, and its results when none match") {
    const newsindex::testing::TempDir dir;
    const Xapian::WritableDatabase db = indexed(dir);
    SearchResponse response = search(db, query("Bakiyv extradtion"));
    CHECK(response.suggestion == "bakiyev extradition");
    CHECK(response.corrected);
    CHECK(response.total == 1);
    REQUIRE(response.hits.size() == 1);
    CHECK(response.hits[0].article.id == "a.txt");

    // With matches, only the suggestion.
    response = search(db, query("Bakiyev OR extradtion"));
    CHECK(response.suggestion == "Bakiyev OR extradition");
    CHECK_FALSE(response.corrected);
    CHECK(response.total == 2);

    // Spelling::suggest never runs the suggestion; off never looks.
    SearchRequest request = query("Bakiyv extradtion");
    request.spelling = Spelling::suggest;
    response = search(db, request);
    CHECK(response.suggestion == "bakiyev extradition");
    CHECK_FALSE(response.corrected);
    CHECK(response.total == 0);
    request.spelling = Spelling::off;
    CHECK(search(db, request).suggestion.empty());

    // Correct words, other forms of a word the dictionary holds, prefixed fields and
    // unknown words with nothing near them get none.
    for (const char* fine : {"Bakiyev extradition", "extraditions", "title:refuge", "person:Bakiyv",
                             "zzzzqqq", "1987", ""})
        CHECK_MESSAGE(search(db, query(fine)).suggestion.empty(), fine);
}

TEST_CASE("spelling dictionary: a backend without one is no error") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer(db, "test index");
    const Article a = articles()[0];
    CHECK_NOTHROW(writer.replace_file(origin_of(a).key(), documents(a)));
    CHECK_NOTHROW(writer.remove_file(origin_of(a).key()));
    writer.commit();
    CHECK(db.get_metadata(std::string(schema::kSpellingKey)).empty());
}

TEST_CASE("searcher: a word the index holds is never corrected") {
    const newsindex::testing::TempDir dir;
    Xapian::WritableDatabase db = on_disk(dir);
    {
        IndexWriter writer(db, "test index");
        for (int i = 0; i < 4; ++i) {
            std::string id = std::to_string(i);
            id += ".txt";
            const Article a = make_article(
                id, "Rate", i == 0 ? "The rates rose." : "The rate rose.", std::nullopt);
            writer.replace_file(origin_of(a).key(), documents(a));
        }
        writer.commit();
    }
    // Xapian 1.4 alone would offer the more frequent "rate" for "rates".
    CHECK(db.get_spelling_suggestion("rates") == "rate");
    CHECK(search(db, query("rates")).suggestion.empty());
    CHECK(search(db, query("rates rsoe")).suggestion == "rates rose");
    CHECK(search(db, query("RATES")).suggestion.empty());
}

TEST_CASE("searcher: a database of several shards suggests from all of them") {
    const newsindex::testing::TempDir dir;
    Xapian::WritableDatabase first = on_disk(dir, "shard1");
    Xapian::WritableDatabase second = on_disk(dir, "shard2");
    {
        IndexWriter one(first, "shard 1");
        IndexWriter two(second, "shard 2");
        const auto& all = articles();
        for (std::size_t i = 0; i < all.size(); ++i)
            (i % 2 ? one : two).replace_file(origin_of(all[i]).key(), documents(all[i]));
        one.commit();
        two.commit();
    }
    Xapian::Database both(first);
    both.add_database(second);
    const SearchResponse response = search(both, query("Bakiyv extradtion"));
    CHECK(response.suggestion == "bakiyev extradition");
    CHECK(response.total == 1);
}

TEST_CASE("searcher: an index without a dictionary suggests nothing, without an error") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    for (const auto& a : articles()) {
        const auto built = documents(a)[0];
        db.replace_document(built.id_term, built.document);
    }
    db.commit();
    const SearchResponse response = search(db, query("Bakiyv extradtion"));
    CHECK(response.suggestion.empty());
    CHECK_FALSE(response.corrected);
    CHECK(response.total == 0);
}

TEST_CASE("explain: each term's weight, adding up to the hit's score") {
    const newsindex::testing::TempDir dir;
    const Xapian::WritableDatabase db = indexed(dir);
    for (const char* text :
         {"Bakiyev", "Bakiyev extradition", "Bakiyev OR officials OR reopened", "refuge Minsk",
          "\"interest rates\"", "interest NEAR rates", "title:refuge OR Bakiyev",
          "Bakiyev NOT extradition", "person:Bakiyev officials", "extradit* OR Bakiyev",
          "+Bakiyev officials", "rates date:1987", "Bakiyev Bakiyev OR Minsk",
          "Bakiyev refuge OR officials", "(Bakiyev AND \"took refuge\") OR reopened",
          "officials AND (Kazakhstan OR refuge)", "officials XOR Minsk"}) {
        SearchRequest request = query(text);
        request.explain = true;
        const SearchResponse response = search(db, request);
        REQUIRE_MESSAGE(!response.hits.empty(), text);
        for (const auto& hit : response.hits) {
            double sum = 0;
            for (const auto& term : hit.explain) sum += term.weight;
            CHECK_MESSAGE(std::abs(sum - hit.score) < 1e-9 * std::max(1.0, hit.score),
                          text << ": " << sum << " != " << hit.score);
            CHECK_MESSAGE(!hit.explain.empty(), text);
        }
    }

    SearchRequest request = query("Bakiyev extradition");
    request.explain = true;
    const SearchResponse response = search(db, request);
    REQUIRE(response.hits.size() == 1);
    const auto& explain = response.hits[0].explain;
    REQUIRE(explain.size() == 2);
    CHECK(explain[0].weight >= explain[1].weight);
    std::map<std::string, TermWeight> by_term;
    for (const auto& term : explain) by_term[term.term] = term;
    REQUIRE(by_term.count("bakiyev"));
    REQUIRE(by_term.count("Zextradit"));
    CHECK(by_term["bakiyev"].termfreq == 2u);
    CHECK(by_term["bakiyev"].wdf.value_or(0) >= 1 + schema::kTitleWeight);
    CHECK(by_term["Zextradit"].termfreq == 2u);

    // A term of a branch of OR that does not match the article gives it nothing, even
    // when the article has the term: b.txt matches by "officials" (stem "offici") only.
    request = query("Bakiyev refuge OR officials");
    request.explain = true;
    bool seen = false;
    for (const auto& hit : search(db, request).hits)
        if (hit.article.id == "b.txt") {
            seen = true;
            REQUIRE(hit.explain.size() == 1);
            CHECK(hit.explain[0].term == "Zoffici");
        }
    CHECK(seen);

    // A wildcard weighs as one term; filters weigh nothing and are not listed.
    request = query("extradit* person:Bakiyev");
    request.explain = true;
    const auto wildcard = search(db, request);
    REQUIRE(wildcard.hits.size() == 1);
    REQUIRE(wildcard.hits[0].explain.size() == 1);
    CHECK(wildcard.hits[0].explain[0].term == "extradit*");
    CHECK_FALSE(wildcard.hits[0].explain[0].wdf);

    // Not asked for: none.
    CHECK(search(db, query("Bakiyev")).hits[0].explain.empty());
}

TEST_CASE("explain: terms as people read them") {
    CHECK(term_label("bakiyev") == "bakiyev");
    CHECK(term_label("Zextradit") == "extradit (stem)");
    CHECK(term_label("Srefuge") == "title:refuge");
    CHECK(term_label("ZSrefug") == "title:refug (stem)");
    CHECK(term_label("extradit*") == "extradit*");
}

TEST_CASE("hit fields: a list in the order given, unknown fields named") {
    CHECK(parse_hit_fields("id,title,date") == std::vector<std::string>{"id", "title", "date"});
    CHECK(parse_hit_fields("date, id,,date") == std::vector<std::string>{"date", "id"});
    CHECK_THROWS_WITH_AS(
        parse_hit_fields("id,body"),
        "unknown field 'body' (valid fields: rank,id,path,title,subtitle,date,"
        "source,url,language,author,score,percent,snippet,entities,story,story_size,explain)",
        Error);
    CHECK_THROWS_AS(parse_hit_fields(","), Error);
    CHECK(has_field(default_json_fields(true), "explain"));
    CHECK_FALSE(has_field(default_json_fields(false), "explain"));
    for (const auto& field : default_json_fields(true))
        CHECK(std::find(kHitFields.begin(), kHitFields.end(), field) != kHitFields.end());
}

TEST_CASE("searcher: hits leave out the snippet when the fields do not hold it") {
    const newsindex::testing::TempDir dir;
    const Xapian::WritableDatabase db = indexed(dir);
    SearchRequest request = query("Bakiyev");
    CHECK_FALSE(search(db, request).hits[0].snippet.empty());
    request.fields = {"id", "title"};
    CHECK(search(db, request).hits[0].snippet.empty());
    request.fields = {"id", "explain"};
    CHECK_FALSE(search(db, request).hits[0].explain.empty());
}
