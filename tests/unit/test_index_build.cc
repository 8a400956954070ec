#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/index/evidence_pass.h"
#include "common/index/index_build.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/ner/entity_extractor.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

struct Problems : BuildObserver {
    std::vector<std::string> lines;
    int failures = 0;
    void problem(const fs::path& where, const std::string& message, bool failed) override {
        lines.push_back(where.filename().string() + ": " + message);
        failures += failed ? 1 : 0;
    }
};

// A corpus folder and an in-memory index, built without entities.
struct Fixture {
    TempDir dir;
    fs::path news = dir.path() / "news";
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer{db, "test index"};
    Problems problems;

    BuildStats build(bool verify = false, const std::atomic<bool>* stop = nullptr) {
        BuildOptions options;
        options.roots = {news};
        options.verify = verify;
        options.stop_requested = stop;
        return update_index(writer, options, problems);
    }
    Xapian::doccount with_term(const std::string& term) const { return db.get_termfreq(term); }
    std::string key(const std::string& relative) const {
        return fs::canonical(news).string() + "/" + relative;
    }
};

}  // namespace

TEST_CASE("build pipeline: a first build indexes every article and records the run") {
    Fixture f;
    write_file(f.news / "2010/04/20/refuge.txt",
               "Ousted President Takes Refuge\n\nMr. Bakiyev fled.\n");
    write_file(f.news / "feed.jsonl",
               "{\"title\": \"One\", \"body\": \"First record.\"}\n"
               "{\"title\": \"Two\", \"body\": \"Second record.\"}\n");
    write_file(f.news / "photo.png", "not an article");
    const BuildStats stats = f.build();
    CHECK(stats.files == 3);
    CHECK(stats.articles_read == 3);
    CHECK(stats.articles_indexed == 3);
    CHECK(stats.files_skipped() == 1);
    CHECK_FALSE(stats.failed());
    CHECK(f.db.get_doccount() == 3);
    CHECK(f.with_term(schema::id_term(f.key("feed.jsonl#2"))) == 1);
    CHECK(f.with_term("XY2010") == 1);  // the date comes from the path under the root
    CHECK(f.with_term("Zbakiyev") == 1);

    const IndexMetadata metadata = read_metadata(f.db);
    CHECK(metadata.roots == std::vector<std::string>{fs::canonical(f.news).string()});
    CHECK(metadata.last_run["result"] == "ok");
    CHECK(metadata.last_run["indexed"] == 3);
}

TEST_CASE("build pipeline: re-runs read only what changed and drop what is gone") {
    Fixture f;
    write_file(f.news / "a.txt", "Alpha\n\nFirst text.\n");
    write_file(f.news / "b.txt", "Beta\n\nSecond text.\n");
    f.build();

    const BuildStats unchanged = f.build();
    CHECK(unchanged.files_unchanged == 2);
    CHECK(unchanged.articles_read == 0);

    write_file(f.news / "a.txt", "Alpha\n\nFirst text, now longer.\n");
    fs::remove(f.news / "b.txt");
    const BuildStats changed = f.build();
    CHECK(changed.articles_indexed == 1);
    CHECK(changed.files_removed == 1);
    CHECK(f.db.get_doccount() == 1);
    CHECK(f.with_term("Zlonger") == 1);
    CHECK(f.with_term("Zsecond") == 0);
}

TEST_CASE("build pipeline: --verify notices a change that kept size and time") {
    Fixture f;
    write_file(f.news / "a.txt", "Alpha\n\nThe cat sat.\n");
    f.build(true);
    const auto mtime = fs::last_write_time(f.news / "a.txt");
    write_file(f.news / "a.txt", "Alpha\n\nThe dog sat.\n");
    fs::last_write_time(f.news / "a.txt", mtime);

    CHECK(f.build().files_unchanged == 1);  // size and time say nothing changed
    const BuildStats verified = f.build(true);
    CHECK(verified.articles_indexed == 1);
    CHECK(f.with_term("Zdog") == 1);
    CHECK(f.build(true).files_unchanged == 1);  // the hash now matches
}

TEST_CASE("build pipeline: a broken file fails alone and keeps its last good version") {
    Fixture f;
    write_file(f.news / "good.txt", "Good\n\nText.\n");
    write_file(f.news / "data.json", "{\"title\": \"Kept\", \"body\": \"Old body.\"}");
    f.build();
    write_file(f.news / "data.json", "{\"title\": \"Broken\", ");
    const BuildStats stats = f.build();
    CHECK(stats.files_failed == 1);
    CHECK(stats.failed());
    CHECK(f.problems.failures == 1);
    REQUIRE_FALSE(f.problems.lines.empty());
    CHECK(f.problems.lines.back().rfind("data.json: malformed JSON", 0) == 0);
    CHECK(f.db.get_doccount() == 2);
    CHECK(f.with_term("Zkept") == 1);
    CHECK(read_metadata(f.db).last_run["result"] == "failed");
}

