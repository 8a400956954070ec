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

#include <string>
#include <string_view>

namespace newsindex::stories {

// Adds the fingerprint of `body` to `doc`: its key terms and its signature value (none
// when the body is too short for one, fingerprint.h).
void add_fingerprint(Xapian::Document& doc, std::string_view body);

// Gives `doc`, about to be stored under `id_term`, its story (the value slot and the
// story term). It joins the story of the articles of `db` (committed or not) it is a
// version of; when those are in several stories, they become one, under the id of the
// largest (ties: the smallest id; the others' articles are rewritten). With none, it starts a story
// named after `id_term` itself. The article `id_term` already names in `db` (the version being
// replaced) is not compared. Returns the story id.
std::string assign_story(Xapian::WritableDatabase& db, Xapian::Document& doc,
                         const std::string& id_term);

// The story of the article stored under `docid`, or "" (none, or no such article).
std::string story_of(const Xapian::Database& db, Xapian::docid docid);

// After an article of `story` was deleted or replaced: when its remaining articles are
// no longer one connected group, the largest group (ties: the one holding the smallest
// article id) keeps the id and each other group becomes a story of its own, named after
// its smallest article id.
void split_story(Xapian::WritableDatabase& db, const std::string& story);

}  // namespace newsindex::stories
