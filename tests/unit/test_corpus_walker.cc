#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "common/read/corpus_walker.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

struct Walk {
    std::vector<ArticleOrigin> files;
    std::vector<std::string> errors;
    WalkOutcome outcome;
};

Walk walk(const fs::path& given) {
    Walk w;
    std::error_code ec;
    const auto root = resolve_corpus_root(given, ec);
    REQUIRE(root);
    w.outcome = walk_corpus(*root, {[&](const ArticleOrigin& file) {
                                        w.files.push_back(file);
                                        return true;
                                    },
                                    [&](const fs::path& where, const std::string& reason) {
                                        w.errors.push_back(where.string() + ": " + reason);
                                    }});
    return w;
}

std::vector<std::string> relatives(const Walk& w) {
    std::vector<std::string> out;
    for (const auto& f : w.files) out.push_back(f.relative);
    return out;
}

}  // namespace

TEST_CASE("corpus walker: every article file once, in name order, with its origin") {
    const TempDir dir;
    write_file(dir.path() / "b.txt", "Title\n\nBody.\n");
    write_file(dir.path() / "a" / "z.html", "<h1>T</h1>");
    write_file(dir.path() / "a" / "y.png", "png");
    write_file(dir.path() / ".hidden" / "x.txt", "hidden");
    write_file(dir.path() / ".dot.txt", "hidden");
    // An index kept inside the archive is not read as articles.
    write_file(dir.path() / "index" / "iamglass", "");
    write_file(dir.path() / "index" / "postlist.glass", "");

    const Walk w = walk(dir.path());
    CHECK(w.outcome.root_readable);
    CHECK(w.outcome.complete);
    CHECK(w.errors.empty());
    CHECK(relatives(w) == std::vector<std::string>{"a/y.png", "a/z.html", "b.txt"});

    const std::string canonical = fs::canonical(dir.path()).string();
    const ArticleOrigin& html = w.files[1];
    CHECK(html.root == canonical);
    CHECK(html.key() == canonical + "/a/z.html");
    CHECK(html.article_key("a/z.html#2") == canonical + "/a/z.html#2");
    CHECK(html.path == dir.path() / "a" / "z.html");
    CHECK(html.format == ArticleFormat::html);
    CHECK(html.size == 10);
    // Nanoseconds since the Unix epoch.
    const auto modified = std::chrono::file_clock::to_sys(fs::last_write_time(html.path));
    CHECK(
        html.mtime_ns ==
        std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count());
    CHECK(w.files[0].format == ArticleFormat::unsupported);
}

TEST_CASE("corpus walker: links inside the root are followed, others are not") {
    const TempDir dir;
    const fs::path root = dir.path() / "news";
    write_file(root / "real.txt", "Title\n\nBody.\n");
    write_file(dir.path() / "outside.txt", "Out\n\nside.\n");
    fs::create_symlink(root / "real.txt", root / "alias.txt");
    fs::create_symlink(dir.path() / "outside.txt", root / "escape.txt");
    fs::create_directory_symlink(root, root / "loop");
    fs::create_symlink(root / "missing.txt", root / "broken.txt");

    const Walk w = walk(root);
    CHECK(relatives(w) == std::vector<std::string>{"alias.txt", "real.txt"});
    REQUIRE(w.errors.size() == 1);
    CHECK(w.errors[0].find("broken symbolic link") != std::string::npos);
    CHECK(w.outcome.complete);
}

TEST_CASE("corpus walker: a file named as the root belongs to its folder") {
    const TempDir dir;
    write_file(dir.path() / "one.txt", "Title\n\nBody.\n");
    std::error_code ec;
    const auto root = resolve_corpus_root(dir.path() / "one.txt", ec);
    REQUIRE(root);
    CHECK_FALSE(root->is_folder);
    CHECK(root->key == fs::canonical(dir.path()).string());
    const Walk w = walk(dir.path() / "one.txt");
    CHECK(relatives(w) == std::vector<std::string>{"one.txt"});

    CHECK_FALSE(resolve_corpus_root(dir.path() / "absent", ec));
    CHECK(ec);
}

TEST_CASE("corpus walker: returning false stops the walk, which is then incomplete") {
    const TempDir dir;
    for (const char* name : {"a.txt", "b.txt", "c.txt"}) write_file(dir.path() / name, "T\n\nB.\n");
    std::error_code ec;
    const auto root = resolve_corpus_root(dir.path(), ec);
    REQUIRE(root);
    int seen = 0;
    const auto outcome = walk_corpus(*root, {[&](const ArticleOrigin&) { return ++seen < 2; },
                                             [](const fs::path&, const std::string&) {}});
    CHECK(seen == 2);
    CHECK_FALSE(outcome.complete);
}
