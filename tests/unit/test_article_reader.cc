#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/read/article_reader.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using newsindex::ArticleFormat;
using newsindex::Error;
using newsindex::format_for_path;
using newsindex::format_name;
using newsindex::kMaxFileBytes;
using newsindex::read_articles;

using newsindex::testing::TempDir;
using newsindex::testing::write_file;

TEST_CASE("article reader: format_for_path and format_name") {
    CHECK(format_for_path("a/b.txt") == ArticleFormat::text);
    CHECK(format_for_path("a/B.TXT") == ArticleFormat::text);
    CHECK(format_for_path("a/README") == ArticleFormat::text);
    CHECK(format_for_path("x.html") == ArticleFormat::html);
    CHECK(format_for_path("x.HTM") == ArticleFormat::html);
    CHECK(format_for_path("x.json") == ArticleFormat::json);
    CHECK(format_for_path("x.jsonl") == ArticleFormat::jsonl);
    CHECK(format_for_path("x.ndjson") == ArticleFormat::jsonl);
    CHECK(format_for_path("x.png") == ArticleFormat::unsupported);
    CHECK(format_for_path("x.tar.gz") == ArticleFormat::archive);
    CHECK(format_for_path("x.ZIP") == ArticleFormat::archive);
    CHECK(format_for_path("crawl.warc") == ArticleFormat::archive);
    CHECK(format_for_path("x.csv") == ArticleFormat::unsupported);
    CHECK(format_name(ArticleFormat::text) == "text");
    CHECK(format_name(ArticleFormat::html) == "html");
    CHECK(format_name(ArticleFormat::json) == "json");
    CHECK(format_name(ArticleFormat::jsonl) == "jsonl");
    CHECK(format_name(ArticleFormat::archive) == "archive");
    CHECK(format_name(ArticleFormat::unsupported) == "unsupported");
}

TEST_CASE("article reader: unsupported format and I/O errors") {
    const TempDir dir;
    CHECK_THROWS_WITH_AS(newsindex::parse_articles("x", ArticleFormat::unsupported, "i", "p"),
                         "unsupported file format", Error);
    CHECK_THROWS_WITH_AS(read_articles(dir.path() / "missing.txt", ArticleFormat::text, "i", "p"),
                         "cannot open: No such file or directory", Error);
    CHECK_THROWS_WITH_AS(read_articles(dir.path(), ArticleFormat::text, "i", "p"),
                         "cannot read: Is a directory", Error);
    if (geteuid() != 0) {  // root reads anything
        const fs::path locked = dir.path() / "locked.txt";
        write_file(locked, "Title\n\nBody.\n");
        fs::permissions(locked, fs::perms::none);
        CHECK_THROWS_WITH_AS(read_articles(locked, ArticleFormat::text, "i", "p"),
                             "cannot open: Permission denied", Error);
    }
}

TEST_CASE("article reader: errors and warnings are one line without the path") {
    const TempDir dir;
    const fs::path file = dir.path() / "secret-name.json";
    write_file(file, "{\"title\": \n\n oops");
    try {
        read_articles(file, ArticleFormat::json, "i", file.string());
        FAIL("no Error");
    } catch (const Error& error) {
        const std::string what = error.what();
        CHECK(what.find("secret-name") == std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
        CHECK(std::islower(static_cast<unsigned char>(what.front())));
    }
}

TEST_CASE("article reader: files over the cap are truncated with a warning") {
    const TempDir dir;
    const fs::path file = dir.path() / "huge.txt";
    {
        std::ofstream out(file, std::ios::binary);
        out << "Huge file title\n\n";
        // Lines of 100 bytes; one more line than fits, plus change, so the cap falls
        // inside a line.
        const std::string line = std::string(98, 'x') + ".\n";
        const std::size_t lines = kMaxFileBytes / line.size() + 20000;
        for (std::size_t i = 0; i < lines; ++i) out << line;
        REQUIRE(out.good());
    }
    REQUIRE(fs::file_size(file) > kMaxFileBytes);
    const auto result = read_articles(file, ArticleFormat::text, "h", "h");
    REQUIRE(result.articles.size() == 1);
    REQUIRE_FALSE(result.warnings.empty());
    CHECK(result.warnings.front() == "file is 34 MB; only the first 32 MB were read");
    const auto& a = result.articles.front();
    CHECK(a.title == "Huge file title");
    CHECK(a.body.size() < kMaxFileBytes);
    // Cut at the last complete line: the body ends with a whole line.
    CHECK(a.body.ends_with("x."));
    fs::remove(file);
    CHECK_FALSE(fs::exists(file));
}

TEST_CASE("article reader: an error in a truncated file mentions the truncation") {
    const TempDir dir;
    const fs::path file = dir.path() / "huge.json";
    {
        std::ofstream out(file, std::ios::binary);
        // Broken at the start, so the parser stops at once even in a debug build.
        out << R"([{"title": oops},)" << std::string(kMaxFileBytes, ' ') << "]";
    }
    try {
        read_articles(file, ArticleFormat::json, "j", "j");
        FAIL("no Error");
    } catch (const Error& error) {
        const std::string what = error.what();
        CHECK(what.starts_with("malformed JSON (byte 12: "));
        CHECK(what.ends_with(") (file is 33 MB; only the first 32 MB were read)"));
    }
}

TEST_CASE("article reader: a small file is read whole, without warnings") {
    const TempDir dir;
    const fs::path file = dir.path() / "2015-07-08-story.txt";
    write_file(file, "Title\n\nBody.");
    const auto result = read_articles(file, ArticleFormat::text, "rel/id", file.string());
    CHECK(result.warnings.empty());
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles.front().id == "rel/id");
    CHECK(result.articles.front().path == file.string());
    CHECK(result.articles.front().body == "Body.");
    CHECK(result.articles.front().date == newsindex::Date{2015, 7, 8});
}
