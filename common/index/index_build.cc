#include "common/index/index_build.h"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/base/error.h"
#include "common/base/on_threads.h"
#include "common/base/ordered_work.h"
#include "common/index/evidence_pass.h"
#include "common/index/file_job.h"
#include "common/index/index_health.h"
#include "common/index/index_open.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/index/tag_cache.h"
#include "common/index/writable_index.h"
#include "common/index/xapian_error.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_origin.h"
#include "common/read/corpus_walker.h"
#include "common/read/file_records.h"
#include "common/read/metadata_table.h"

namespace newsindex {

std::size_t BuildStats::files_skipped() const {
    return std::accumulate(skipped.begin(), skipped.end(), std::size_t{0},
                           [](std::size_t sum, const auto& entry) { return sum + entry.second; });
}

namespace {

using Clock = std::chrono::steady_clock;

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

// Worker threads for `jobs` (0: one per core). One job needs none: the writer's thread
// does it all, as it would waiting for a lone worker.
std::size_t worker_threads(std::size_t jobs) {
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    return jobs == 1 ? 0 : jobs;
}

// Most memory the entities of a first build's evidence pass may hold for its writing pass
// (tag_cache.h): about 300,000 news articles; those past it are tagged again.
constexpr std::size_t kMaxKeptTagBytes = std::size_t{256} << 20;

// Which part of the archive a Build writes: shard `index` of `count`.
struct ShardPart {
    std::size_t index = 0;
    std::size_t count = 1;
};

// One writer's pass over the roots: reads what changed (on worker threads), writes its
// articles, removes what is gone. Each shard of a sharded index has one, on a thread of
// its own; every shard walks the roots and keeps the files that hash to it.
class Build {
public:
    // `archive_table`: the entity table of every article the run will write (evidence
    // pass), if known; else articles are built with the index's table, then with tables
    // of the evidence so far.
    // `tags`: what the evidence pass tagged, if it kept it.
    Build(const BuildOptions& options, IndexWriter& writer, BuildObserver& observer, ShardPart part,
          std::size_t threads, std::shared_ptr<const EntityTable> archive_table,
          std::shared_ptr<TagCache> tags, std::shared_ptr<const MetadataTables> metadata)
        : options_(options),
          observer_(observer),
          writer_(writer),
          part_(part),
          metadata_(writer.metadata()),
          learns_table_(archive_table == nullptr),
          entity_table_(archive_table ? std::move(archive_table)
                                      : std::make_shared<const EntityTable>(writer.entity_table())),
          tables_used_{entity_table_},
          tags_(std::move(tags)),
          tables_(std::move(metadata)),
          work_(threads, 4 * std::max<std::size_t>(threads, 1)) {}

    // The entity tables the index's articles may have been built with after this run:
    // the one it held, or the archive's, and any learnt since. What the table recomputed
    // at the end must be compared with.
    std::vector<std::shared_ptr<const EntityTable>> tables_used() const { return tables_used_; }

    BuildStats index_roots() {
        last_commit_ = Clock::now();
        for (const auto& root : options_.roots) {
            if (stop_requested()) break;
            index_root(root);
        }
        stats_.interrupted = stop_requested();
        return stats_;
    }

private:
    bool stop_requested() const {
        return options_.stop_requested != nullptr && options_.stop_requested->load();
    }
    // Problems with the roots themselves are said once, by the first shard.
    bool speaks_for_roots() const { return part_.index == 0; }
    bool is_mine(const ArticleOrigin& file) const {
        return shard_of(file.key(), part_.count) == part_.index;
    }

