#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/index/index_build.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/read/jsonl_lines.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

std::vector<JsonlLine> all_lines(JsonlLineReader& reader) {
    std::vector<JsonlLine> lines;
    while (auto line = reader.next()) lines.push_back(std::move(*line));
    return lines;
}

struct Quiet : BuildObserver {
    std::vector<std::string> lines;
    int failures = 0;
    void problem(const fs::path&, const std::string& message, bool failed) override {
        lines.push_back(message);
        failures += failed ? 1 : 0;
    }
};

std::string record(int n, const std::string& extra = "") {
    return "{\"title\": \"Story " + std::to_string(n) + "\", \"body\": \"Body of story " +
           std::to_string(n) + extra + ".\"}\n";
}

std::string records(int first, int last) {
    std::string text;
    for (int n = first; n <= last; ++n) text += record(n);
    return text;
}

// One JSON Lines file under a folder, and an in-memory index of it.
struct Feed {
    TempDir dir;
    fs::path news = dir.path() / "news";
    fs::path file = news / "feed.jsonl";
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer{db, "test index"};
    Quiet observer;

    BuildStats build(bool verify = false) {
        BuildOptions options;
        options.roots = {news};
        options.verify = verify;
        options.jobs = 2;
        return update_index(writer, options, observer);
    }
    std::string id_term(int line) const {
        return schema::id_term(fs::canonical(news).string() + "/feed.jsonl#" +
                               std::to_string(line));
    }
    // The document id of each record, by line: unchanged records keep theirs.
    Xapian::docid docid(int line) const {
        const auto it = db.postlist_begin(id_term(line));
        return it == db.postlist_end(id_term(line)) ? 0 : *it;
    }
};

// Each article of `db` by its id term: its data and every term, so that two indexes
// can be compared whatever document ids they gave.
std::map<std::string, std::string> contents(const Xapian::Database& db) {
    std::map<std::string, std::string> all;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        std::string id, text = doc.get_data();
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
            if ((*term).starts_with(schema::kIdPrefix)) id = *term;
            text += '|';
            text += *term;
        }
        for (const Xapian::valueno slot : {schema::kDateSlot, schema::kEntityFacetsSlot,
                                           schema::kRecordSlot, schema::kFileKeySlot}) {
            text += '|';
            text += doc.get_value(slot);
        }
        all[id] = text;
    }
    return all;
}

}  // namespace

TEST_CASE("JSON Lines reader: numbered lines, prepared as the readers expect") {
    TempDir dir;
    const fs::path file = dir.path() / "a.jsonl";
    using namespace std::string_literals;
    write_file(file, "\xEF\xBB\xBF{\"a\": 1}\r\n\n   \n{\"b\":\0 2}\n{\"c\": \"\xFF\"}"s);
    JsonlLineReader reader(file);
    REQUIRE(reader.streamable());
    const auto lines = all_lines(reader);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].number == 1);
    CHECK(lines[0].text == "{\"a\": 1}");
    CHECK(lines[1].number == 4);
    CHECK(lines[1].text == "{\"b\": 2}");
    CHECK(lines[2].number == 5);
    CHECK(lines[2].text == "{\"c\": \"\xEF\xBF\xBD\"}");
    CHECK(reader.warnings() ==
          std::vector<std::string>{"removed 1 NUL byte", "replaced 1 invalid UTF-8 byte sequence"});
}

TEST_CASE("JSON Lines reader: lines longer than the buffer, and files left to parse_file") {
    TempDir dir;
    const std::string long_body(200000, 'x');
    write_file(dir.path() / "long.jsonl",
               "{\"title\": \"" + long_body + "\"}\n{\"title\": \"short\"}\n");
    JsonlLineReader reader(dir.path() / "long.jsonl");
    const auto lines = all_lines(reader);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].text.size() == long_body.size() + 13);
    CHECK(lines[1].number == 2);

    write_file(dir.path() / "utf16.jsonl", std::string("\xFF\xFE{\0}\0", 6));
    CHECK_FALSE(JsonlLineReader(dir.path() / "utf16.jsonl").streamable());
    write_file(dir.path() / "cr.jsonl", "{\"a\": 1}\r{\"b\": 2}\r");
    CHECK_FALSE(JsonlLineReader(dir.path() / "cr.jsonl").streamable());
    CHECK_THROWS_AS(JsonlLineReader(dir.path() / "missing.jsonl"), Error);
}

