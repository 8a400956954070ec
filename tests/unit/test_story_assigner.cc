#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "common/index/document_builder.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/story_check.h"
#include "common/story/fingerprint.h"
#include "tests/unit/temp_dir.h"

using namespace newsindex;

namespace {

const std::string kStory =
    "LONDON, March 3 - The Bank of England cut its money market dealing rates by half a "
    "point on Tuesday, a move dealers had expected after sterling's rise.\n\n"
    "The cut follows a fall in the money supply figures published last week and a sharp "
    "drop in the cost of three month interbank funds.\n\n"
    "Clearing banks are expected to follow with cuts in base lending rates to ten and a "
    "half pct before the end of the week, analysts said.";
const std::string kVersion = kStory +
                             "\n\nThe Chancellor declined to comment on the move when he "
                             "spoke to reporters outside the Treasury on Tuesday afternoon.";
const std::string kOther =
    "TOKYO, March 3 - Japanese car makers exported fewer vehicles to the United States in "
    "February than a year earlier, the industry association said.\n\n"
    "Exports fell to 270,000 units as the strong yen made Japanese models dearer, and "
    "makers expect the decline to continue through the spring.";

ArticleDocument document(const std::string& file, const std::string& body,
                         const std::string& title = "A title") {
    Article article;
    article.id = file;
    article.title = title;
    article.body = body;
    ArticleOrigin origin;
    origin.root = "/news";
    origin.relative = file;
    return DocumentBuilder().build(article, origin);
}

std::string story_of(const std::filesystem::path& path, const std::string& file) {
    Xapian::Database db(path.string());
    const std::string term = schema::id_term("/news/" + file);
    REQUIRE(db.postlist_begin(term) != db.postlist_end(term));
    return db.get_document(*db.postlist_begin(term)).get_value(schema::kStorySlot);
}

}  // namespace

TEST_CASE("stories: versions join the first one's story, in one run and across runs") {
    const newsindex::testing::TempDir dir;
    const auto path = dir.path() / "index";
    const std::string first = stories::story_id_for(schema::id_term("/news/a.txt"));
    {
        IndexWriter writer(path);
        // Nothing is committed between these: the writer sees its own pending articles.
        writer.add_file({document("a.txt", kStory)});
        writer.add_file({document("b.txt", kVersion, "Another headline")});
        writer.add_file({document("c.txt", kOther)});
        writer.add_file({document("short.txt", "Qtly div 12 cts")});
    }
    CHECK(story_of(path, "a.txt") == first);
    CHECK(story_of(path, "b.txt") == first);
    CHECK(story_of(path, "c.txt") == stories::story_id_for(schema::id_term("/news/c.txt")));
    CHECK(story_of(path, "short.txt") == stories::story_id_for(schema::id_term("/news/short.txt")));
    {
        const Xapian::Database db(path.string());
        CHECK(db.get_termfreq(schema::story_term(first)) == 2);
    }

    SUBCASE("deleting the first version renames nothing, and a new one still joins") {
        {
            IndexWriter writer(path);
            writer.remove_file("/news/a.txt");
            writer.add_file({document("d.txt", kStory + "\n\nReporting by Jane Smith")});
        }
        CHECK(story_of(path, "b.txt") == first);
        CHECK(story_of(path, "d.txt") == first);
    }
    SUBCASE("an article that changes into another story leaves its old one the name") {
        {
            IndexWriter writer(path);
            writer.replace_file("/news/a.txt",
                                {document("a.txt", kOther + "\n\nMore words "
                                                            "about the cars here.")});
        }
        CHECK(story_of(path, "b.txt") == first);
        // It is now a version of c.txt.
        CHECK(story_of(path, "a.txt") == story_of(path, "c.txt"));
    }
    SUBCASE("a changed article that matches nothing gets a story of its own") {
        {
            IndexWriter writer(path);
            writer.replace_file(
                "/news/a.txt", {document("a.txt",
                                         "Something else entirely was reported from the city "
                                         "council meeting about parking fees and new bus lanes.")});
        }
        CHECK(story_of(path, "b.txt") == first);
        CHECK(story_of(path, "a.txt") != first);
        CHECK(story_of(path, "a.txt") != story_of(path, "c.txt"));
    }
}