    void index_root(const std::filesystem::path& given) {
        std::error_code ec;
        const auto root = resolve_corpus_root(given, ec);
        if (!root) {
            // An unmounted disk or a typo: fail the run, and touch nothing indexed from it.
            if (!speaks_for_roots()) return;
            ++stats_.roots_failed;
            observer_.problem(
                given, "cannot read: " + ec.message() + " (nothing under it was changed)", true);
            return;
        }
        remember_root(root->key);

        // What the index holds of the folder's files, read in one pass; each file the walk
        // finds leaves it, and what remains is gone from disk.
        indexed_ = root->is_folder ? writer_.files_under(root->key)
                                   : std::unordered_map<std::string, IndexedFile>{};
        const WalkCallbacks callbacks{
            [&](const ArticleOrigin& found) {
                ArticleOrigin file = found;
                file.metadata = tables_.get();
                file.metadata_state = tables_->file_state(file.key());
                if (is_mine(file)) {
                    auto known = indexed_.extract(file.key());
                    index_file(file, known             ? std::optional(std::move(known.mapped()))
                                     : root->is_folder ? std::nullopt
                                                       : writer_.indexed_file(file.key()));
                }
                return !stop_requested();
            },
            [&](const std::filesystem::path& where, const std::string& reason) {
                if (!speaks_for_roots()) return;
                ++stats_.warnings;
                observer_.problem(where, reason, false);
            }};
        const WalkOutcome outcome = walk_corpus(*root, callbacks);
        work_.drain([this](FileJobResult&& result) { apply(std::move(result)); });
        if (!root->is_folder)
            return;  // a single file: nothing else of its folder is ours to remove
        if (!outcome.complete) {
            if (!stop_requested() && speaks_for_roots()) {
                ++stats_.roots_incomplete;
                observer_.problem(
                    given, "not every folder could be read; no deleted files were removed", false);
            }
            return;
        }
        // Only a complete walk proves a file is gone.
        for (const auto& [key, state] : indexed_) {
            writer_.remove_file(key);
            ++stats_.files_removed;
            note_change();
        }
        indexed_.clear();
    }

    // `indexed`: what the index holds of the file.
    void index_file(const ArticleOrigin& file, std::optional<IndexedFile> indexed) {
        ++stats_.files;
        if (tables_->is_table(file.key())) {
            skip(file.path, "metadata table");
            observer_.progress(stats_);
            return;
        }
        if (file.format == ArticleFormat::unsupported) {
            // Skipped, not unchanged: the summary counts each file once.
            skip(file.path, "not an article format");
            observer_.progress(stats_);
            return;
        }
        if (!indexed || options_.verify || indexed->size != file.size ||
            indexed->mtime_ns != file.mtime_ns || indexed->metadata_state != file.metadata_state) {
            if (is_record_format(file.format) && index_records(file, indexed)) return;
            // The model loads here, on the writer's thread, when a file first needs it.
            const EntityExtractor* extractor =
                options_.extractor != nullptr ? &options_.extractor->get() : nullptr;
            work_.submit(
                [extractor, table = entity_table_, tags = tags_,
                 language = options_.default_language,
                 job = FileJob{file, std::move(indexed), options_.verify}]() mutable {
                    return run_file_job(std::move(job), extractor, *table, tags.get(), language);
                },
                [this](FileJobResult&& result) { apply(std::move(result)); });
            return;
        }
        ++stats_.files_unchanged;
        observer_.progress(stats_);
    }

    // What a run knows of one file read record by record while its records are written.
    struct RecordFile {
        ArticleOrigin origin;
        std::optional<IndexedFile> indexed;
        std::size_t records = 0;    // records read (non-blank lines, article members...)
        std::size_t unchanged = 0;  // records the index holds as they are
        std::size_t written = 0;
        std::vector<Xapian::docid> gone;         // articles of records no longer in the file
        std::vector<std::string> held_warnings;  // until the file is known to hold an article
        std::vector<std::string> file_warnings;  // the reader's, about the whole file
        std::string read_error;
        bool has_article() const { return unchanged + written > 0; }
    };

