#include "common/index/index_writer.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <system_error>

#include "common/index/entity_document.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_terms.h"
#include "common/index/facet_columns.h"
#include "common/index/index_open.h"
#include "common/index/schema.h"
#include "common/index/story_assigner.h"
#include "common/index/value_stream.h"
#include "common/index/xapian_error.h"

namespace newsindex {

namespace {

// Removes what killed creations left behind: "<name>.creating-<pid>" folders whose
// process is gone.
void remove_stale_creations(const std::filesystem::path& path) {
    const std::string stem = path.filename().string() + ".creating-";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(path.parent_path(), ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, stem.size(), stem) != 0) continue;
        const pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + stem.size()));
        if (pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH)) continue;  // still being created
        std::error_code ignored;
        std::filesystem::remove_all(it->path(), ignored);
    }
}

// Xapian creates a database file by file, so a process killed meanwhile would leave a
// folder that is no database and never opens again. A new index is therefore made
// under a temporary name, with its schema version committed, and renamed into place.
void create_atomically(const std::filesystem::path& path) {
    remove_stale_creations(path);
    const std::filesystem::path creating =
        path.string() + ".creating-" + std::to_string(::getpid());
    std::filesystem::remove_all(creating);
    {
        Xapian::WritableDatabase db(creating.string(), Xapian::DB_CREATE);
        write_metadata(db, {current_schema_version(), {}, nullptr, {}});
        db.commit();
        db.close();
    }
    if (::rename(creating.c_str(), path.c_str()) != 0) {
        // Another run created it first: use theirs.
        std::error_code ignored;
        std::filesystem::remove_all(creating, ignored);
    }
}

bool is_permission_problem(int error) {
    return error == EACCES || error == EPERM || error == EROFS;
}

// Xapian reports an index it cannot lock for want of permission as locked by another
// process; a user who may not write there must hear that instead.
void require_writable(const std::filesystem::path& path) {
    for (const auto& file : {path, path / "flintlock"}) {
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) continue;
        if (::access(file.c_str(), W_OK) != 0 && is_permission_problem(errno))
            throw Error(ErrorKind::permission,
                        "cannot write index " + path.string() + ": " + std::strerror(errno));
    }
}

Xapian::WritableDatabase open_writable(const std::filesystem::path& path) {
    std::error_code ec;
    const auto parent = path.parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec)
        throw Error(is_permission_problem(ec.value()) ? ErrorKind::permission : ErrorKind::io,
                    "cannot create " + parent.string() + ": " + ec.message());
    require_writable(path);
    if (std::filesystem::is_directory(path, ec) && !is_xapian_database(path)) {
        // Never lock (and so litter) a folder that is no index: an empty one is made one.
        if (!std::filesystem::is_empty(path, ec))
            throw Error(ErrorKind::incompatible,
                        path.string() + " is not an index: the folder holds other files");
        std::filesystem::remove(path, ec);
    }
    if (!parent.empty() && !std::filesystem::exists(path, ec) &&
        ::access(parent.c_str(), W_OK) != 0 && is_permission_problem(errno))
        throw Error(ErrorKind::permission,
                    "cannot create index " + path.string() + ": " + std::strerror(errno));
    try {
        if (!std::filesystem::exists(path, ec)) create_atomically(path);
        return Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(ErrorKind::locked,
                    "index " + path.string() + " is being updated by another newsindex run");
    } catch (const Xapian::Error& e) {
        if (auto error = not_an_index(path, e)) throw *error;
        throw from_xapian(e, "cannot open index " + path.string());
    } catch (const std::filesystem::filesystem_error& e) {
        throw Error(ErrorKind::io,
                    "cannot create index " + path.string() + ": " + e.code().message());
    }
}

