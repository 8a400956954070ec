#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "common/index/document_builder.h"
#include "common/index/facet_columns.h"
#include "common/index/index_health.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "tests/unit/sample_articles.h"
#include "tests/unit/temp_dir.h"

using namespace newsindex;
using namespace newsindex::testing;

namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& words) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& problem) {
        return problem.find(words) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("index check: facet names have their filter terms, entity lookups follow the table") {
    const TempDir dir;
    const auto path = dir.path() / "index";
    {
        IndexWriter writer(path);
        ArticleOrigin origin;
        origin.root = "/news";
        origin.relative = "a.txt";
        origin.size = 1;
        origin.mtime_ns = 1;
        const Article article = make_article("a.txt", "Talks", "Bakiyev spoke.", std::nullopt,
                                             {person("Kurmanbek Bakiyev"), place("Minsk")});
        writer.add_file({DocumentBuilder().build(article, origin)});
        EntityTable table;
        table.add_link({EntityKind::person, "Bakiyev"}, {EntityKind::person, "Kurmanbek Bakiyev"});
        writer.rewrite_entities(table, {});
        writer.commit();
    }
    CHECK(check_index(path).problems.empty());

    {
        Xapian::WritableDatabase db(path.string());
        Xapian::Document doc = db.get_document(1);
        doc.add_value(schema::kEntityFacetsSlot, "PSomeone Else\n");
        db.replace_document(1, doc);
        db.set_metadata(std::string(schema::kEntityLookupPrefix) + "Pbakiyev", "PAskar Akayev");
        db.commit();
    }
    const auto problems = check_index(path).problems;
    CHECK(problems.size() == 2);
    CHECK(mentions(problems, "facet name its filter would not find"));
    CHECK(mentions(problems, "entity lookups of the database differ from its entity table"));
}

TEST_CASE(
    "facet columns: written with the last commit, re-stamped, stale ones ignored, damage "
    "reported") {
    const TempDir dir;
    const auto path = dir.path() / "index";
    const auto add = [&](IndexWriter& writer, const std::string& id, Entity entity) {
        ArticleOrigin origin;
        origin.root = "/news";
        origin.relative = id;
        origin.size = 1;
        origin.mtime_ns = 1;
        writer.add_file(
            {DocumentBuilder().build(make_article(id, "Talks", "Talks went on.",
                                                  make_date(2010, 4, 20), {std::move(entity)}),
                                     origin)});
    };
    {
        IndexWriter writer(path);
        add(writer, "a.txt", person("Kurmanbek Bakiyev"));
        add(writer, "b.txt", place("Minsk"));
        writer.update_facet_columns();
    }
    const auto columns_of = [&] {
        return FacetColumns::open(path, Xapian::Database(path.string()));
    };
    auto columns = columns_of();
    REQUIRE(columns != nullptr);
    CHECK(columns->name_count(EntityKind::person) == 1);
    CHECK(columns->name(EntityKind::place, 0) == "Minsk");
    CHECK(columns->article_count(EntityKind::place, 0) == 1);
    CHECK(date_of_day_number(columns->day(1)) == make_date(2010, 4, 20));
    CHECK(check_index(path).problems.empty());

    // A commit that changes no article moves the stamp on; one that does makes them stale
    // until the writer writes them again.
    {
        IndexWriter writer(path);
        IndexMetadata metadata = writer.metadata();
        metadata.last_run = {{"result", "ok"}};
        writer.set_metadata(metadata);
        writer.update_facet_columns();
    }
    columns = columns_of();
    REQUIRE(columns != nullptr);
    CHECK(columns->name_count(EntityKind::person) == 1);
    {
        IndexWriter writer(path);
        add(writer, "c.txt", person("Roza Otunbayeva"));
        writer.commit();
        CHECK(columns_of() == nullptr);
        CHECK(mentions(check_index(path).notes, "another revision"));
        writer.update_facet_columns();
    }
    columns = columns_of();
    REQUIRE(columns != nullptr);
    CHECK(columns->name_count(EntityKind::person) == 2);
    CHECK(columns->name(EntityKind::person, 1) == "Roza Otunbayeva");  // sorted by name

    // Columns that claim the revision but give an article other names are damage.
    {
        std::fstream file(path / kFacetColumnsFile,
                          std::ios::in | std::ios::out | std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const auto at = bytes.find("Minsk");
        REQUIRE(at != std::string::npos);
        file.seekp(static_cast<std::streamoff>(at));
        file.write("Pinsk", 5);
    }
    CHECK(mentions(check_index(path).problems, "facet columns"));
    // A file cut short is never read.
    std::filesystem::resize_file(path / kFacetColumnsFile, 100);
    CHECK(columns_of() == nullptr);
}
