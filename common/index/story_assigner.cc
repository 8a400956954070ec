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

// An article of one of the databases: which database, and its id there.
struct ArticleRef {
    std::size_t db = 0;
    Xapian::docid id = 0;
    bool operator==(const ArticleRef&) const = default;
};
constexpr ArticleRef kNoArticle{static_cast<std::size_t>(-1), 0};

// The articles of `story`, database by database.
std::vector<ArticleRef> members(StoryDatabases dbs, const std::string& story) {
    const std::string term = schema::story_term(story);
    std::vector<ArticleRef> found;
    for (std::size_t d = 0; d < dbs.size(); ++d)
        for (auto it = dbs[d]->postlist_begin(term); it != dbs[d]->postlist_end(term); ++it)
            found.push_back({d, *it});
    return found;
}

Xapian::doccount story_size(StoryDatabases dbs, const std::string& story) {
    Xapian::doccount size = 0;
    for (const auto* db : dbs) size += db->get_termfreq(schema::story_term(story));
    return size;
}

// Whether an article other than `self` is in the story.
bool story_in_use(StoryDatabases dbs, const std::string& story, ArticleRef self) {
    const std::string term = schema::story_term(story);
    for (std::size_t d = 0; d < dbs.size(); ++d)
        for (auto it = dbs[d]->postlist_begin(term); it != dbs[d]->postlist_end(term); ++it)
            if (ArticleRef{d, *it} != self) return true;
    return false;
}

// Runs fn() on a database other than the writer's, which another thread may be
// committing to: when it has moved on too far for the revision this handle reads, the
// handle catches up and fn() runs again.
template <typename Fn>
decltype(auto) read_peer(Xapian::Database& peer, Fn&& fn) {
    try {
        return fn();
    } catch (const Xapian::DatabaseModifiedError&) {
        peer.reopen();
        return fn();
    }
}

Xapian::doccount peer_size(std::span<Xapian::Database> peers, const std::string& story) {
    Xapian::doccount size = 0;
    for (auto& peer : peers)
        size += read_peer(peer, [&] { return peer.get_termfreq(schema::story_term(story)); });
    return size;
}

