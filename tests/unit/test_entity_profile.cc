#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/base/error.h"
#include "common/index/index_build.h"
#include "common/index/index_writer.h"
#include "common/ner/entity_extractor.h"
#include "common/search/search.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

struct Quiet : BuildObserver {
    void problem(const fs::path&, const std::string& message, bool) override {
        FAIL_CHECK(message);
    }
};

// Articles that give their own entities: "Reagan" alone names Ronald Reagan (the only
// Reagan), while "Baker" stays itself (two Bakers share it evenly).
Xapian::WritableDatabase reagan_archive(const TempDir& dir) {
    const fs::path news = dir.path() / "news";
    const auto article = [&](const std::string& file, const std::string& date,
                             const std::string& entities) {
        write_file(news / file, R"({"title": ")" + file + R"(", "body": "Text of )" + file +
                                    R"(.", "date": ")" + date + R"(", "entities": {)" + entities +
                                    "}}");
    };
    article("1.json", "1987-03-02",
            R"("person": ["Ronald Reagan", "Howard Baker"], "org": ["White House"])");
    article("2.json", "1987-03-05", R"("person": ["Ronald Reagan", "Howard Baker"])");
    article("3.json", "1987-05-01", R"("person": ["Reagan"], "place": ["Washington"])");
    article("4.json", "1987-05-02", R"("person": ["James Baker"], "org": ["Treasury"])");
    article("5.json", "1987-06-01", R"("person": ["Baker"])");
    article("6.json", "1987-06-03", R"("person": ["James Baker"])");
    article("7.json", "1987-07-01", R"("person": ["Howard Smith"])");
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer{db, "test index"};
    // Given entities are taken as they are; the model only stands ready.
    const LazyEntityExtractor extractor(NEWSINDEX_MODELS "/ner.model");
    BuildOptions options;
    options.roots = {news};
    options.extractor = &extractor;
    Quiet quiet;
    update_index(writer, options, quiet);
    return db;
}

std::vector<std::pair<std::string, Xapian::doccount>> counts(
    const std::vector<FacetCount>& values) {
    std::vector<std::pair<std::string, Xapian::doccount>> out;
    for (const auto& value : values) out.emplace_back(value.value, value.count);
    return out;
}

const FacetResult& named(const EntityProfile& profile, const std::string& kind) {
    for (const auto& facet : profile.named_with)
        if (facet.name == kind) return facet;
    FAIL("no facet " << kind);
    return profile.named_with.front();
}

}  // namespace

TEST_CASE("entity profile: any name of the entity, its months, other names, names with it") {
    TempDir dir;
    NewsSearcher searcher(reagan_archive(dir));
    EntityProfileRequest request;
    request.kind = EntityKind::person;
    request.name = "reagan";
    const EntityProfile profile = searcher.entity_profile(request);
    CHECK(profile.entity.name == "Ronald Reagan");
    CHECK(profile.entity.kind == EntityKind::person);
    CHECK(profile.articles == 3);
    CHECK(counts(profile.months) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"1987-03", 2}, {"1987-05", 1}});
    CHECK(counts(profile.aliases) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"Reagan", 1}});
    // The entity itself is not named with itself; the notable order scores each value.
    const auto people = named(profile, "person").values;
    REQUIRE(people.size() == 1);
    CHECK(people[0].value == "Howard Baker");
    CHECK(people[0].count == 2);
    CHECK(people[0].score > 0);
    CHECK(counts(named(profile, "org").values) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"White House", 1}});
    CHECK(counts(named(profile, "place").values) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"Washington", 1}});
    std::vector<std::string> newest;
    for (const auto& hit : profile.newest) newest.push_back(fs::path(hit.article.id).filename());
    CHECK(newest == std::vector<std::string>{"3.json", "2.json", "1.json"});

    request.newest = 1;
    request.named_with = 0;
    const EntityProfile short_one = searcher.entity_profile(request);
    CHECK(short_one.newest.size() == 1);
    CHECK(named(short_one, "person").values.empty());
}

TEST_CASE("entity profile: a one-word entity counts its own articles, not every namesake") {
    TempDir dir;
    NewsSearcher searcher(reagan_archive(dir));
    // person:Baker finds every Baker; the entity "Baker" is one article.
    SearchRequest filter;
    filter.query = "person:Baker";
    CHECK(searcher.search(filter).total == 5);
    EntityProfileRequest request;
    request.kind = EntityKind::person;
    request.name = "BAKER";
    const EntityProfile baker = searcher.entity_profile(request);
    CHECK(baker.entity.name == "Baker");
    CHECK(baker.articles == 1);
    CHECK(baker.aliases.empty());
    CHECK(counts(baker.months) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"1987-06", 1}});
}

TEST_CASE("entity profile: one word of one person's name names that person") {
    TempDir dir;
    NewsSearcher searcher(reagan_archive(dir));
    EntityProfileRequest request;
    request.kind = EntityKind::person;
    request.name = "smith";
    CHECK(searcher.entity_profile(request).entity.name == "Howard Smith");
    // Two people have it: neither, and the message names them.
    request.name = "Howard";
    try {
        searcher.entity_profile(request);
        FAIL("one of two Howards was chosen");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::not_found);
        CHECK(std::string(e.what()) ==
              "no article names person 'Howard'; people of that name: Howard Baker, Howard Smith");
    }
    // Only people have words that stand for them.
    request.kind = EntityKind::place;
    request.name = "smith";
    CHECK_THROWS_AS(searcher.entity_profile(request), Error);
}

TEST_CASE("entity profile: an unknown name is not found, an empty one bad input") {
    TempDir dir;
    NewsSearcher searcher(reagan_archive(dir));
    EntityProfileRequest request;
    request.kind = EntityKind::org;
    request.name = "Ronald Reagan";  // a person, not an organisation
    try {
        searcher.entity_profile(request);
        FAIL("found an organisation named Ronald Reagan");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::not_found);
        CHECK(std::string(e.what()) == "no article names org 'Ronald Reagan'");
    }
    request.kind = EntityKind::person;
    request.name = std::string(1, '"');  // a quote alone is no word of a name
    CHECK_THROWS_AS(searcher.entity_profile(request), Error);
    request.name = "  ";
    try {
        searcher.entity_profile(request);
        FAIL("an empty name was taken");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::bad_input);
    }
}

TEST_CASE("search: a date bucket asked for is kept whatever the span") {
    TempDir dir;
    NewsSearcher searcher(reagan_archive(dir));
    SearchRequest request;
    request.facets = {"date"};
    CHECK(searcher.search(request).date_bucket == DateBucket::month);  // 93 days apart
    request.date_bucket = DateBucket::year;
    const SearchResponse years = searcher.search(request);
    CHECK(years.date_bucket == DateBucket::year);
    REQUIRE(years.facets.size() == 1);
    CHECK(counts(years.facets[0].values) ==
          std::vector<std::pair<std::string, Xapian::doccount>>{{"1987", 7}});
}