TEST_CASE("build pipeline: a missing root fails the run and removes nothing") {
    Fixture f;
    write_file(f.news / "a.txt", "Alpha\n\nText.\n");
    f.build();
    const fs::path moved = f.dir.path() / "moved";
    fs::rename(f.news, moved);
    const BuildStats stats = f.build();
    CHECK(stats.roots_failed == 1);
    CHECK(stats.files_removed == 0);
    CHECK(f.db.get_doccount() == 1);
    REQUIRE(f.problems.lines.size() == 1);
    CHECK(f.problems.lines[0].find("nothing under it was changed") != std::string::npos);
}

TEST_CASE("build pipeline: a stop request ends the run early and says so") {
    Fixture f;
    for (const char* name : {"a.txt", "b.txt", "c.txt"}) write_file(f.news / name, "T\n\nBody.\n");
    const std::atomic<bool> stop{true};
    const BuildStats stats = f.build(false, &stop);
    CHECK(stats.interrupted);
    CHECK(read_metadata(f.db).last_run["result"] == "interrupted");
    // Nothing was removed by a walk that did not finish.
    CHECK(stats.files_removed == 0);
}

TEST_CASE("build pipeline: shards written in parallel hold every article once, by file") {
    TempDir dir;
    const fs::path news = dir.path() / "news";
    for (int i = 0; i < 40; ++i)
        write_file(news / ("day" + std::to_string(i % 7)) / ("story-" + std::to_string(i) + ".txt"),
                   "Story " + std::to_string(i) + "\n\nWord" + std::to_string(i) +
                       " and the common word appear here.\n");
    write_file(news / "feed.jsonl",
               "{\"title\": \"One\", \"body\": \"First record.\"}\n"
               "{\"title\": \"Two\", \"body\": \"Second record.\"}\n");
    std::vector<Xapian::WritableDatabase> dbs;
    std::vector<std::unique_ptr<IndexWriter>> writers;
    std::vector<IndexWriter*> shards;
    for (int i = 0; i < 3; ++i) {
        dbs.push_back(newsindex::testing::in_memory_db());
        writers.push_back(std::make_unique<IndexWriter>(dbs.back(), "shard"));
        shards.push_back(writers.back().get());
    }
    Problems problems;
    BuildOptions options;
    options.roots = {news};
    options.jobs = 4;
    const BuildStats stats = update_index(shards, options, problems);
    CHECK(stats.files == 41);
    CHECK(stats.articles_indexed == 42);
    CHECK(problems.lines.empty());

    Xapian::Database all;
    for (const auto& db : dbs) all.add_database(db);
    CHECK(all.get_doccount() == 42);
    CHECK(all.get_termfreq("common") == 40);
    for (std::size_t shard = 0; shard < dbs.size(); ++shard) {
        CHECK(dbs[shard].get_doccount() > 0);
        for (auto it = dbs[shard].valuestream_begin(schema::kFileKeySlot);
             it != dbs[shard].valuestream_end(schema::kFileKeySlot); ++it)
            CHECK(shard_of(*it, dbs.size()) == shard);
        // Every shard records the run and the roots, so each describes the whole index.
        CHECK(read_metadata(dbs[shard]).last_run["indexed"] == 42);
    }

    // A second run finds everything in its shard: nothing is read again.
    const BuildStats again = update_index(shards, options, problems);
    CHECK(again.files_unchanged == 41);
    CHECK(again.articles_indexed == 0);
    fs::remove(news / "feed.jsonl");
    const BuildStats removed = update_index(shards, options, problems);
    CHECK(removed.files_removed == 1);
    all.reopen();
    CHECK(all.get_doccount() == 40);
}

TEST_CASE("build pipeline: a first build learns the entity table first and rewrites nothing") {
    Fixture f;
    // The first file names only "Reagan"; the others show it is Ronald Reagan.
    write_file(f.news / "1.txt",
               "Budget bill signed\n\nReagan signed the budget bill on Monday in Washington.\n");
    write_file(f.news / "2.txt",
               "Reagan meets aides\n\nPresident Ronald Reagan met his aides on Tuesday. Reagan "
               "said the budget would pass.\n");
    write_file(f.news / "3.txt",
               "Reagan thanks Congress\n\nRonald Reagan spoke to reporters. Reagan thanked "
               "Congress for the vote.\n");
    const LazyEntityExtractor extractor(NEWSINDEX_MODELS "/ner.model");
    BuildOptions options;
    options.roots = {f.news};
    options.extractor = &extractor;
    options.jobs = 2;
    const BuildStats stats = update_index(f.writer, options, f.problems);
    CHECK(stats.articles_indexed == 3);
    CHECK(stats.entities_rewritten == 0);
    // Written once, with the entity the archive gives the name.
    CHECK(f.with_term("XPronald reagan") == 3);
    CHECK(f.with_term("XPreagan") == 0);

    // The pass counts the evidence as the index holds it.
    const auto sorted = [](const EntityEvidence& evidence) {
        std::vector<std::string> lines;
        for (const auto& name : evidence.names)
            lines.push_back(name.entity.name + ' ' + std::to_string(name.articles));
        for (const auto& alias : evidence.aliases)
            lines.push_back(alias.alias + '>' + alias.name + ' ' + std::to_string(alias.articles));
        std::sort(lines.begin(), lines.end());
        return lines;
    };
    std::size_t files_read = 0;
    const EntityEvidence gathered = gather_entity_evidence(
        {f.news}, extractor.get(), 2, nullptr, [&](std::size_t files) { files_read = files; });
    CHECK(files_read == 3);
    CHECK(sorted(gathered) == sorted(f.writer.entity_evidence()));
    CHECK_FALSE(gathered.aliases.empty());
}

