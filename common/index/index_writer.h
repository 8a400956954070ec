// The one owner of a WritableDatabase during a build.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/index/document_builder.h"
#include "common/index/entity_table.h"
#include "common/index/file_job.h"
#include "common/index/index_metadata.h"
#include "common/index/spelling.h"

namespace newsindex {

// Every method throws Error: locked, io (a full disk), corrupt, ...; none lets a
// Xapian::Error through.
class IndexWriter {
public:
    // Whether opening checks that the index has this newsindex's schema version.
    enum class SchemaCheck { required, skipped };
    // Opens the database at `path`, creating it (and its parent folders) if needed.
    // Throws Error: locked, outdated or incompatible (unless `check` is skipped: a
    // rebuild only holds the old index's lock while it builds the new one), io, corrupt.
    explicit IndexWriter(const std::filesystem::path& path,
                         SchemaCheck check = SchemaCheck::required);
    // Writes into an open database (an in-memory one, say), called `name` in messages.
    IndexWriter(Xapian::WritableDatabase db, std::string name,
                SchemaCheck check = SchemaCheck::required);
    // Commits what was added: a build that ends by exception keeps its finished work.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // The state recorded for a file key, if any article of the file is indexed.
    std::optional<IndexedFile> indexed_file(const std::string& file_key) const;
    // Replaces every article of the file with `articles`.
    void replace_file(const std::string& file_key, const std::vector<ArticleDocument>& articles);
    // The same for a file the index holds no article of (files_under() says so), without
    // looking for old ones.
    void add_file(const std::vector<ArticleDocument>& articles);
    void remove_file(const std::string& file_key);
    // Records a new size and mtime (and content hash, when given) for every article of the
    // file, keeping the articles.
    void set_file_state(const std::string& file_key, std::uintmax_t size, std::int64_t mtime_ns,
                        const std::optional<std::string>& content_hash = std::nullopt);
    // What the index holds of one record of a file read record by record (file_records.h).
    struct IndexedRecord {
        std::string state;                    // its kRecordSlot value
        std::vector<Xapian::docid> articles;  // a record may hold several
    };
    // The records of such a file the index holds, by record key (index_writer_records.cc);
    // nothing when an article of the file has no state (the file was read whole), so that
    // only replacing the whole file is right.
    std::optional<std::unordered_map<std::string, IndexedRecord>> indexed_records(
        const std::string& file_key) const;
    // Removes these articles (of records that changed or are gone), as remove_article does.
    void remove_articles(const std::vector<Xapian::docid>& articles);
    // Adds the articles, each replacing the one with its id term if any (its words leave
    // the spelling dictionary).
    void replace_articles(const std::vector<ArticleDocument>& articles);
    // Records a new state for the file where indexed_file() and files_under() read it, in
    // its first article (lowest document id), when only some of its articles were written.
    void set_first_article_state(const std::string& file_key, std::uintmax_t size,
                                 std::int64_t mtime_ns, const std::string& content_hash);
    // Removes the article with this id term, if the index has it; true if it had.
    bool remove_article(const std::string& id_term);
    // Every indexed file under `root` (a canonical root path), by key, with its state: one
    // pass over value streams, where indexed_file() looks each file up.
    std::unordered_map<std::string, IndexedFile> files_under(const std::string& root) const;

    IndexMetadata metadata() const;
    void set_metadata(const IndexMetadata& metadata);

    // The entity table the index's articles are resolved with.
    EntityTable entity_table() const;
    // The evidence the entity table is computed from (entity_table.h).
    EntityEvidence entity_evidence() const;
    // Rewrites the entities of every article `table` resolves otherwise than any table in
    // `built_with` (the tables its articles may have been built with: the one the index
    // held, and any a build used since), and records `table`, all in the next commit.
    // Returns the number of articles rewritten.
    // `source`: what `table` was computed from (entity_table_source()), recorded with it;
    // empty when the caller cannot say.
    std::size_t rewrite_entities(const EntityTable& table,
                                 const std::vector<const EntityTable*>& built_with,
                                 std::string_view source = {});
    // The `source` recorded with the entity table; empty when none was.
    std::string entity_table_source() const;
    // Both: the table of this index's own evidence and `curated`.
    std::size_t update_entity_table(const std::vector<CuratedAlias>& curated);

    // These databases are the shards of one index. Each shard's writer groups its
    // articles into stories with what the others last committed (a version whose
    // original is in another shard joins its story), and notes, in the same commits,
    // what link_stories must look at across the shards: what the others did since, and
    // the stories that lost an article, which are split there.
    static void defer_story_links(std::span<IndexWriter* const> shards);
    // Joins and splits the stories of `shards` as their notes say (stories::link_stories),
    // commits them, then drops the notes: a run killed in between leaves them for the
    // next. Afterwards the shards group as one database holding all their articles
    // would (index_writer_stories.cc).
    static void link_stories(std::span<IndexWriter* const> shards);

    // Makes everything so far durable and visible to searches, atomically.
    void commit();
    // Brings the facet columns beside the database (facet_columns.h) up to its last
    // commit: rewritten when articles changed since they were written, else only
    // re-stamped. Nothing for a database that is not on disk.
    void update_facet_columns();
    // Commits and releases the database and its lock.
    void close();

    std::uint64_t article_count() const;
    const std::string& name() const { return name_; }

private:
    void check_schema();
    // Whether the spelling dictionary follows the articles (schema::kSpellingKey): it
    // does from when the index was empty; an older index keeps having none.
    bool keeps_spelling();
    // Deletes every article of the file, taking their words out of the dictionary.
    // Both add to `left` the stories that articles left: the caller splits them
    // (stories::split_story) once the file's new articles are in.
    void remove_file_articles(const std::string& file_key, std::set<std::string>& left);
    void add_articles(const std::vector<ArticleDocument>& articles, std::set<std::string>& left);
    // Splits the stories that articles left, or notes them for link_stories.
    void split_stories(const std::set<std::string>& left);
    void note_story(std::string_view kind, const std::string& name, const std::string& value);
    template <typename Fn>
    decltype(auto) guarded(Fn&& fn) const;

    // Notes that an article was added, changed or removed: the facet columns are stale.
    void articles_changed() { facets_changed_ = true; }

    Xapian::WritableDatabase db_;
    std::string name_;              // "index PATH": how messages name the database
    std::filesystem::path folder_;  // the database's folder; empty when not on disk
    // The revision the facet columns were current for when last seen, and whether an
    // article changed since.
    std::optional<Xapian::rev> columns_revision_;
    bool facets_changed_ = false;
    bool defer_story_links_ = false;
    std::vector<std::string> story_notes_;       // the keys noted in this run
    std::vector<Xapian::Database> story_peers_;  // the other shards, read-only
    std::optional<bool> spelling_;               // keeps_spelling(), once known
    SpellingChanges spelling_changes_;           // since the last commit
};

}  // namespace newsindex