// A free story id named after an article's id term: its own, or the next free variant.
std::string new_story_id(StoryDatabases dbs, const std::string& id_term, ArticleRef self,
                         std::span<Xapian::Database> peers = {}) {
    for (int variant = 0;; ++variant) {
        std::string story =
            story_id_for(variant == 0 ? id_term : id_term + '#' + std::to_string(variant));
        if (!story_in_use(dbs, story, self) && peer_size(peers, story) == 0) return story;
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

void set_story(StoryDatabases dbs, ArticleRef article, const std::string& story) {
    Xapian::Document doc = dbs[article.db]->get_document(article.id);
    set_story(doc, story);
    dbs[article.db]->replace_document(article.id, doc);
}

// Moves every article of story `from` but `skip` to story `to`.
void rename_story(StoryDatabases dbs, const std::string& from, const std::string& to,
                  ArticleRef skip) {
    for (const ArticleRef article : members(dbs, from))
        if (article != skip) set_story(dbs, article, to);
}

// Of stories to become one, the one whose id they take: the largest over `dbs` (ties:
// the smallest id), so a story absorbing a stray version keeps its name. Sizes leave out
// the `added` articles of each story (those a shard's writer just gave it), so that a
// new version joins the story its original had, as it would in one database.
std::string surviving_story(StoryDatabases dbs, const std::set<std::string>& stories,
                            const std::map<std::string, Xapian::doccount>& added = {},
                            std::span<Xapian::Database> peers = {}) {
    const auto size = [&](const std::string& story) {
        const auto it = added.find(story);
        const Xapian::doccount all = story_size(dbs, story) + peer_size(peers, story);
        return std::make_pair(all - std::min(all, it == added.end() ? 0 : it->second), all);
    };
    return *std::max_element(stories.begin(), stories.end(), [&](const auto& a, const auto& b) {
        const auto size_a = size(a);
        const auto size_b = size(b);
        return size_a != size_b ? size_a < size_b : a > b;
    });
}

std::string id_term_of(const Xapian::Document& doc) {
    const std::string prefix(schema::kIdPrefix);
    auto it = doc.termlist_begin();
    it.skip_to(prefix);
    if (it != doc.termlist_end() && (*it).starts_with(prefix)) return *it;
    return {};
}

// The stories of the articles of `db` that `doc`, with fingerprint `print`, is a
// version of, found through the candidate keys it carries; articles `skip(id)` names are
// not compared, nor stories already in `known`. A WritableDatabase's postings include
// what it has not committed yet, so the articles of this run are candidates too.
template <typename Skip>
std::set<std::string> version_stories(const Xapian::Database& db, const Xapian::Document& doc,
                                      const Fingerprint& print, Skip&& skip,
                                      const std::set<std::string>& known = {}) {
    std::set<Xapian::docid> candidates;
    const std::string prefix(schema::kStoryKeyPrefix);
    auto term = doc.termlist_begin();
    for (term.skip_to(prefix); term != doc.termlist_end(); ++term) {
        const std::string key = *term;
        if (!key.starts_with(prefix)) break;
        Xapian::doccount read = 0;
        for (auto it = db.postlist_begin(key);
             it != db.postlist_end(key) && read < kCandidatesPerKey; ++it, ++read)
            if (!skip(*it)) candidates.insert(*it);
    }
    std::set<std::string> stories;
    for (const Xapian::docid id : candidates) {
        const Xapian::Document other = db.get_document(id, Xapian::DOC_ASSUME_VALID);
        std::string other_story = other.get_value(schema::kStorySlot);
        if (other_story.empty() || stories.contains(other_story) || known.contains(other_story))
            continue;
        const auto other_print = decode_signature(other.get_value(schema::kStorySignatureSlot));
        if (other_print && same_story(print, *other_print)) stories.insert(std::move(other_story));
    }
    return stories;
}

// Story ids joined into groups (union-find over their names): each group becomes one story.
class StoryUnion {
public:
    void join(const std::string& a, const std::string& b) {
        parent_.try_emplace(a, a);
        parent_.try_emplace(b, b);
        const std::string root_a = root(a), root_b = root(b);
        if (root_a != root_b) parent_[std::max(root_a, root_b)] = std::min(root_a, root_b);
    }
    // Each group of two or more stories.
    std::vector<std::set<std::string>> groups() const {
        std::map<std::string, std::set<std::string>> by_root;
        for (const auto& [story, _] : parent_) by_root[root(story)].insert(story);
        std::vector<std::set<std::string>> out;
        for (auto& [_, group] : by_root)
            if (group.size() > 1) out.push_back(std::move(group));
        return out;
    }

private:
    std::string root(std::string story) const {
        for (const std::string* up = &parent_.at(story); *up != story; up = &parent_.at(story))
            story = *up;
        return story;
    }
    std::map<std::string, std::string> parent_;
};

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

AssignedStory assign_story(Xapian::WritableDatabase& db, Xapian::Document& doc,
                           const std::string& id_term, std::span<Xapian::Database> peers) {
    // A document with a story already (one rewritten in place) keeps it.
    if (std::string story = doc.get_value(schema::kStorySlot); !story.empty())
        return {std::move(story), {}};
    Xapian::WritableDatabase* const one[] = {&db};
    const StoryDatabases dbs(one);
    ArticleRef self = kNoArticle;
    if (const auto it = db.postlist_begin(id_term); it != db.postlist_end(id_term)) self = {0, *it};
    std::set<std::string> stories;
    if (const auto print = decode_signature(doc.get_value(schema::kStorySignatureSlot))) {
        stories = version_stories(db, doc, *print, [&](Xapian::docid id) { return id == self.id; });
        for (auto& peer : peers)
            stories.merge(read_peer(peer, [&] {
                return version_stories(peer, doc, *print, [](Xapian::docid) { return false; });
            }));
    }
    AssignedStory assigned;
    if (stories.empty()) {
        // A new story. Its name is the article's own, unless the article started a story
        // that its other versions still hold and has since changed beyond it: that story
        // keeps the name, this one takes the next free variant.
        assigned.story = new_story_id(dbs, id_term, self, peers);
    } else {
        // This article joins stories that were apart: they become one. Those of the
        // peers are renamed there by link_stories, from what `merged` says.
        assigned.story = surviving_story(dbs, stories, {}, peers);
        for (const auto& other : stories) {
            if (other == assigned.story) continue;
            rename_story(dbs, other, assigned.story, self);
            assigned.merged.push_back(other);
        }
    }
    set_story(doc, assigned.story);
    return assigned;
}

void split_story(StoryDatabases dbs, const std::string& story) {
    const Xapian::doccount size = story_size(dbs, story);
    if (size < 2 || size > kMaxSplitSize) return;
    const std::vector<ArticleRef> articles = members(dbs, story);
    std::vector<std::optional<Fingerprint>> prints;
    std::vector<std::string> id_terms;
    for (const ArticleRef article : articles) {
        const Xapian::Document doc =
            dbs[article.db]->get_document(article.id, Xapian::DOC_ASSUME_VALID);
        prints.push_back(decode_signature(doc.get_value(schema::kStorySignatureSlot)));
        id_terms.push_back(id_term_of(doc));
    }
    // Connected groups, by union-find over the pairs that are versions of each other.
    std::vector<std::size_t> parent(articles.size());
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (std::size_t i = 0; i < articles.size(); ++i)
        for (std::size_t j = i + 1; j < articles.size(); ++j)
            if (prints[i] && prints[j] && root(i) != root(j) && same_story(*prints[i], *prints[j]))
                parent[root(i)] = root(j);
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < articles.size(); ++i) groups[root(i)].push_back(i);
    if (groups.size() < 2) return;
    // Each group with its smallest article id; the largest group keeps the story.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> named;
    for (auto& [_, group] : groups) {
        std::string smallest = id_terms[group.front()];
        for (const std::size_t i : group) smallest = std::min(smallest, id_terms[i]);
        named.emplace_back(std::move(smallest), std::move(group));
    }
    std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
        return a.second.size() != b.second.size() ? a.second.size() > b.second.size()
                                                  : a.first < b.first;
    });
    for (std::size_t g = 1; g < named.size(); ++g) {
        const std::string renamed = new_story_id(dbs, named[g].first, kNoArticle);
        for (const std::size_t i : named[g].second) set_story(dbs, articles[i], renamed);
    }
}