    // Reads a file record by record on this thread (file_records.h), in bounded memory,
    // and hands the records that are new or changed to the workers in stretches; what the
    // index holds of the others stays. False for a file read whole after all.
    bool index_records(const ArticleOrigin& origin, const std::optional<IndexedFile>& indexed) {
        constexpr std::size_t kRecordsPerJob = 256;
        // Members of an archive are whole articles: fewer to a stretch keeps memory low.
        constexpr std::size_t kBytesPerJob = std::size_t{8} << 20;
        auto file = std::make_shared<RecordFile>();
        file->origin = origin;
        file->indexed = indexed;
        try {
            std::unique_ptr<RecordReader> reader = open_records(origin);
            if (!reader) return false;
            if (options_.verify) {
                // One pass for the hash, so that an unchanged file is not written at all.
                while (reader->next()) {
                }
                file->origin.content_hash = reader->content_hash();
                if (indexed && indexed->content_hash == file->origin.content_hash) {
                    ++stats_.files_unchanged;
                    observer_.progress(stats_);
                    return true;
                }
                reader = open_records(origin);
            }
            const EntityExtractor* extractor =
                options_.extractor != nullptr ? &options_.extractor->get() : nullptr;
            std::unordered_map<std::string, IndexWriter::IndexedRecord> known;
            if (indexed) {
                auto records = writer_.indexed_records(origin.key());
                if (records) {
                    known = std::move(*records);
                } else {
                    // Indexed whole before (it was not plain UTF-8 then): replaced whole.
                    writer_.remove_file(origin.key());
                    file->indexed.reset();
                    note_change();
                }
            }
            RecordJob job{file->origin, {}};
            std::vector<Xapian::docid> stale;  // the old articles of the job's records
            std::size_t job_bytes = 0;
            const auto submit = [&] {
                work_.submit(
                    [this, file, extractor, table = entity_table_, tags = tags_,
                     job = std::move(job), stale = std::move(stale)]() mutable {
                        FileJobResult result = run_record_job(job, extractor, *table, tags.get(),
                                                              options_.default_language);
                        result.apply = [this, file,
                                        stale = std::move(stale)](FileJobResult&& done) {
                            apply_records(*file, stale, done);
                        };
                        return result;
                    },
                    [this](FileJobResult&& result) { apply(std::move(result)); });
                job = RecordJob{file->origin, {}};
                stale.clear();
                job_bytes = 0;
            };
            while (auto record = reader->next()) {
                ++file->records;
                if (const auto it = known.find(record->key); it != known.end()) {
                    const bool same =
                        it->second.state == record_state(*record, file->origin.metadata_state);
                    if (same) {
                        known.erase(it);
                        ++file->unchanged;
                        continue;
                    }
                    stale.insert(stale.end(), it->second.articles.begin(),
                                 it->second.articles.end());
                    known.erase(it);
                }
                job_bytes += record->bytes.size();
                job.records.push_back(std::move(*record));
                if (job.records.size() == kRecordsPerJob || job_bytes >= kBytesPerJob) submit();
            }
            if (!job.records.empty() || !stale.empty()) submit();
            file->file_warnings = reader->warnings();
            for (const auto& [key, record] : known)
                file->gone.insert(file->gone.end(), record.articles.begin(), record.articles.end());
        } catch (const Error& e) {
            file->read_error = e.what();
        }
        // Once every stretch is written, in walk order like everything else.
        work_.submit(
            [this, file] {
                FileJobResult result;
                result.apply = [this, file](FileJobResult&&) { finish_records(*file); };
                return result;
            },
            [this](FileJobResult&& result) { apply(std::move(result)); });
        return true;
    }

    void apply_records(RecordFile& file, const std::vector<Xapian::docid>& stale,
                       FileJobResult& result) {
        // The old articles of changed records go in the same commit as their new ones, and
        // before them: a new article takes the document id of the one it replaces. While
        // the file has given no article, they wait: a file with nothing readable left keeps
        // what the index had of it.
        const bool removes_now = file.has_article() || !result.documents.empty();
        if (removes_now)
            writer_.remove_articles(stale);
        else
            file.gone.insert(file.gone.end(), stale.begin(), stale.end());
        if (!result.documents.empty()) {
            if (file.indexed)
                writer_.replace_articles(result.documents);
            else
                writer_.add_file(result.documents);
            file.written += result.documents.size();
            stats_.articles_read += result.documents.size();
            stats_.articles_indexed += result.documents.size();
        }
        if (!result.documents.empty() || (removes_now && !stale.empty()))
            note_change(std::max<std::size_t>(result.documents.size(), 1));
        for (auto& warning : result.warnings) file.held_warnings.push_back(std::move(warning));
        if (file.has_article()) report_record_warnings(file);
        observer_.progress(stats_);
    }

