// Stories at index time: the fingerprint terms a document carries, the story the single
// writer gives it when it is added, and what happens to a story when one of its articles
// leaves.
//
// A story is a connected group: two articles are in one story when a chain of articles,
// each a version of the next (stories::same_story), joins them. That grouping depends on
// the articles alone, not on the order they came in, so incremental runs and a full
// rebuild group alike (up to kCandidatesPerKey, story_assigner.cc).
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsindex::stories {

// Adds the fingerprint of `body` to `doc`: its key terms and its signature value (none
// when the body is too short for one, fingerprint.h).
void add_fingerprint(Xapian::Document& doc, std::string_view body);

// What assign_story did: the story it gave, and the stories it merged into that one
// (their articles in `db` now carry it).
struct AssignedStory {
    std::string story;
    std::vector<std::string> merged;
};

// Gives `doc`, about to be stored under `id_term`, its story (the value slot and the
// story term). It joins the story of the articles of `db` (committed or not) it is a
// version of; when those are in several stories, they become one, under the id of the
// largest (ties: the smallest id; the others' articles are rewritten). With none, it starts a story
// named after `id_term` itself. The article `id_term` already names in `db` (the version being
// replaced) is not compared. `peers`, the other shards of a sharded index as last
// committed, are searched too: an article joins a story of theirs as it would one of
// `db`, and their stories it merges are left for link_stories (AssignedStory::merged).
AssignedStory assign_story(Xapian::WritableDatabase& db, Xapian::Document& doc,
                           const std::string& id_term, std::span<Xapian::Database> peers = {});

// The story of the article stored under `docid`, or "" (none, or no such article).
std::string story_of(const Xapian::Database& db, Xapian::docid docid);

// The shards of a sharded index, or one database alone: a story may have articles in
// each, and its size is the sum.
using StoryDatabases = std::span<Xapian::WritableDatabase* const>;

// After an article of `story` was deleted or replaced: when its remaining articles (in
// every database of `dbs`) are no longer one connected group, the largest group (ties:
// the one holding the smallest article id) keeps the id and each other group becomes a
// story of its own, named after its smallest article id.
void split_story(StoryDatabases dbs, const std::string& story);
void split_story(Xapian::WritableDatabase& db, const std::string& story);

// What each shard's writer did to stories since they were last linked across the shards
// (IndexWriter keeps it in the shard's metadata, committed with the articles).
struct StoryNotes {
    std::vector<Xapian::docid> added;  // articles it gave a story, in ascending order
    std::vector<std::pair<std::string, std::string>> merged;  // a story it merged: from, to
    std::set<std::string> left;                               // stories that lost an article
};

// What find_story_links found for the articles one shard added.
struct StoryLinks {
    std::vector<std::pair<std::string, std::string>> joins;  // stories that become one
    std::map<std::string, Xapian::doccount> added;           // how many each story was given
    std::set<std::string> spanning;  // their stories that other shards hold too
};

// Each shard's writer sees only its own articles and what the others last committed
// (assign_story's peers): versions whose files hash to different shards and came in the
// same run start stories of their own, a merge renames one shard's articles, and a
// story that lost an article may be held together by another shard's. Linking them
// takes two steps, so that the first, which only reads, can run on a thread per shard:
//
// find_story_links looks in the other `shards` for versions of the articles shard `s`
// added (notes[s]); a pair both added in this run is compared from one side only.
// `shards` may be read-only handles of the shards as committed.
StoryLinks find_story_links(std::span<const Xapian::Database* const> shards, std::size_t s,
                            const std::vector<StoryNotes>& notes);
// link_stories then joins the stories found to be one (under the id of the largest,
// counted over all shards without the articles just added, so that a new version takes
// its original's id), carries the merges of the notes to the other shards, and splits
// each story that lost an article, or spans shards after an addition, into its
// connected groups as split_story does. Afterwards the shards group as one database
// holding all their articles would. The caller commits.
void link_stories(StoryDatabases shards, const std::vector<StoryNotes>& notes,
                  const std::vector<StoryLinks>& found);

}  // namespace newsindex::stories