TEST_CASE("stories: the check finds articles without a story and terms that disagree") {
    const newsindex::testing::TempDir dir;
    const auto path = dir.path() / "index";
    {
        IndexWriter writer(path);
        writer.add_file({document("a.txt", kStory)});
        writer.add_file({document("b.txt", kVersion)});
        writer.add_file({document("c.txt", kOther)});
    }
    CHECK(stories::check_stories(Xapian::Database(path.string())).empty());
    {
        Xapian::WritableDatabase db(path.string());
        // An article without its story, and one whose term names another story.
        Xapian::Document a = db.get_document(1);
        a.remove_value(schema::kStorySlot);
        db.replace_document(1, a);
        Xapian::Document c = db.get_document(3);
        c.remove_term(schema::story_term(c.get_value(schema::kStorySlot)));
        c.add_boolean_term(schema::story_term("0000000000000000"));
        db.replace_document(3, c);
        db.commit();
    }
    const auto problems = stories::check_stories(Xapian::Database(path.string()));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "1 articles have no story (build --full gives them one)");
    // a's term without a value, c's term for another story.
    CHECK(problems[1] == "2 story terms disagree with their articles' story values");
}

TEST_CASE("stories across shards: versions in two shards become one story, once linked") {
    const newsindex::testing::TempDir dir;
    const auto shard_a = dir.path() / "shard-00";
    const auto shard_b = dir.path() / "shard-01";
    const auto notes_in = [](const std::filesystem::path& path) {
        const Xapian::Database db(path.string());
        const std::string prefix(schema::kStoryNotesPrefix);
        return std::distance(db.metadata_keys_begin(prefix), db.metadata_keys_end(prefix));
    };
    {
        // A run killed before it linked: each shard committed its articles and its notes.
        IndexWriter a(shard_a), b(shard_b);
        IndexWriter* const shards[] = {&a, &b};
        IndexWriter::defer_story_links(shards);
        a.add_file({document("a.txt", kStory)});
        b.add_file({document("b.txt", kVersion, "Another headline")});
        b.add_file({document("c.txt", kOther)});
    }
    CHECK(story_of(shard_a, "a.txt") != story_of(shard_b, "b.txt"));
    CHECK(notes_in(shard_b) == 2);

    SUBCASE("the next run links them from the notes, and drops the notes") {
        {
            IndexWriter a(shard_a), b(shard_b);
            IndexWriter* const shards[] = {&a, &b};
            IndexWriter::link_stories(shards);
        }
        CHECK(story_of(shard_a, "a.txt") == story_of(shard_b, "b.txt"));
        CHECK(story_of(shard_b, "c.txt") != story_of(shard_b, "b.txt"));
        CHECK(notes_in(shard_a) == 0);
        CHECK(notes_in(shard_b) == 0);

        SUBCASE("a later version joins the other shard's story at once, before any link") {
            {
                IndexWriter a(shard_a), b(shard_b);
                IndexWriter* const shards[] = {&a, &b};
                IndexWriter::defer_story_links(shards);
                b.add_file({document("d.txt", kStory + "\n\nReporting by Jane Smith")});
            }
            CHECK(story_of(shard_b, "d.txt") == story_of(shard_a, "a.txt"));
        }
        SUBCASE("when the version goes, the story is checked across the shards") {
            {
                IndexWriter a(shard_a), b(shard_b);
                IndexWriter* const shards[] = {&a, &b};
                IndexWriter::defer_story_links(shards);
                b.remove_file("/news/b.txt");
                // It comes back changed into a version of c.txt: a's story is a's alone.
                b.add_file({document("b.txt", kOther + "\n\nMore words about the cars here.")});
                IndexWriter::link_stories(shards);
            }
            CHECK(story_of(shard_b, "b.txt") == story_of(shard_b, "c.txt"));
            CHECK(story_of(shard_a, "a.txt") != story_of(shard_b, "b.txt"));
            const Xapian::Database db_a(shard_a.string());
            CHECK(db_a.get_termfreq(schema::story_term(story_of(shard_a, "a.txt"))) == 1);
        }
    }
}
