// `newsindex build`: walk the roots, read and tag what changed, write the index.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "common/index/entity_table.h"
#include "common/index/schema.h"

namespace newsindex {

class IndexWriter;
class LazyEntityExtractor;

struct BuildOptions {
    std::vector<std::filesystem::path> roots;
    std::filesystem::path database;  // for build_index and rebuild_index
    // Tags entities when set; a build without one indexes text only.
    const LazyEntityExtractor* extractor = nullptr;
    // Names the entity table maps whatever the articles say (alias_file.h).
    std::vector<CuratedAlias> aliases;
    // Compare content hashes, not just size and mtime, to find changed files.
    bool verify = false;
    // The language of articles this run indexes whose own is unknown or undetermined
    // (ISO 639-1; articles indexed before keep theirs).
    std::string default_language{schema::kDefaultLanguage};
    // Threads reading, parsing and tagging files while this one writes; 0: one per core.
    std::size_t jobs = 0;
    // Shard databases of a new index (shards.h), each written by a thread of its own; 0
    // keeps an existing index's layout (one database for a new one). With rebuild_index,
    // a number other than the index's reshards it.
    std::size_t shards = 0;
    // A commit every this many articles or this often, whichever comes first: a killed
    // run loses at most one batch, and the next run redoes it. Shards share the batch out.
    std::size_t batch_size = 2000;
    std::chrono::seconds batch_interval{10};
    // Metadata tables given with --meta (metadata_table.h), beside those found under the
    // roots (newsindex-meta.tsv, newsindex-meta.csv).
    std::vector<std::filesystem::path> metadata_tables;
    // Set (by a signal handler) to stop after the current file; the build then commits.
    const std::atomic<bool>* stop_requested = nullptr;
};

struct BuildStats {
    std::size_t files = 0;               // files seen under the roots
    std::size_t files_unchanged = 0;     // not read: the index has them as they are
    std::size_t files_removed = 0;       // gone from disk, so their articles left the index
    std::size_t articles_read = 0;       // articles parsed out of new or changed files
    std::size_t articles_indexed = 0;    // articles written to the index
    std::size_t files_failed = 0;        // files that could not be read as articles
    std::size_t roots_failed = 0;        // roots that could not be read at all
    std::size_t roots_incomplete = 0;    // roots with a folder that could not be read
    std::size_t entities_rewritten = 0;  // articles whose entities a new entity table changed
    std::map<std::string, std::size_t> skipped;  // files passed over, by reason
    std::size_t warnings = 0;
    bool interrupted = false;  // stopped early by stop_requested
    double seconds = 0;

    std::size_t files_skipped() const;
    bool failed() const { return files_failed > 0 || roots_failed > 0 || roots_incomplete > 0; }
};

// Receives what a build has to say; the CLI decides how to show it.
class BuildObserver {
public:
    virtual ~BuildObserver() = default;
    // One line about one file or folder; `failed` when it cost articles.
    virtual void problem(const std::filesystem::path& where, const std::string& message,
                         bool failed) = 0;
    // A file passed over, and why (the reasons BuildStats::skipped counts).
    virtual void skipped(const std::filesystem::path& /*file*/, const std::string& /*reason*/) {}
    // Called after every file, for progress displays.
    virtual void progress(const BuildStats&) {}
    // Called as the first build of an index reads its files for their entities, before
    // it writes any (evidence_pass.h): `files` read so far.
    virtual void learning_entities(std::size_t /*files*/) {}
};

// Brings the index `writer` holds up to date with the roots: new files are added,
// changed files replaced, files gone from a completely walked root removed; other roots'
// articles are never touched. Problems with single files go to the observer; the index
// itself failing throws Error.
BuildStats update_index(IndexWriter& writer, const BuildOptions& options, BuildObserver& observer);
// The same for the shards of one index, in parallel: each file's articles go to the shard
// shard_of() names, and one entity table is computed from all of them.
BuildStats update_index(std::span<IndexWriter* const> shards, const BuildOptions& options,
                        BuildObserver& observer);

// update_index on the index at options.database, created if needed. Throws Error:
// locked, outdated (a rebuild brings it up to date), incompatible, io, corrupt.
BuildStats build_index(const BuildOptions& options, BuildObserver& observer);

// Builds a new index of the roots from scratch beside the current one, then switches to
// it atomically; searches keep answering from the old index meanwhile. The current index
// stays locked throughout (unless it is too damaged to open, which it may be), and an
// interrupted or failed rebuild leaves it untouched and removes its own work.
BuildStats rebuild_index(const BuildOptions& options, BuildObserver& observer);

// Where rebuild_index builds the new index: beside the current one.
std::filesystem::path rebuild_path(const std::filesystem::path& database);

// The roots recorded in an existing index (what `build` without folders updates).
// Throws Error (not_found when there is no index).
std::vector<std::filesystem::path> indexed_roots(const std::filesystem::path& database);

}  // namespace newsindex