void split_story(Xapian::WritableDatabase& db, const std::string& story) {
    Xapian::WritableDatabase* const one[] = {&db};
    split_story(StoryDatabases(one), story);
}

StoryLinks find_story_links(std::span<const Xapian::Database* const> shards, std::size_t s,
                            const std::vector<StoryNotes>& notes) {
    StoryLinks found;
    for (const Xapian::docid id : notes[s].added) {
        Xapian::Document doc;
        try {
            doc = shards[s]->get_document(id);
        } catch (const Xapian::DocNotFoundError&) {
            continue;  // replaced or removed since
        }
        const std::string story = doc.get_value(schema::kStorySlot);
        if (story.empty()) continue;
        ++found.added[story];
        const auto print = decode_signature(doc.get_value(schema::kStorySignatureSlot));
        bool elsewhere = false;
        for (std::size_t other = 0; other < shards.size(); ++other) {
            if (other == s) continue;
            elsewhere = elsewhere || shards[other]->term_exists(schema::story_term(story));
            if (!print) continue;
            // A pair of articles both added in this run is compared once, from the shard
            // that comes later.
            const auto skip = [&](Xapian::docid candidate) {
                const auto& theirs = notes[other].added;
                return other > s && std::binary_search(theirs.begin(), theirs.end(), candidate);
            };
            for (auto& version : version_stories(*shards[other], doc, *print, skip, {story}))
                found.joins.emplace_back(story, std::move(version));
        }
        // Its story may hold, in another shard, articles it is no version of.
        if (elsewhere) found.spanning.insert(story);
    }
    return found;
}

void link_stories(StoryDatabases shards, const std::vector<StoryNotes>& notes,
                  const std::vector<StoryLinks>& found) {
    StoryUnion joined;
    // Stories to check for parts no longer connected once joined: those that lost an
    // article, and those of added articles that other shards hold too (an article that
    // changed beyond its story may have taken, in its shard, a name the story's other
    // shards still hold).
    std::set<std::string> to_split;
    std::map<std::string, Xapian::doccount> added;
    for (const StoryNotes& shard : notes) {
        for (const auto& [from, to] : shard.merged) joined.join(from, to);
        to_split.insert(shard.left.begin(), shard.left.end());
    }
    for (const StoryLinks& links : found) {
        for (const auto& [a, b] : links.joins) joined.join(a, b);
        for (const auto& [story, count] : links.added) added[story] += count;
        to_split.insert(links.spanning.begin(), links.spanning.end());
    }
    for (const auto& group : joined.groups()) {
        const std::string survivor = surviving_story(shards, group, added);
        for (const auto& story : group) {
            if (story == survivor) continue;
            rename_story(shards, story, survivor, kNoArticle);
            if (to_split.erase(story) > 0) to_split.insert(survivor);
        }
    }
    for (const auto& story : to_split) split_story(shards, story);
}

}  // namespace newsindex::stories