    void report_record_warnings(RecordFile& file) {
        for (const auto& warning : file.held_warnings) {
            ++stats_.warnings;
            observer_.problem(file.origin.path, warning, false);
        }
        file.held_warnings.clear();
    }

    void finish_records(RecordFile& file) {
        const ArticleOrigin& origin = file.origin;
        const bool indexed = file.indexed.has_value();
        if (!file.read_error.empty()) {
            // The state stays as it was, so the next run reads the file again.
            ++stats_.files_failed;
            observer_.problem(origin.path, file.read_error, true);
            return;
        }
        auto& warnings = file.file_warnings;
        if (!file.has_article()) {
            if (file.records == 0) {
                // A blank JSON Lines file, or an archive of no article files (what the
                // reader passed over, such as a coding it does not read, said once).
                for (const auto& warning : warnings) {
                    ++stats_.warnings;
                    observer_.problem(origin.path, warning, false);
                }
                if (origin.format == ArticleFormat::archive && !indexed)
                    skip(origin.path, "no article files in it");
                else
                    remove_emptied(origin, indexed);
                observer_.progress(stats_);
                return;
            }
            // As parse_file says it: the first problem, and how many more.
            warnings.insert(warnings.end(), file.held_warnings.begin(), file.held_warnings.end());
            std::string message = warnings.empty() ? "no articles in the file" : warnings.front();
            if (warnings.size() > 1)
                message += " (and " + std::to_string(warnings.size() - 1) + " more problem" +
                           (warnings.size() > 2 ? "s" : "") + ")";
            ++stats_.files_failed;
            if (indexed) {
                writer_.set_file_state(origin.key(), origin.size, origin.mtime_ns,
                                       origin.content_hash);
                note_change(0);
                message += " (the index keeps the last version it could read)";
            }
            observer_.problem(origin.path, message, true);
            observer_.progress(stats_);
            return;
        }
        for (const auto& warning : warnings) {
            ++stats_.warnings;
            observer_.problem(origin.path, warning, false);
        }
        report_record_warnings(file);
        const std::size_t removed = file.gone.size();
        writer_.remove_articles(file.gone);
        // Records kept as they were still carry the file's old state; the index reads a
        // file's state from its first article, so that one is brought up to date.
        if (indexed && file.unchanged > 0)
            writer_.set_first_article_state(origin.key(), origin.size, origin.mtime_ns,
                                            origin.content_hash);
        if (removed > 0 || (indexed && file.unchanged > 0)) note_change(removed);
        if (file.written == 0 && removed == 0) ++stats_.files_unchanged;
        observer_.progress(stats_);
    }

    // Writes what a worker made of a file, in the order the walk found the files.
    void apply(FileJobResult&& result) {
        if (result.apply) {
            const auto apply_result = std::move(result.apply);
            apply_result(std::move(result));
            return;
        }
        using Outcome = FileJobResult::Outcome;
        const ArticleOrigin& origin = result.job.origin;
        const bool indexed = result.job.indexed.has_value();
        switch (result.outcome) {
            case Outcome::unchanged:
                ++stats_.files_unchanged;
                break;
            case Outcome::emptied:
                remove_emptied(origin, indexed);
                break;
            case Outcome::failed:
                ++stats_.files_failed;
                if (!indexed) {
                    observer_.problem(origin.path, result.error, true);
                    break;
                }
                // The index keeps its last good version, and takes the file's new state as
                // seen, so that the next runs do not report it again until it changes.
                writer_.set_file_state(origin.key(), origin.size, origin.mtime_ns);
                note_change(0);
                observer_.problem(
                    origin.path, result.error + " (the index keeps the last version it could read)",
                    true);
                break;
            case Outcome::read:
                write_articles(result);
                break;
        }
        observer_.progress(stats_);
    }

