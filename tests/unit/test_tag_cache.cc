#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/index/evidence_pass.h"
#include "common/index/tag_cache.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_origin.h"
#include "common/read/corpus_walker.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

std::vector<std::string> names(const std::vector<Entity>& entities) {
    std::vector<std::string> all;
    for (const auto& entity : entities) all.push_back(entity.name);
    return all;
}

// The files under `root` as a build's walk sees them.
std::vector<ArticleOrigin> walk(const fs::path& root) {
    std::error_code ec;
    const auto resolved = resolve_corpus_root(root, ec);
    REQUIRE(resolved);
    std::vector<ArticleOrigin> files;
    walk_corpus(*resolved, {[&](const ArticleOrigin& file) {
                                files.push_back(file);
                                return true;
                            },
                            [](const fs::path&, const std::string&) {}});
    return files;
}

}  // namespace

TEST_CASE("tag cache: the evidence pass keeps each article's entities for the writing pass") {
    TempDir dir;
    const fs::path news = dir.path() / "news";
    write_file(news / "1.txt", "Reagan in Ohio\n\nRonald Reagan spoke in Ohio on Monday.\n");
    write_file(news / "feed.jsonl",
               "{\"title\": \"Talks\", \"body\": \"Helmut Kohl met Margaret Thatcher in Bonn.\"}\n"
               "\n"
               "{\"title\": \"Trade\", \"body\": \"Japan and Canada signed a deal in Tokyo.\"}\n");
    const LazyEntityExtractor extractor(NEWSINDEX_MODELS "/ner.model");
    TagCache tags(1u << 20);
    gather_entity_evidence(
        {news}, extractor.get(), 2, nullptr, [](std::size_t) {}, &tags);
    CHECK(tags.articles() == 3);

    for (const ArticleOrigin& file : walk(news)) {
        for (const Article& article :
             parse_file(read_file(file.path, file.format), file).articles) {
            const auto kept = tags.take(file, article.id);
            REQUIRE(kept);
            CHECK(names(*kept) == names(extractor.get().extract(article)));
            CHECK_FALSE(tags.take(file, article.id));  // handed out once
        }
    }
    CHECK(tags.articles() == 0);
}

TEST_CASE("tag cache: a file changed since is tagged again, and the bound holds") {
    TempDir dir;
    ArticleOrigin file;
    file.root = dir.path().string();
    file.relative = "a.txt";
    file.size = 10;
    file.mtime_ns = 5;
    TagCache tags(1u << 20);
    tags.put(file, "a.txt", {Entity{EntityKind::place, "Ohio", 1, {"Ohio"}, {}}});
    ArticleOrigin changed = file;
    changed.mtime_ns = 6;
    CHECK_FALSE(tags.take(changed, "a.txt"));
    CHECK_FALSE(tags.take(file, "a.txt"));  // dropped with the stale entry

    TagCache small(200);
    for (int i = 0; i < 10; ++i)
        small.put(file, "a.txt#" + std::to_string(i),
                  {Entity{EntityKind::place, "Ohio", 1, {}, {}}});
    CHECK(small.articles() > 0);
    CHECK(small.articles() < 10);
}
