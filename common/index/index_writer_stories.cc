// IndexWriter's part in stories across shards: the notes a shard's writer keeps in its
// metadata, and the pass that links the shards' stories from them.
#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/base/on_threads.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/story_assigner.h"
#include "common/index/xapian_error.h"

namespace newsindex {

namespace {

const std::string kNotes(schema::kStoryNotesPrefix);

// The notes left in `db`'s metadata, by earlier runs too (a run killed before it linked).
// None from a backend that cannot list its metadata (in-memory): it keeps only what the
// writer noted in this run, which the caller has.
std::vector<std::string> note_keys(const Xapian::Database& db) {
    try {
        return {db.metadata_keys_begin(kNotes), db.metadata_keys_end(kNotes)};
    } catch (const Xapian::UnimplementedError&) {
        return {};
    }
}

void add_note(stories::StoryNotes& notes, const Xapian::Database& db, const std::string& key) {
    const std::string kind = key.substr(kNotes.size(), 2);
    const std::string name = key.substr(std::min(key.size(), kNotes.size() + 2));
    if (kind == "a:") {
        try {
            notes.added.push_back(static_cast<Xapian::docid>(std::stoul(name)));
        } catch (const std::exception&) {
            // Not a note this version writes: nothing to link.
        }
    } else if (kind == "m:") {
        // A note this version did not write (no story to merge into) links nothing.
        if (std::string to = db.get_metadata(key); !name.empty() && !to.empty())
            notes.merged.emplace_back(name, std::move(to));
    } else if (kind == "l:") {
        notes.left.insert(name);
    }
}

}  // namespace

void IndexWriter::note_story(std::string_view kind, const std::string& name,
                             const std::string& value) {
    const std::string key = kNotes + std::string(kind) + name;
    db_.set_metadata(key, value);
    story_notes_.push_back(key);
}

void IndexWriter::defer_story_links(std::span<IndexWriter* const> shards) {
    for (IndexWriter* shard : shards) {
        shard->defer_story_links_ = true;
        shard->story_peers_.clear();
        // An empty shard (all of them, in a first build) has nothing to join yet:
        // link_stories does all the work once the writers are done, cheaper than each
        // writer reading what the others commit meanwhile.
        for (const IndexWriter* peer : shards)
            if (peer != shard && !peer->folder_.empty() && peer->article_count() > 0)
                xapian_guard(peer->name_,
                             [&] { shard->story_peers_.emplace_back(peer->folder_.string()); });
    }
}

void IndexWriter::link_stories(std::span<IndexWriter* const> shards) {
    // The writers are done: their views of each other go.
    for (IndexWriter* shard : shards) shard->story_peers_.clear();
    std::vector<stories::StoryNotes> notes(shards.size());
    std::vector<std::vector<std::string>> keys(shards.size());
    std::vector<Xapian::WritableDatabase*> dbs;
    bool any = false;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        IndexWriter& shard = *shards[s];
        dbs.push_back(&shard.db_);
        xapian_guard(shard.name_, [&] {
            std::set<std::string> unique(shard.story_notes_.begin(), shard.story_notes_.end());
            for (auto& key : note_keys(shard.db_)) unique.insert(std::move(key));
            for (const auto& key : unique) add_note(notes[s], shard.db_, key);
            keys[s].assign(unique.begin(), unique.end());
        });
        any = any || !keys[s].empty();
    }
    if (!any) return;
    for (auto& shard : notes) {
        std::sort(shard.added.begin(), shard.added.end());
        shard.added.erase(std::unique(shard.added.begin(), shard.added.end()), shard.added.end());
    }
    // Looking across the shards only reads: on disk, each thread reads every shard through
    // handles of its own (a WritableDatabase serves one thread), which see what is committed.
    const bool on_disk = std::all_of(shards.begin(), shards.end(), [](const IndexWriter* shard) {
        return !shard->folder_.empty();
    });
    std::vector<stories::StoryLinks> found(shards.size());
    if (on_disk) {
        for (IndexWriter* shard : shards) shard->commit();
        on_threads(shards.size(), [&](std::size_t s) {
            xapian_guard(shards[s]->name_, [&] {
                std::vector<Xapian::Database> handles;
                std::vector<const Xapian::Database*> readers;
                for (const IndexWriter* shard : shards)
                    handles.emplace_back(shard->folder_.string());
                for (const auto& handle : handles) readers.push_back(&handle);
                found[s] = stories::find_story_links(readers, s, notes);
            });
        });
    } else {
        const std::vector<const Xapian::Database*> readers(dbs.begin(), dbs.end());
        for (std::size_t s = 0; s < shards.size(); ++s)
            xapian_guard(shards[s]->name_,
                         [&] { found[s] = stories::find_story_links(readers, s, notes); });
    }
    xapian_guard(shards.front()->name(), [&] { stories::link_stories(dbs, notes, found); });

    // The links first, in every shard; only then may the notes go (in the next commit).
    for (IndexWriter* shard : shards) {
        shard->articles_changed();
        shard->commit();
    }

    for (std::size_t s = 0; s < shards.size(); ++s)
        xapian_guard(shards[s]->name_, [&] {
            for (const auto& key : keys[s]) shards[s]->db_.set_metadata(key, {});
            shards[s]->story_notes_.clear();
        });
}

}  // namespace newsindex