    void write_articles(const FileJobResult& result) {
        const ArticleOrigin& origin = result.job.origin;
        for (std::size_t i = 0; i < result.warnings.size(); ++i) {
            // A file cut at the size limit loses the articles past it: a failure, said once
            // (the file's state is recorded, so the next run does not read it again).
            const bool lost = i == 0 && result.truncated;
            ++(lost ? stats_.files_failed : stats_.warnings);
            observer_.problem(
                origin.path,
                lost ? result.warnings[i] + "; the rest is not indexed" : result.warnings[i], lost);
        }
        stats_.articles_read += result.documents.size();
        if (result.job.indexed)
            writer_.replace_file(origin.key(), result.documents);
        else
            writer_.add_file(result.documents);
        stats_.articles_indexed += result.documents.size();
        note_change(result.documents.size());
    }

    // An emptied file is an article that is gone.
    void remove_emptied(const ArticleOrigin& origin, bool indexed) {
        if (!indexed) {
            skip(origin.path, "empty file");
            return;
        }
        writer_.remove_file(origin.key());
        ++stats_.files_removed;
        note_change();
    }

    void skip(const std::filesystem::path& file, const std::string& reason) {
        ++stats_.skipped[reason];
        observer_.skipped(file, reason);
    }

    // Commits by count and by time, whichever comes first.
    void note_change(std::size_t articles = 1) {
        if (!metadata_.entity_table_state.empty()) {
            // Committed with the first change: a run killed later still leaves the table
            // to be recomputed.
            metadata_.entity_table_state.clear();
            writer_.set_metadata(metadata_);
        }
        uncommitted_ += articles;
        const auto now = Clock::now();
        if (uncommitted_ >= options_.batch_size || now - last_commit_ >= options_.batch_interval) {
            writer_.commit();
            written_ += uncommitted_;
            uncommitted_ = 0;
            last_commit_ = now;
            refresh_entity_table();
        }
    }

    // Articles are built with the entity table of the evidence so far, recomputed each
    // time the articles written double: each one the new table resolves otherwise has to
    // be rewritten at the end, and on a first build that would be a third of them. The
    // doubling keeps the recomputations to a small multiple of the final one.
    void refresh_entity_table() {
        if (!learns_table_ || options_.extractor == nullptr || written_ < next_table_refresh_)
            return;
        next_table_refresh_ = 2 * written_;
        entity_table_ = std::make_shared<const EntityTable>(
            compute_entity_table(writer_.entity_evidence(), options_.aliases));
        tables_used_.push_back(entity_table_);
    }

    void remember_root(const std::string& root_key) {
        auto& roots = metadata_.roots;
        if (std::find(roots.begin(), roots.end(), root_key) != roots.end()) return;
        roots.push_back(root_key);
        writer_.set_metadata(metadata_);
    }

    const BuildOptions& options_;
    BuildObserver& observer_;
    IndexWriter& writer_;
    const ShardPart part_;
    IndexMetadata metadata_;
    const bool learns_table_;
    // The indexed files of the root being walked that the walk has not found yet.
    std::unordered_map<std::string, IndexedFile> indexed_;
    // What new articles are built with; update_entity_tables() ends the run's tables.
    std::shared_ptr<const EntityTable> entity_table_;
    std::vector<std::shared_ptr<const EntityTable>> tables_used_;
    const std::shared_ptr<TagCache> tags_;
    const std::shared_ptr<const MetadataTables> tables_;  // never null
    std::size_t written_ = 0;                             // articles committed
    std::size_t next_table_refresh_ = 1;
    BuildStats stats_;
    std::size_t uncommitted_ = 0;
    Clock::time_point last_commit_;
    OrderedWork<FileJobResult> work_;  // last: its threads stop before what they read goes
};

// Lets the shards' builds, each on its thread, share one observer: problems are passed on
// one at a time, and progress as the sum over the shards.
class SharedObserver {
public:
    SharedObserver(BuildObserver& observer, std::size_t shards)
        : observer_(observer), latest_(shards) {}

