#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/index/index_build.h"
#include "common/index/index_writer.h"
#include "common/read/article_origin.h"
#include "common/read/file_records.h"
#include "common/read/mbox_records.h"
#include "tests/unit/in_memory_db.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

std::string message(int n, const std::string& body = "") {
    return "From a" + std::to_string(n) + "@x Tue Apr 20 09:30:00 2010\nFrom: a@x\nSubject: Note " +
           std::to_string(n) + "\n\nText of note " + std::to_string(n) + "." + body + "\n\n";
}

ArticleOrigin origin_of(const fs::path& file) {
    ArticleOrigin origin;
    origin.path = file;
    origin.root = file.parent_path().string();
    origin.relative = file.filename().string();
    origin.format = ArticleFormat::mail;
    return origin;
}

std::vector<FileRecord> all_records(const fs::path& file) {
    const auto reader = open_records(origin_of(file));
    REQUIRE(reader != nullptr);
    std::vector<FileRecord> records;
    while (auto record = reader->next()) records.push_back(std::move(*record));
    return records;
}

struct Quiet : BuildObserver {
    void problem(const fs::path&, const std::string&, bool) override {}
};

}  // namespace

TEST_CASE("mailbox records: a message each, split only after an empty line") {
    TempDir dir;
    const fs::path box = dir.path() / "box.mbox";
    // "From the desk" opens a line inside a paragraph: no new message.
    write_file(
        box, std::string("\n") + message(1, "\nFrom the desk.\n>From a quoted line.") + message(2));
    const auto records = all_records(box);
    REQUIRE(records.size() == 2);
    CHECK(records[0].key == "1");
    CHECK(records[0].id == "box.mbox#1");
    CHECK(records[0].label == "message 1");
    CHECK(records[1].id == "box.mbox#2");
    std::vector<std::string> warnings;
    const auto articles = parse_record(records[0], origin_of(box), warnings);
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].id == "box.mbox#1");
    CHECK(articles[0].title == "Note 1");
    CHECK(articles[0].body.find("From the desk.") != std::string::npos);
    CHECK(articles[0].body.find("From a quoted line.") != std::string::npos);
    CHECK(articles[0].body.find(">From") == std::string::npos);
    CHECK(warnings.empty());
}

TEST_CASE("mailbox records: one message is the file itself; a lone message is read whole") {
    TempDir dir;
    write_file(dir.path() / "one.mbox", message(1));
    const auto records = all_records(dir.path() / "one.mbox");
    REQUIRE(records.size() == 1);
    CHECK(records[0].key == "file");
    CHECK(records[0].id == "one.mbox");
    write_file(dir.path() / "m.eml", "Subject: Hello\n\nText.\n");
    CHECK(open_records(origin_of(dir.path() / "m.eml")) == nullptr);
}

TEST_CASE("mailbox records: separators across buffer blocks, and a message past the cap") {
    TempDir dir;
    // Bodies sized so that separators fall on and around the 64 KiB block edges.
    std::string text;
    for (int n = 1; n <= 40; ++n)
        text += message(
            n, std::string("\n") + std::string(static_cast<std::size_t>(6550 + 37 * n), 'x'));
    write_file(dir.path() / "blocks.mbox", text);
    const auto records = all_records(dir.path() / "blocks.mbox");
    REQUIRE(records.size() == 40);
    std::string joined;
    for (const auto& record : records) joined += record.bytes;
    CHECK(joined == text);

    const std::string huge(kMaxFileBytes + 1000, 'y');
    write_file(dir.path() / "huge.mbox", message(1, "\n" + huge) + message(2));
    const auto cut = all_records(dir.path() / "huge.mbox");
    REQUIRE(cut.size() == 2);
    CHECK(cut[0].bytes.size() <= kMaxFileBytes);
    CHECK_FALSE(cut[0].truncation.empty());
    CHECK(cut[1].bytes == message(2));
    CHECK(cut[1].truncation.empty());
}

TEST_CASE("mailbox build: appended mail writes only the new messages") {
    TempDir dir;
    const fs::path news = dir.path() / "news";
    fs::create_directories(news);
    write_file(news / "list.mbox", message(1) + message(2) + message(3));
    Xapian::WritableDatabase db = newsindex::testing::in_memory_db();
    IndexWriter writer{db, "test index"};
    Quiet observer;
    BuildOptions options;
    options.roots = {news};
    BuildStats stats = update_index(writer, options, observer);
    CHECK(stats.articles_indexed == 3);
    CHECK(db.get_doccount() == 3);
    write_file(news / "list.mbox", message(1) + message(2) + message(3) + message(4));
    stats = update_index(writer, options, observer);
    CHECK(stats.articles_indexed == 1);
    CHECK(db.get_doccount() == 4);
    // A message gone from the middle: the ones after it move up a position.
    write_file(news / "list.mbox", message(1) + message(3) + message(4));
    stats = update_index(writer, options, observer);
    CHECK(db.get_doccount() == 3);
}
