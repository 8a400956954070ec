#include "common/index/story_assigner.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <vector>

#include "common/index/schema.h"
#include "common/story/fingerprint.h"

namespace newsindex::stories {

namespace {

// Articles read per candidate key. A key most articles of a story share is found again
// through the story's other keys; a key that many unrelated articles share (a common
// phrase, a template's sentence) is weak evidence, and reading all its articles would
// make each new article cost more as the archive grows. Only articles linked through
// such keys alone may group differently by the order they came in.
constexpr Xapian::doccount kCandidatesPerKey = 16;
// Stories larger than this are not split when an article leaves them: the check
// compares every pair of their articles.
constexpr Xapian::doccount kMaxSplitSize = 400;

// Whether an article of `db` other than `self` is in the story.
bool story_in_use(const Xapian::Database& db, const std::string& story, Xapian::docid self) {
    const std::string term = schema::story_term(story);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        if (*it != self) return true;
    return false;
}

// A free story id named after an article's id term: its own, or the next free variant.
std::string new_story_id(const Xapian::Database& db, const std::string& id_term,
                         Xapian::docid self) {
    for (int variant = 0;; ++variant) {
        std::string story =
            story_id_for(variant == 0 ? id_term : id_term + '#' + std::to_string(variant));
        if (!story_in_use(db, story, self)) return story;
    }
}

void set_story(Xapian::Document& doc, const std::string& story) {
    const std::string old = doc.get_value(schema::kStorySlot);
    if (!old.empty()) {
        try {
            doc.remove_term(schema::story_term(old));
        } catch (const Xapian::InvalidArgumentError&) {
            // The term was missing: nothing to remove (check reports such articles).
        }
    }
    doc.add_value(schema::kStorySlot, story);
    doc.add_boolean_term(schema::story_term(story));
}

// Moves every article of story `from` to story `to`.
void rename_story(Xapian::WritableDatabase& db, const std::string& from, const std::string& to,
                  Xapian::docid skip) {
    const std::string term = schema::story_term(from);
    const std::vector<Xapian::docid> ids(db.postlist_begin(term), db.postlist_end(term));
    for (const Xapian::docid id : ids) {
        if (id == skip) continue;
        Xapian::Document doc = db.get_document(id);
        set_story(doc, to);
        db.replace_document(id, doc);
    }
}

std::string id_term_of(const Xapian::Document& doc) {
    const std::string prefix(schema::kIdPrefix);
    auto it = doc.termlist_begin();
    it.skip_to(prefix);
    if (it != doc.termlist_end() && (*it).starts_with(prefix)) return *it;
    return {};
}

}  // namespace

void add_fingerprint(Xapian::Document& doc, std::string_view body) {
    const auto print = fingerprint(body);
    if (!print) return;
    for (const auto& key : key_terms(*print))
        doc.add_boolean_term(std::string(schema::kStoryKeyPrefix) + key);
    doc.add_value(schema::kStorySignatureSlot, encode_signature(*print));
}

std::string story_of(const Xapian::Database& db, Xapian::docid docid) {
    try {
        return db.get_document(docid).get_value(schema::kStorySlot);
    } catch (const Xapian::DocNotFoundError&) {
        return {};
    }
}

std::string assign_story(Xapian::WritableDatabase& db, Xapian::Document& doc,
                         const std::string& id_term) {
    // A document with a story already (one rewritten in place) keeps it.
    if (std::string story = doc.get_value(schema::kStorySlot); !story.empty()) return story;
    Xapian::docid self = 0;
    if (const auto it = db.postlist_begin(id_term); it != db.postlist_end(id_term)) self = *it;
    // The stories this article is a version of, in id order.
    std::set<std::string> stories;
    if (const auto print = decode_signature(doc.get_value(schema::kStorySignatureSlot))) {
        // A WritableDatabase's postings include what it has not committed yet, so the
        // articles of this run are candidates too.
        std::set<Xapian::docid> candidates;
        const std::string prefix(schema::kStoryKeyPrefix);
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
            const std::string key = *term;
            if (!key.starts_with(prefix)) continue;
            Xapian::doccount read = 0;
            for (auto it = db.postlist_begin(key);
                 it != db.postlist_end(key) && read < kCandidatesPerKey; ++it, ++read)
                if (*it != self) candidates.insert(*it);
        }
        for (const Xapian::docid id : candidates) {
            const Xapian::Document other = db.get_document(id, Xapian::DOC_ASSUME_VALID);
            std::string other_story = other.get_value(schema::kStorySlot);
            if (other_story.empty() || stories.contains(other_story)) continue;
            const auto other_print = decode_signature(other.get_value(schema::kStorySignatureSlot));
            if (other_print && same_story(*print, *other_print))
                stories.insert(std::move(other_story));
        }
    }
    std::string story;
    if (stories.empty()) {
        // A new story. Its name is the article's own, unless the article started a story
        // that its other versions still hold and has since changed beyond it: that story
        // keeps the name, this one takes the next free variant.
        story = new_story_id(db, id_term, self);
    } else {
        // This article joins stories that were apart: they become one, under the id of
        // the largest (ties: the smallest id), so a story absorbing a stray version
        // keeps its name.
        story =
            *std::max_element(stories.begin(), stories.end(), [&](const auto& a, const auto& b) {
                const auto size_a = db.get_termfreq(schema::story_term(a));
                const auto size_b = db.get_termfreq(schema::story_term(b));
                return size_a != size_b ? size_a < size_b : a > b;
            });
        for (const auto& other : stories)
            if (other != story) rename_story(db, other, story, self);
    }
    set_story(doc, story);
    return story;
}

void split_story(Xapian::WritableDatabase& db, const std::string& story) {
    const std::string term = schema::story_term(story);
    if (db.get_termfreq(term) < 2 || db.get_termfreq(term) > kMaxSplitSize) return;
    const std::vector<Xapian::docid> ids(db.postlist_begin(term), db.postlist_end(term));
    std::vector<std::optional<Fingerprint>> prints;
    std::vector<std::string> id_terms;
    for (const Xapian::docid id : ids) {
        const Xapian::Document doc = db.get_document(id, Xapian::DOC_ASSUME_VALID);
        prints.push_back(decode_signature(doc.get_value(schema::kStorySignatureSlot)));
        id_terms.push_back(id_term_of(doc));
    }
    // Connected groups, by union-find over the pairs that are versions of each other.
    std::vector<std::size_t> parent(ids.size());
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (std::size_t j = i + 1; j < ids.size(); ++j)
            if (prints[i] && prints[j] && root(i) != root(j) && same_story(*prints[i], *prints[j]))
                parent[root(i)] = root(j);
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < ids.size(); ++i) groups[root(i)].push_back(i);
    if (groups.size() < 2) return;
    // Each group with its smallest article id; the largest group keeps the story.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> named;
    for (auto& [_, members] : groups) {
        std::string smallest = id_terms[members.front()];
        for (const std::size_t i : members) smallest = std::min(smallest, id_terms[i]);
        named.emplace_back(std::move(smallest), std::move(members));
    }
    std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
        return a.second.size() != b.second.size() ? a.second.size() > b.second.size()
                                                  : a.first < b.first;
    });
    for (std::size_t g = 1; g < named.size(); ++g) {
        const std::string renamed = new_story_id(db, named[g].first, 0);
        for (const std::size_t i : named[g].second) {
            Xapian::Document doc = db.get_document(ids[i]);
            set_story(doc, renamed);
            db.replace_document(ids[i], doc);
        }
    }
}

}  // namespace newsindex::stories