template <typename Int>
Int parse_number(const std::string& text) {
    try {
        return static_cast<Int>(std::stoll(text));
    } catch (const std::exception&) {
        return 0;  // unreadable state: the file will look changed and be read again
    }
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& path, SchemaCheck check)
    : IndexWriter(open_writable(path), "index " + path.string(), check) {
    folder_ = path;
    xapian_guard(name_, [&] {
        if (FacetColumns::open(folder_, db_)) columns_revision_ = db_.get_revision();
    });
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, std::string name, SchemaCheck check)
    : db_(std::move(db)), name_(std::move(name)) {
    if (check == SchemaCheck::required) check_schema();
}

void IndexWriter::check_schema() {
    // Damage that opening does not notice, but searches would.
    if (article_count() > 0 && !xapian_guard(name_, [&] { return db_.has_positions(); }))
        throw Error(ErrorKind::corrupt,
                    name_ + " has lost its word positions (its position table is missing)");
    IndexMetadata metadata = this->metadata();
    const SchemaState state = schema_state(metadata.schema_version);
    if (state == SchemaState::current) return;
    if (metadata.schema_version.empty() && article_count() == 0) {
        // An empty database made by another tool (or an older newsindex): adopt it.
        metadata.schema_version = current_schema_version();
        set_metadata(metadata);
        commit();
        return;
    }
    // Only a version number below ours is an older newsindex index; no version or
    // another text means another program's database, which is never rebuilt over.
    const bool older = state == SchemaState::older;
    throw Error(older ? ErrorKind::outdated : ErrorKind::incompatible,
                name_ + " has schema version " +
                    (metadata.schema_version.empty() ? "(none)" : metadata.schema_version) +
                    ", this newsindex writes " + current_schema_version() +
                    (older ? "" : "; rebuild it with --full to use it with this newsindex"));
}

template <typename Fn>
decltype(auto) IndexWriter::guarded(Fn&& fn) const {
    return xapian_guard(name_, std::forward<Fn>(fn));
}

IndexWriter::~IndexWriter() {
    try {
        spelling_changes_.apply(db_);
        db_.commit();
    } catch (const Xapian::Error&) {
        // Nothing sensible to do in a destructor: the last committed state stays intact.
    }
}

std::optional<IndexedFile> IndexWriter::indexed_file(const std::string& file_key) const {
    return guarded([&]() -> std::optional<IndexedFile> {
        const std::string term = schema::file_term(file_key);
        const auto posting = db_.postlist_begin(term);
        if (posting == db_.postlist_end(term)) return std::nullopt;
        const Xapian::Document doc = db_.get_document(*posting, Xapian::DOC_ASSUME_VALID);
        return IndexedFile{parse_number<std::uintmax_t>(doc.get_value(schema::kFileSizeSlot)),
                           parse_number<std::int64_t>(doc.get_value(schema::kFileMtimeSlot)),
                           doc.get_value(schema::kFileHashSlot),
                           doc.get_value(schema::kMetadataSlot)};
    });
}

bool IndexWriter::keeps_spelling() {
    if (!spelling_) {
        const std::string key(schema::kSpellingKey);
        spelling_ = db_.get_metadata(key) == "1";
        if (!*spelling_ && db_.get_doccount() == 0) {
            try {
                db_.add_spelling("x");  // one byte: ignored by a backend that keeps spellings
                db_.set_metadata(key, "1");
                spelling_ = true;
            } catch (const Xapian::UnimplementedError&) {
                // One that keeps none (in-memory): searches there suggest nothing.
            }
        }
    }
    return *spelling_;
}

void IndexWriter::replace_file(const std::string& file_key,
                               const std::vector<ArticleDocument>& articles) {
    guarded([&] {
        // Inside one commit, so a reader sees either the old articles of the file or the new.
        std::set<std::string> left;
        remove_file_articles(file_key, left);
        add_articles(articles, left);
        split_stories(left);
    });
}

void IndexWriter::add_file(const std::vector<ArticleDocument>& articles) {
    guarded([&] {
        std::set<std::string> left;
        add_articles(articles, left);
        split_stories(left);
    });
}