namespace {

// Every term of the index with its article count: equal for two indexes of the same
// articles whatever their document ids.
std::vector<std::string> all_terms(const Xapian::Database& db) {
    std::vector<std::string> terms;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it)
        terms.push_back(*it + ' ' + std::to_string(it.get_termfreq()));
    return terms;
}

}  // namespace

TEST_CASE(
    "build pipeline: incremental runs give a fresh build's table, and keep it when the "
    "evidence stays") {
    // On disk: the in-memory backend does not keep article counts of terms exact after
    // deletions, and the evidence is those counts.
    TempDir dir;
    const fs::path news = dir.path() / "news";
    Xapian::WritableDatabase db((dir.path() / "index").string(), Xapian::DB_CREATE_OR_OPEN);
    IndexWriter writer(db, "test index");
    Problems problems;
    const LazyEntityExtractor extractor(NEWSINDEX_MODELS "/ner.model");
    BuildOptions options;
    options.roots = {news};
    options.extractor = &extractor;
    const auto run = [&] { return update_index(writer, options, problems); };
    // What a first build of the folder as it is now gives.
    int rounds = 0;
    const auto check_as_fresh = [&](const std::string& round) {
        CAPTURE(round);
        const fs::path fresh_path = dir.path() / ("fresh-" + std::to_string(++rounds));
        Xapian::WritableDatabase fresh_db(fresh_path.string(), Xapian::DB_CREATE);
        IndexWriter fresh(fresh_db, "fresh index");
        update_index(fresh, options, problems);
        CHECK(writer.entity_table().serialise() == fresh.entity_table().serialise());
        CHECK(all_terms(db) == all_terms(fresh_db));
    };
    write_file(news / "1.txt",
               "Budget bill signed\n\nReagan signed the budget bill on Monday in Washington.\n");
    write_file(news / "2.txt",
               "Bank rates\n\nThe Federal Reserve left rates alone, Reagan said.\n");
    run();
    check_as_fresh("first build");
    CHECK_FALSE(writer.entity_table_source().empty());

    // A new full name changes what the short form means: its articles are rewritten.
    write_file(news / "3.txt",
               "Reagan meets aides\n\nPresident Ronald Reagan met his aides on Tuesday. Reagan "
               "said the budget would pass.\n");
    const BuildStats added = run();
    CHECK(added.entities_rewritten > 0);
    check_as_fresh("full name added");
    CHECK(db.get_termfreq("XPronald reagan") == 3);

    // An edit that names no one new leaves the evidence, so the recorded table is kept
    // as it is, not computed again: a marker table with the same source shows it.
    const std::string source = writer.entity_table_source();
    const EntityTable real = writer.entity_table();
    EntityTable marker = real;
    marker.add_link({EntityKind::person, "Nobody Inparticular"}, {EntityKind::person, "Marker"});
    writer.rewrite_entities(marker, {&real}, source);
    writer.commit();
    CHECK(problems.lines.empty());
    write_file(news / "2.txt",
               "Bank rates\n\nThe Federal Reserve left rates alone, Reagan said.\n\nRates fell.\n");
    run();
    CHECK(writer.entity_table().serialise() == marker.serialise());
    writer.rewrite_entities(real, {&marker}, source);
    writer.commit();
    check_as_fresh("text edited");

    // Deleting the full name: "Reagan" stands for itself again.
    fs::remove(news / "3.txt");
    run();
    check_as_fresh("full name deleted");
    CHECK(db.get_termfreq("XPronald reagan") == 0);

    // Back again, and an article changed to name someone else.
    write_file(news / "3.txt",
               "Reagan meets aides\n\nPresident Ronald Reagan met his aides on Tuesday.\n");
    write_file(news / "1.txt", "Budget\n\nJames Baker signed the budget bill on Monday.\n");
    run();
    check_as_fresh("changed and added");
}
