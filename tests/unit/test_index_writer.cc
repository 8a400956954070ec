#include <doctest/doctest.h>
#include <xapian.h>

#include <cerrno>
#include <optional>
#include <stdexcept>

#include "common/base/error.h"
#include "common/index/document_builder.h"
#include "common/index/facet_values.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/stored_article.h"
#include "common/index/uncatchable_failure.h"
#include "common/index/xapian_error.h"
#include "tests/unit/in_memory_db.h"

using namespace newsindex;

namespace {

ArticleOrigin origin_of(std::string relative, std::uintmax_t size, std::int64_t mtime) {
    ArticleOrigin origin;
    origin.root = "/news";
    origin.relative = std::move(relative);
    origin.size = size;
    origin.mtime_ns = mtime;
    return origin;
}

std::vector<ArticleDocument> documents_of(const ArticleOrigin& origin, int records) {
    DocumentBuilder builder;
    std::vector<ArticleDocument> documents;
    for (int i = 1; i <= records; ++i) {
        Article article;
        article.id = origin.relative + (records > 1 ? "#" + std::to_string(i) : "");
        article.title = "Record " + std::to_string(i);
        article.body = "Body text.";
        documents.push_back(builder.build(article, origin));
    }
    return documents;
}

}  // namespace

TEST_CASE("index writer: files are replaced and removed whole, with their state") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer(db, "test index");
    const auto feed = origin_of("feed.jsonl", 100, 7);
    const auto other = origin_of("sub/other.txt", 5, 9);

    CHECK_FALSE(writer.indexed_file(feed.key()));
    writer.replace_file(feed.key(), documents_of(feed, 3));
    writer.replace_file(other.key(), documents_of(other, 1));
    writer.commit();
    CHECK(writer.article_count() == 4);
    const auto state = writer.indexed_file(feed.key());
    REQUIRE(state);
    CHECK(state->size == 100);
    CHECK(state->mtime_ns == 7);
    CHECK(state->content_hash.empty());
    const auto files = writer.files_under("/news");
    REQUIRE(files.size() == 2);
    CHECK(files.at("/news/feed.jsonl").size == 100);
    CHECK(files.at("/news/feed.jsonl").mtime_ns == 7);
    CHECK(files.at("/news/sub/other.txt").size == 5);
    CHECK(files.at("/news/sub/other.txt").mtime_ns == 9);
    CHECK(writer.files_under("/news/sub").size() == 1);
    CHECK(writer.files_under("/new").empty());  // a root is a folder, not a string prefix

    // A file that shrank from three records to one leaves no stale record behind.
    writer.replace_file(feed.key(), documents_of(origin_of("feed.jsonl", 40, 8), 1));
    writer.commit();
    CHECK(writer.article_count() == 2);
    CHECK(writer.indexed_file(feed.key())->size == 40);

    writer.remove_file(other.key());
    writer.commit();
    CHECK(writer.article_count() == 1);
    CHECK_FALSE(writer.indexed_file(other.key()));

    // A new file's articles go in without a look for old ones; replacing it later finds them.
    const auto added = origin_of("added.jsonl", 30, 3);
    writer.add_file(documents_of(added, 2));
    writer.commit();
    CHECK(writer.article_count() == 3);
    CHECK(writer.indexed_file(added.key())->size == 30);
    writer.replace_file(added.key(), documents_of(origin_of("added.jsonl", 10, 4), 1));
    writer.commit();
    CHECK(writer.article_count() == 2);
}

TEST_CASE("index writer: metadata round-trips through the typed struct") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer(db, "test index");
    // An empty database is adopted: it gets this program's schema version.
    CHECK(writer.metadata().schema_version == current_schema_version());
    IndexMetadata metadata = writer.metadata();
    metadata.roots = {"/news", "/more news"};
    metadata.last_run = {{"result", "ok"}, {"indexed", 3}};
    writer.set_metadata(metadata);
    writer.commit();
    const IndexMetadata read = read_metadata(db);
    CHECK(read.roots == metadata.roots);
    CHECK(read.last_run == metadata.last_run);
}

TEST_CASE("index writer: another schema version is refused with its kind") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    Xapian::Document doc;
    doc.add_boolean_term("Qx");
    doc.add_posting("word", 1);  // an index with articles has positions
    db.add_document(doc);
    const auto refused_as = [&](const std::string& version) {
        db.set_metadata(std::string(schema::kVersionKey), version);
        db.commit();
        try {
            IndexWriter writer(db, "test index");
        } catch (const Error& e) {
            return e.kind();
        }
        return ErrorKind::internal;
    };
    CHECK(refused_as("1") == ErrorKind::outdated);
    CHECK(refused_as(std::to_string(schema::kVersion + 1)) == ErrorKind::incompatible);
    CHECK(refused_as("") == ErrorKind::incompatible);
    CHECK(refused_as("abc") == ErrorKind::incompatible);
    db.set_metadata(std::string(schema::kVersionKey), "1");
    CHECK_NOTHROW(IndexWriter(db, "test index", IndexWriter::SchemaCheck::skipped));
}