void IndexWriter::split_stories(const std::set<std::string>& left) {
    for (const auto& story : left) {
        if (defer_story_links_)
            note_story("l:", story, "1");
        else
            stories::split_story(db_, story);
    }
}

void IndexWriter::add_articles(const std::vector<ArticleDocument>& articles,
                               std::set<std::string>& left) {
    if (!articles.empty()) articles_changed();
    for (const auto& article : articles) {
        if (keeps_spelling()) spelling_changes_.add(article.spelling_words);
        // The version this one replaces may have been what held its story together.
        if (const auto old = db_.postlist_begin(article.id_term);
            old != db_.postlist_end(article.id_term))
            if (std::string story = stories::story_of(db_, *old); !story.empty())
                left.insert(std::move(story));
        Xapian::Document doc = article.document;
        const auto assigned = stories::assign_story(db_, doc, article.id_term, story_peers_);
        const Xapian::docid id = db_.replace_document(article.id_term, doc);
        if (defer_story_links_) {
            note_story("a:", std::to_string(id), "1");
            for (const auto& merged : assigned.merged) note_story("m:", merged, assigned.story);
        }
    }
}

void IndexWriter::remove_file_articles(const std::string& file_key, std::set<std::string>& left) {
    const std::string term = schema::file_term(file_key);
    if (keeps_spelling())
        for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
            spelling_changes_.remove(db_.get_document(*it, Xapian::DOC_ASSUME_VALID));
    if (!db_.term_exists(term)) return;
    articles_changed();
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
        if (std::string story = stories::story_of(db_, *it); !story.empty())
            left.insert(std::move(story));
    db_.delete_document(term);
}

void IndexWriter::set_file_state(const std::string& file_key, std::uintmax_t size,
                                 std::int64_t mtime_ns,
                                 const std::optional<std::string>& content_hash) {
    guarded([&] {
        const std::string term = schema::file_term(file_key);
        std::vector<Xapian::docid> ids(db_.postlist_begin(term), db_.postlist_end(term));
        for (const Xapian::docid id : ids) {
            Xapian::Document doc = db_.get_document(id);
            doc.add_value(schema::kFileSizeSlot, std::to_string(size));
            doc.add_value(schema::kFileMtimeSlot, std::to_string(mtime_ns));
            if (content_hash) doc.add_value(schema::kFileHashSlot, *content_hash);
            db_.replace_document(id, doc);
        }
    });
}

void IndexWriter::remove_file(const std::string& file_key) {
    guarded([&] {
        std::set<std::string> left;
        remove_file_articles(file_key, left);
        split_stories(left);
    });
}

std::unordered_map<std::string, IndexedFile> IndexWriter::files_under(
    const std::string& root) const {
    return guarded([&] {
        const std::string prefix = root + '/';
        std::unordered_map<std::string, IndexedFile> files;
        ValueStream sizes(db_, schema::kFileSizeSlot);
        ValueStream mtimes(db_, schema::kFileMtimeSlot);
        ValueStream hashes(db_, schema::kFileHashSlot);
        ValueStream metadata(db_, schema::kMetadataSlot);
        for (auto it = db_.valuestream_begin(schema::kFileKeySlot);
             it != db_.valuestream_end(schema::kFileKeySlot); ++it) {
            std::string key = *it;
            // The articles of one file share its state.
            if (!key.starts_with(prefix) || files.contains(key)) continue;
            const Xapian::docid id = it.get_docid();
            files.emplace(std::move(key), IndexedFile{parse_number<std::uintmax_t>(sizes.at(id)),
                                                      parse_number<std::int64_t>(mtimes.at(id)),
                                                      hashes.at(id), metadata.at(id)});
        }
        return files;
    });
}

EntityTable IndexWriter::entity_table() const {
    return guarded([&] {
        return EntityTable::unserialise(db_.get_metadata(std::string(schema::kEntityLinksKey)));
    });
}