    class Part : public BuildObserver {
    public:
        Part(SharedObserver& shared, std::size_t shard) : shared_(shared), shard_(shard) {}
        void problem(const std::filesystem::path& where, const std::string& message,
                     bool failed) override {
            const std::lock_guard lock(shared_.mutex_);
            shared_.observer_.problem(where, message, failed);
        }
        void progress(const BuildStats& stats) override {
            const std::lock_guard lock(shared_.mutex_);
            auto& latest = shared_.latest_[shard_];
            latest.files = stats.files;
            latest.articles_indexed = stats.articles_indexed;
            BuildStats total;
            for (const auto& shard : shared_.latest_) {
                total.files += shard.files;
                total.articles_indexed += shard.articles_indexed;
            }
            shared_.observer_.progress(total);
        }

    private:
        SharedObserver& shared_;
        std::size_t shard_;
    };

private:
    BuildObserver& observer_;
    std::mutex mutex_;
    std::vector<BuildStats> latest_;
};

BuildStats& operator+=(BuildStats& total, const BuildStats& part) {
    total.files += part.files;
    total.files_unchanged += part.files_unchanged;
    total.files_removed += part.files_removed;
    total.articles_read += part.articles_read;
    total.articles_indexed += part.articles_indexed;
    total.files_failed += part.files_failed;
    total.roots_failed += part.roots_failed;
    total.roots_incomplete += part.roots_incomplete;
    total.entities_rewritten += part.entities_rewritten;
    for (const auto& [reason, count] : part.skipped) total.skipped[reason] += count;
    total.warnings += part.warnings;
    total.interrupted = total.interrupted || part.interrupted;
    return total;
}

// What the walk of every shard gives: the sum of their stats, and for each shard the
// entity tables it built articles with.
struct WalkResult {
    BuildStats stats;
    std::vector<std::vector<std::shared_ptr<const EntityTable>>> tables_used;
};

// The tables given with --meta and those found under the roots; one line about each table
// that cannot be used, and the build goes on.
std::shared_ptr<const MetadataTables> load_metadata_tables(const BuildOptions& options,
                                                           BuildObserver& observer) {
    std::vector<std::filesystem::path> tables = options.metadata_tables;
    for (const auto& root : options.roots)
        for (auto& table : find_metadata_tables(root)) tables.push_back(std::move(table));
    auto loaded = std::make_shared<MetadataTables>();
    for (const auto& table : tables) {
        std::vector<std::string> warnings;
        try {
            loaded->load(table, warnings);
        } catch (const Error& e) {
            warnings.push_back(std::string(e.what()) + "; the table is not used");
        }
        for (const auto& warning : warnings) observer.problem(table, warning, false);
    }
    return loaded;
}

WalkResult index_roots(std::span<IndexWriter* const> writers, const BuildOptions& options,
                       BuildObserver& observer) {
    const std::size_t shards = writers.size();
    const std::shared_ptr<const MetadataTables> metadata = load_metadata_tables(options, observer);
    WalkResult result;
    result.tables_used.resize(shards);
    // A new index: its articles' entity table first (evidence_pass.h).
    // What it tags is kept for the writing pass, up to a bound, so that each article is
    // tagged once.
    std::shared_ptr<const EntityTable> archive_table;
    std::shared_ptr<TagCache> tags;
    if (options.extractor != nullptr &&
        std::all_of(writers.begin(), writers.end(),
                    [](IndexWriter* writer) { return writer->article_count() == 0; })) {
        tags = std::make_shared<TagCache>(kMaxKeptTagBytes);
        archive_table = std::make_shared<const EntityTable>(
            compute_entity_table(gather_entity_evidence(
                                     options.roots, options.extractor->get(),
                                     worker_threads(options.jobs), options.stop_requested,
                                     [&](std::size_t files) { observer.learning_entities(files); },
                                     tags.get(), metadata.get()),
                                 options.aliases));
    }
    if (shards == 1) {
        Build build(options, *writers[0], observer, {0, 1}, worker_threads(options.jobs),
                    archive_table, tags, metadata);
        result.stats = build.index_roots();
        result.tables_used[0] = build.tables_used();
        return result;
    }
    // The cores are shared out among the shards; each shard's thread writes.
    const std::size_t jobs =
        options.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.jobs;
    const std::size_t threads = jobs / shards > 1 ? jobs / shards : 0;
    // So is the batch: the articles waiting for a commit, which is most of what a writer
    // holds in memory, stay as many as one database would hold.
    BuildOptions shard_options = options;
    shard_options.batch_size = std::max<std::size_t>(1, options.batch_size / shards);
    SharedObserver shared(observer, shards);
    std::vector<BuildStats> parts(shards);
    on_threads(shards, [&](std::size_t i) {
        SharedObserver::Part part(shared, i);
        Build build(shard_options, *writers[i], part, {i, shards}, threads, archive_table, tags,
                    metadata);
        parts[i] = build.index_roots();
        result.tables_used[i] = build.tables_used();
    });
    for (const auto& part : parts) result.stats += part;
    return result;
}

// Articles changed, or the curated aliases did: the archive's evidence may now give other
// entities. One table from every shard's evidence, each shard rewritten on its thread.
std::size_t update_entity_tables(
    std::span<IndexWriter* const> writers, const std::vector<CuratedAlias>& curated,
    const std::vector<std::vector<std::shared_ptr<const EntityTable>>>& tables_used) {
    const std::string state = curated_aliases_hash(curated);
    const bool current = std::all_of(writers.begin(), writers.end(), [&](IndexWriter* writer) {
        return writer->metadata().entity_table_state == state;
    });
    if (current) return 0;
    std::vector<EntityEvidence> parts;
    for (IndexWriter* writer : writers) parts.push_back(writer->entity_evidence());
    const EntityEvidence evidence =
        writers.size() == 1 ? std::move(parts.front()) : merge_evidence(parts);
    // Changed articles that name the same entities as before (an edit of the text, a file
    // written again) leave the evidence, and so the table, as they were: the table every
    // shard recorded with this evidence is the one computing it would give.
    const std::string source = entity_table_source(evidence, curated);
    const bool same_source = std::all_of(writers.begin(), writers.end(), [&](IndexWriter* writer) {
        return writer->entity_table_source() == source;
    });
    const EntityTable table =
        same_source ? writers.front()->entity_table() : compute_entity_table(evidence, curated);
    std::vector<std::size_t> rewritten(writers.size());
    on_threads(writers.size(), [&](std::size_t i) {
        std::vector<const EntityTable*> built_with;
        for (const auto& used : tables_used[i]) built_with.push_back(used.get());
        rewritten[i] = writers[i]->rewrite_entities(table, built_with, source);
        IndexMetadata metadata = writers[i]->metadata();
        metadata.entity_table_state = state;
        writers[i]->set_metadata(metadata);
    });
    return std::accumulate(rewritten.begin(), rewritten.end(), std::size_t{0});
}

void record_run(IndexWriter& writer, const BuildStats& stats, const std::string& started_at) {
    IndexMetadata metadata = writer.metadata();
    metadata.last_run = {
        {"start", started_at},
        {"end", utc_now()},
        {"result", stats.interrupted ? "interrupted"
                   : stats.failed()  ? "failed"
                                     : "ok"},
        {"files", stats.files},
        {"unchanged", stats.files_unchanged},
        {"indexed", stats.articles_indexed},
        {"removed_files", stats.files_removed},
        {"entities_rewritten", stats.entities_rewritten},
        {"failed", stats.files_failed},
        {"skipped", stats.files_skipped()},
        {"seconds", stats.seconds},
    };
    writer.set_metadata(metadata);
}

}  // namespace

BuildStats update_index(std::span<IndexWriter* const> writers, const BuildOptions& options,
                        BuildObserver& observer) {
    return xapian_guard(writers.front()->name(), [&] {
        const auto start = Clock::now();
        const std::string started_at = utc_now();
        if (writers.size() > 1) IndexWriter::defer_story_links(writers);
        WalkResult walk = index_roots(writers, options, observer);
        BuildStats& stats = walk.stats;
        // Versions whose files hash to different shards join one story here. An
        // interrupted run leaves its notes for the next.
        if (writers.size() > 1 && !stats.interrupted) IndexWriter::link_stories(writers);
        if (!stats.interrupted)
            stats.entities_rewritten =
                update_entity_tables(writers, options.aliases, walk.tables_used);
        stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        for (IndexWriter* writer : writers) {
            record_run(*writer, stats, started_at);
            writer->commit();
        }
        // Once, at the end: until then, searches count from the documents.
        on_threads(writers.size(), [&](std::size_t i) { writers[i]->update_facet_columns(); });
        return stats;
    });
}

BuildStats update_index(IndexWriter& writer, const BuildOptions& options, BuildObserver& observer) {
    IndexWriter* const writers[] = {&writer};
    return update_index(writers, options, observer);
}

std::filesystem::path rebuild_path(const std::filesystem::path& database) {
    return database.string() + ".rebuild";
}

BuildStats build_index(const BuildOptions& options, BuildObserver& observer) {
    WritableIndex index =
        open_writable_index(options.database, options.shards, IndexWriter::SchemaCheck::required);
    // A rebuild killed before it could clean up left its half index; the lock is ours.
    std::error_code ec;
    std::filesystem::remove_all(rebuild_path(options.database), ec);
    const bool was_empty = index.empty();
    const BuildStats stats = update_index(index.writer_pointers(), options, observer);
    // A new index is written in one go: compacted, it is a third of the size. Later runs
    // change a little at a time, and leave compaction to `newsindex compact`.
    if (was_empty && !stats.interrupted && stats.articles_indexed > 0) index.compact();
    return stats;
}

BuildStats rebuild_index(const BuildOptions& options, BuildObserver& observer) {
    // Holding the current index's write locks keeps other builds out until the switch. A
    // damaged index cannot be opened, so neither locked nor used by anyone: it is rebuilt
    // all the same, as long as it is a newsindex database and not some other folder.
    std::optional<WritableIndex> current;
    std::size_t shards = options.shards;
    try {
        current.emplace(
            open_writable_index(options.database, 0, IndexWriter::SchemaCheck::skipped));
        if (shards == 0) shards = current->databases.size();
    } catch (const Error& e) {
        const bool damaged = e.kind() == ErrorKind::corrupt || e.kind() == ErrorKind::io;
        if (!damaged ||
            !(is_xapian_database(options.database) || is_sharded_index(options.database)))
            throw;
    }
    const std::filesystem::path fresh = rebuild_path(options.database);
    // Whatever is there was left by a failed rebuild: only the lock holder gets here.
    std::error_code ec;
    std::filesystem::remove_all(fresh, ec);
    if (ec) throw Error(ErrorKind::io, "cannot remove " + fresh.string() + ": " + ec.message());
    BuildStats stats;
    try {
        WritableIndex index =
            open_writable_index(fresh, shards, IndexWriter::SchemaCheck::required);
        stats = update_index(index.writer_pointers(), options, observer);
        if (!stats.interrupted && stats.articles_indexed > 0) index.compact();
    } catch (...) {
        std::filesystem::remove_all(fresh, ec);  // a full disk must not keep a half index
        throw;
    }
    if (stats.interrupted) {
        std::filesystem::remove_all(fresh, ec);
        return stats;
    }
    // One rename(2) swaps the two folders: a search opens either the old index or the
    // new one, never a mix or nothing. Searches already running keep their open files.
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, options.database.c_str(), RENAME_EXCHANGE) !=
        0) {
        const int error = errno;
        std::filesystem::remove_all(fresh, ec);
        throw Error(ErrorKind::io, "cannot switch " + options.database.string() +
                                       " to the rebuilt index: " + std::strerror(error));
    }
    if (current)
        for (auto& writer : current->writers) writer->close();
    std::filesystem::remove_all(fresh, ec);  // the old index, now under the temporary name
    return stats;
}

std::vector<std::filesystem::path> indexed_roots(const std::filesystem::path& database) {
    std::vector<std::filesystem::path> roots;
    for (const auto& root : index_status(database).roots) roots.emplace_back(root);
    return roots;
}

}  // namespace newsindex
