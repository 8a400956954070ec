#include "common/index/index_build.h"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <numeric>
#include <optional>
#include <unordered_set>

#include "common/base/content_hash.h"
#include "common/base/error.h"
#include "common/index/document_builder.h"
#include "common/index/index_health.h"
#include "common/index/index_open.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/xapian_error.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_origin.h"
#include "common/read/corpus_walker.h"

namespace newsindex {

std::size_t BuildStats::files_skipped() const {
    return std::accumulate(skipped.begin(), skipped.end(), std::size_t{0},
                           [](std::size_t sum, const auto& entry) { return sum + entry.second; });
}

namespace {

using Clock = std::chrono::steady_clock;

bool is_blank(std::string_view bytes) {
    return bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

class Build {
public:
    Build(const BuildOptions& options, IndexWriter& writer, BuildObserver& observer)
        : options_(options),
          observer_(observer),
          writer_(writer),
          metadata_(writer.metadata()),
          entity_table_(writer.entity_table()) {}

    BuildStats run() {
        const auto start = Clock::now();
        const std::string started_at = utc_now();
        last_commit_ = start;
        for (const auto& root : options_.roots) {
            if (stop_requested()) break;
            index_root(root);
        }
        stats_.interrupted = stop_requested();
        if (!stats_.interrupted) update_entity_table();
        stats_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        record_run(started_at);
        writer_.commit();
        return stats_;
    }

private:
    bool stop_requested() const {
        return options_.stop_requested != nullptr && options_.stop_requested->load();
    }

    void index_root(const std::filesystem::path& given) {
        std::error_code ec;
        const auto root = resolve_corpus_root(given, ec);
        if (!root) {
            // An unmounted disk or a typo: fail the run, and touch nothing indexed from it.
            ++stats_.roots_failed;
            observer_.problem(
                given, "cannot read: " + ec.message() + " (nothing under it was changed)", true);
            return;
        }
        remember_root(root->key);

        std::unordered_set<std::string> seen;
        const WalkCallbacks callbacks{
            [&](const ArticleOrigin& file) {
                seen.insert(file.key());
                index_file(file);
                return !stop_requested();
            },
            [&](const std::filesystem::path& where, const std::string& reason) {
                ++stats_.warnings;
                observer_.problem(where, reason, false);
            }};
        const WalkOutcome outcome = walk_corpus(*root, callbacks);
        if (!root->is_folder)
            return;  // a single file: nothing else of its folder is ours to remove
        if (!outcome.complete) {
            if (!stop_requested()) {
                ++stats_.roots_incomplete;
                observer_.problem(
                    given, "not every folder could be read; no deleted files were removed", false);
            }
            return;
        }
        // Only a complete walk proves a file is gone.
        for (const auto& key : writer_.files_under(root->key)) {
            if (seen.count(key)) continue;
            writer_.remove_file(key);
            ++stats_.files_removed;
            note_change();
        }
    }

    void index_file(const ArticleOrigin& file) {
        ++stats_.files;
        if (file.format == ArticleFormat::unsupported) {
            ++stats_.skipped["not an article format"];
        } else if (const auto indexed = writer_.indexed_file(file.key());
                   !indexed || options_.verify || indexed->size != file.size ||
                   indexed->mtime_ns != file.mtime_ns) {
            read_and_index(file, indexed);
        } else {
            ++stats_.files_unchanged;
        }
        observer_.progress(stats_);
    }

    // Reads the file once: with --verify its hash decides whether anything changed.
    void read_and_index(ArticleOrigin origin, const std::optional<IndexedFile>& indexed) {
        ReadResult result;
        std::string truncation;
        try {
            const FileContent content = read_file(origin.path, origin.format);
            if (options_.verify) {
                origin.content_hash = content_hash(content.bytes);
                if (indexed && indexed->content_hash == origin.content_hash) {
                    ++stats_.files_unchanged;
                    return;
                }
            }
            if (is_blank(content.bytes)) {
                remove_emptied(origin, indexed.has_value());
                return;
            }
            truncation = content.truncation;
            result = parse_file(content, origin);
        } catch (const Error& e) {
            ++stats_.files_failed;
            if (!indexed) {
                observer_.problem(origin.path, e.what(), true);
                return;
            }
            // The index keeps its last good version, and takes the file's new state as
            // seen, so that the next runs do not report it again until it changes.
            writer_.set_file_state(origin.key(), origin.size, origin.mtime_ns);
            note_change(0);
            observer_.problem(
                origin.path,
                std::string(e.what()) + " (the index keeps the last version it could read)", true);
            return;
        }
        for (std::size_t i = 0; i < result.warnings.size(); ++i) {
            // A file cut at the size limit loses the articles past it: a failure, said once
            // (the file's state is recorded, so the next run does not read it again).
            const bool lost = i == 0 && !truncation.empty();
            ++(lost ? stats_.files_failed : stats_.warnings);
            observer_.problem(
                origin.path,
                lost ? result.warnings[i] + "; the rest is not indexed" : result.warnings[i], lost);
        }
        std::vector<ArticleDocument> documents;
        documents.reserve(result.articles.size());
        for (auto& article : result.articles) {
            ++stats_.articles_read;
            if (options_.extractor != nullptr)
                article.entities = options_.extractor->extract(article);
            documents.push_back(builder_.build(article, origin, entity_table_));
        }
        writer_.replace_file(origin.key(), documents);
        stats_.articles_indexed += documents.size();
        note_change(documents.size());
    }

    // An emptied file is an article that is gone.
    void remove_emptied(const ArticleOrigin& origin, bool indexed) {
        if (!indexed) {
            ++stats_.skipped["empty file"];
            return;
        }
        writer_.remove_file(origin.key());
        ++stats_.files_removed;
        note_change();
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
            uncommitted_ = 0;
            last_commit_ = now;
        }
    }

    // Articles changed, or the curated aliases did: the archive's evidence may now give
    // other entities.
    void update_entity_table() {
        const std::string state = curated_aliases_hash(options_.aliases);
        if (metadata_.entity_table_state == state) return;
        stats_.entities_rewritten = writer_.update_entity_table(options_.aliases);
        metadata_.entity_table_state = state;
        writer_.set_metadata(metadata_);
    }

    void remember_root(const std::string& root_key) {
        auto& roots = metadata_.roots;
        if (std::find(roots.begin(), roots.end(), root_key) != roots.end()) return;
        roots.push_back(root_key);
        writer_.set_metadata(metadata_);
    }

    void record_run(const std::string& started_at) {
        metadata_.last_run = {
            {"start", started_at},
            {"end", utc_now()},
            {"result", stats_.interrupted ? "interrupted"
                       : stats_.failed()  ? "failed"
                                          : "ok"},
            {"files", stats_.files},
            {"unchanged", stats_.files_unchanged},
            {"indexed", stats_.articles_indexed},
            {"removed_files", stats_.files_removed},
            {"entities_rewritten", stats_.entities_rewritten},
            {"failed", stats_.files_failed},
            {"skipped", stats_.files_skipped()},
            {"seconds", stats_.seconds},
        };
        writer_.set_metadata(metadata_);
    }

    const BuildOptions& options_;
    BuildObserver& observer_;
    IndexWriter& writer_;
    IndexMetadata metadata_;
    const EntityTable entity_table_;  // as the run found it; update_entity_table() ends it
    DocumentBuilder builder_;
    BuildStats stats_;
    std::size_t uncommitted_ = 0;
    Clock::time_point last_commit_;
};

}  // namespace

BuildStats update_index(IndexWriter& writer, const BuildOptions& options, BuildObserver& observer) {
    return xapian_guard(writer.name(), [&] { return Build(options, writer, observer).run(); });
}

std::filesystem::path rebuild_path(const std::filesystem::path& database) {
    return database.string() + ".rebuild";
}

BuildStats build_index(const BuildOptions& options, BuildObserver& observer) {
    IndexWriter writer(options.database);
    // A rebuild killed before it could clean up left its half index; the lock is ours.
    std::error_code ec;
    std::filesystem::remove_all(rebuild_path(options.database), ec);
    return update_index(writer, options, observer);
}

BuildStats rebuild_index(const BuildOptions& options, BuildObserver& observer) {
    // Holding the current index's write lock keeps other builds out until the switch. A
    // damaged index cannot be opened, so neither locked nor used by anyone: it is rebuilt
    // all the same, as long as it is a Xapian database and not some other folder.
    std::optional<IndexWriter> current;
    try {
        current.emplace(options.database, IndexWriter::SchemaCheck::skipped);
    } catch (const Error& e) {
        const bool damaged = e.kind() == ErrorKind::corrupt || e.kind() == ErrorKind::io;
        if (!damaged || !is_xapian_database(options.database)) throw;
    }
    const std::filesystem::path fresh = rebuild_path(options.database);
    // Whatever is there was left by a failed rebuild: only the lock holder gets here.
    std::error_code ec;
    std::filesystem::remove_all(fresh, ec);
    if (ec) throw Error(ErrorKind::io, "cannot remove " + fresh.string() + ": " + ec.message());
    BuildStats stats;
    try {
        IndexWriter writer(fresh);
        stats = update_index(writer, options, observer);
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
    if (current) current->close();
    std::filesystem::remove_all(fresh, ec);  // the old index, now under the temporary name
    return stats;
}

std::vector<std::filesystem::path> indexed_roots(const std::filesystem::path& database) {
    std::vector<std::filesystem::path> roots;
    for (const auto& root : index_status(database).roots) roots.emplace_back(root);
    return roots;
}

}  // namespace newsindex