EntityEvidence IndexWriter::entity_evidence() const {
    return guarded([&] {
        EntityEvidence evidence;
        for (const auto prefix : {schema::kRawEntityPrefix, schema::kAliasEvidencePrefix})
            for (auto it = db_.allterms_begin(std::string(prefix));
                 it != db_.allterms_end(std::string(prefix)); ++it)
                add_evidence_term(evidence, *it, it.get_termfreq());
        return evidence;
    });
}

std::string IndexWriter::entity_table_source() const {
    return guarded([&] { return db_.get_metadata(std::string(schema::kEntityTableSourceKey)); });
}

std::size_t IndexWriter::rewrite_entities(const EntityTable& table,
                                          const std::vector<const EntityTable*>& built_with,
                                          std::string_view source) {
    return guarded([&] {
        const EntityTable old_table = entity_table();
        // Every article with a name an earlier table resolves otherwise, each once. A name
        // no table links stands for itself in all of them: only linked names can differ.
        std::set<std::string_view> linked;
        for (const EntityTable* each : built_with)
            for (const auto& [key, entity] : each->links()) linked.insert(key);
        for (const auto& [key, entity] : table.links()) linked.insert(key);
        std::set<Xapian::docid> changed;
        for (const std::string_view key : linked) {
            const auto raw = EntityTable::from_link_key(key);
            if (!raw) continue;
            const NamedEntity resolved = table.resolve(*raw);
            if (std::all_of(built_with.begin(), built_with.end(), [&](const EntityTable* other) {
                    return other->resolve(*raw) == resolved;
                }))
                continue;
            const std::string term = raw_entity_term(*raw);
            if (term.empty()) continue;
            for (auto posting = db_.postlist_begin(term); posting != db_.postlist_end(term);
                 ++posting)
                changed.insert(*posting);
        }
        std::size_t rewritten = 0;
        for (const Xapian::docid id : changed) {
            Xapian::Document doc = db_.get_document(id);
            if (!apply_entity_table(doc, table)) continue;
            db_.replace_document(id, doc);
            articles_changed();
            ++rewritten;
        }
        update_entity_lookup(db_, old_table, table);
        db_.set_metadata(std::string(schema::kEntityLinksKey), table.serialise());
        db_.set_metadata(std::string(schema::kEntityTableSourceKey), std::string(source));
        return rewritten;
    });
}

std::size_t IndexWriter::update_entity_table(const std::vector<CuratedAlias>& curated) {
    const EntityTable old_table = entity_table();
    const EntityEvidence evidence = entity_evidence();
    return rewrite_entities(compute_entity_table(evidence, curated), {&old_table},
                            newsindex::entity_table_source(evidence, curated));
}

IndexMetadata IndexWriter::metadata() const {
    return guarded([&] { return read_metadata(db_); });
}

void IndexWriter::set_metadata(const IndexMetadata& metadata) {
    guarded([&] { write_metadata(db_, metadata); });
}

void IndexWriter::commit() {
    guarded([&] {
        spelling_changes_.apply(db_);
        db_.commit();
    });
}

void IndexWriter::update_facet_columns() {
    if (folder_.empty()) return;
    commit();  // columns are stamped with a committed revision, and read what it holds
    guarded([&] {
        const Xapian::rev revision = db_.get_revision();
        if (columns_revision_ == revision && !facets_changed_) return;
        if (facets_changed_ || !columns_revision_ ||
            !restamp_facet_columns(db_, folder_, *columns_revision_))
            write_facet_columns(db_, folder_);
        columns_revision_ = revision;
        facets_changed_ = false;
    });
}

void IndexWriter::close() {
    guarded([&] {
        spelling_changes_.apply(db_);
        db_.close();
    });
}

std::uint64_t IndexWriter::article_count() const {
    return guarded([&] { return db_.get_doccount(); });
}

}  // namespace newsindex