TEST_CASE("JSON Lines build: a changed file re-indexes only the records that changed") {
    Feed f;
    write_file(f.file, records(1, 5));
    BuildStats stats = f.build();
    CHECK(stats.articles_indexed == 5);
    const Xapian::docid first = f.docid(1), third = f.docid(3);

    // Appended: one record read, the others keep their documents.
    write_file(f.file, records(1, 6));
    stats = f.build();
    CHECK(stats.articles_read == 1);
    CHECK(stats.articles_indexed == 1);
    CHECK(f.db.get_doccount() == 6);
    CHECK(f.docid(1) == first);
    CHECK(f.docid(3) == third);
    CHECK(f.build().files_unchanged == 1);  // and the file's new state is recorded

    // One changed in the middle.
    write_file(f.file, records(1, 2) + record(3, " now longer") + records(4, 6));
    stats = f.build();
    CHECK(stats.articles_read == 1);
    CHECK(f.db.get_termfreq("Zlonger") == 1);
    CHECK(f.docid(1) == first);

    // The last two gone, one turned into a line that holds no article.
    write_file(f.file, records(1, 2) + "{\"title\": \n" + record(4));
    stats = f.build();
    CHECK(stats.articles_read == 0);
    CHECK(stats.files_unchanged == 0);
    CHECK(f.db.get_doccount() == 3);
    CHECK(f.docid(3) == 0);
    CHECK(f.docid(5) == 0);
    CHECK(f.db.get_termfreq("Zlonger") == 0);
    CHECK(f.observer.lines.size() == 1);  // line 3: malformed JSON
    CHECK(f.build().files_unchanged == 1);
}

TEST_CASE("JSON Lines build: an incremental run gives the index a first build gives") {
    Feed f;
    write_file(f.file, records(1, 8));
    f.build();
    write_file(f.file, records(1, 3) + record(4, " changed") + "\n" + records(6, 9));
    f.build();

    // A first build of the same file at the same path.
    Xapian::WritableDatabase fresh_db = newsindex::testing::in_memory_db();
    IndexWriter fresh{fresh_db, "fresh index"};
    BuildOptions options;
    options.roots = {f.news};
    Quiet observer;
    update_index(fresh, options, observer);
    CHECK(contents(f.db) == contents(fresh_db));
    CHECK(f.db.get_doccount() == 8);
}

TEST_CASE("JSON Lines build: --verify, broken and emptied files") {
    Feed f;
    write_file(f.file, records(1, 3));
    f.build(true);
    const auto mtime = fs::last_write_time(f.file);
    write_file(f.file, records(1, 2) + record(7));  // same size, same time
    fs::last_write_time(f.file, mtime);
    CHECK(f.build().files_unchanged == 1);
    BuildStats stats = f.build(true);
    CHECK(stats.articles_read == 1);
    CHECK(f.db.get_termfreq("7") == 1);
    CHECK(f.build(true).files_unchanged == 1);

    // Nothing readable left: the file fails and the index keeps what it had.
    write_file(f.file, "{\"title\": \n[1]\n");
    stats = f.build();
    CHECK(stats.files_failed == 1);
    CHECK(f.db.get_doccount() == 3);
    REQUIRE_FALSE(f.observer.lines.empty());
    CHECK(f.observer.lines.back().starts_with("line 1: malformed JSON"));
    CHECK(f.observer.lines.back().find("(and 1 more problem)") != std::string::npos);
    CHECK(f.build().files_unchanged == 1);

    write_file(f.file, "\n  \n");
    stats = f.build();
    CHECK(stats.files_removed == 1);
    CHECK(f.db.get_doccount() == 0);
}

TEST_CASE("JSON Lines build: a file once read whole is replaced whole when it turns plain") {
    Feed f;
    // UTF-16 with a byte order mark: read whole, its records have no state.
    std::string utf16 = "\xFF\xFE";
    for (const char c : records(1, 3)) {
        utf16 += c;
        utf16 += '\0';
    }
    write_file(f.file, utf16);
    CHECK(f.build().articles_indexed == 3);
    write_file(f.file, records(1, 2));
    const BuildStats stats = f.build();
    CHECK(stats.articles_indexed == 2);
    CHECK(f.db.get_doccount() == 2);
    CHECK(f.docid(3) == 0);
    CHECK(f.build().files_unchanged == 1);
}