TEST_CASE("index metadata: schema states") {
    CHECK(schema_state(current_schema_version()) == SchemaState::current);
    CHECK(schema_state("1") == SchemaState::older);
    CHECK(schema_state("99") == SchemaState::other);
    CHECK(schema_state("") == SchemaState::other);
    CHECK(schema_state("2x") == SchemaState::other);
}

namespace {

Entity entity(EntityKind kind, std::string name, std::vector<std::string> aliases = {}) {
    Entity e;
    e.kind = kind;
    e.name = std::move(name);
    e.count = 1;
    e.aliases = std::move(aliases);
    return e;
}

ArticleDocument article_with(const std::string& id, std::vector<Entity> entities,
                             const EntityTable& table) {
    Article article;
    article.id = id;
    article.title = "Title of " + id;
    article.body = "Body.";
    article.entities = std::move(entities);
    return DocumentBuilder().build(article, origin_of(id, 1, 1), table);
}

}  // namespace

TEST_CASE("index writer: the entity table rewrites what it changes, counting each article once") {
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer(db, "test index");
    const auto add = [&](const std::string& id, std::vector<Entity> entities) {
        const auto doc = article_with(id, std::move(entities), writer.entity_table());
        writer.replace_file(origin_of(id, 1, 1).key(), {doc});
    };
    add("a.txt", {entity(EntityKind::person, "Ronald Reagan", {"Reagan"})});
    add("b.txt", {entity(EntityKind::person, "Reagan")});
    // One article names the Fed both ways: it must count once.
    add("c.txt", {entity(EntityKind::org, "Fed"), entity(EntityKind::org, "Federal Reserve")});
    add("d.txt",
        {entity(EntityKind::person, "Reagan"), entity(EntityKind::person, "Ronald Reagan")});
    writer.commit();
    CHECK(db.get_termfreq("XPronald reagan") == 2);

    const std::vector<CuratedAlias> curated{{EntityKind::org, "Fed", "Federal Reserve"}};
    CHECK(writer.update_entity_table(curated) == 3);  // b.txt, c.txt and d.txt
    writer.commit();
    CHECK(db.get_termfreq("XPronald reagan") == 3);  // a, b, d: d once
    CHECK(db.get_termfreq("XPreagan") == 0);
    CHECK(db.get_termfreq("XOfederal reserve") == 1);
    CHECK(db.get_termfreq("XOfed") == 0);
    // The evidence stays as the articles gave it.
    CHECK(db.get_termfreq("XEPReagan") == 2);

    const auto c = db.get_document(*db.postlist_begin(schema::id_term("/news/c.txt")));
    CHECK(facet_values(c, EntityKind::org) == std::vector<std::string>{"Federal Reserve"});
    const Article stored = decode_stored_article(c.get_data());
    REQUIRE(stored.entities.size() == 1);
    CHECK(stored.entities[0].name == "Federal Reserve");
    CHECK(stored.raw_entities.size() == 2);

    // Nothing new: nothing rewritten; the table is kept and read back.
    CHECK(writer.update_entity_table(curated) == 0);
    CHECK(writer.entity_table().resolve({EntityKind::person, "Reagan"}).name == "Ronald Reagan");
    // A later article is built with the table as it stands.
    const auto e =
        article_with("e.txt", {entity(EntityKind::person, "Reagan")}, writer.entity_table());
    CHECK(facet_values(e.document, EntityKind::person) ==
          std::vector<std::string>{"Ronald Reagan"});
}

TEST_CASE("index writer: a Xapian failure no catch reaches is named after its database") {
    // As a std::terminate handler sees it: the exception is being handled, inside the
    // xapian_guard whose database was being written.
    std::optional<Error> seen;
    xapian_guard("index /srv/index/shard-01", [&] {
        try {
            throw Xapian::DatabaseError("Error writing block 49", ENOSPC);
        } catch (...) {
            seen = failure_being_terminated();
        }
    });
    REQUIRE(seen);
    CHECK(seen->kind() == ErrorKind::io);
    CHECK(
        std::string(seen->what()).starts_with("index /srv/index/shard-01: Error writing block 49"));
    // Outside every guard there is no context, and nothing is in flight.
    CHECK_FALSE(failure_being_terminated());
    try {
        throw std::runtime_error("not ours");
    } catch (...) {
        CHECK_FALSE(failure_being_terminated());
    }
}

TEST_CASE("xapian errors: a block read past the end is a torn read, other errors are not") {
    CHECK(newsindex::is_torn_read(Xapian::DatabaseError("EOF reading block 16900354")));
    CHECK_FALSE(newsindex::is_torn_read(Xapian::DatabaseError("Error reading block 7")));
    CHECK_FALSE(newsindex::is_torn_read(Xapian::InvalidArgumentError("EOF reading block 1")));
}
