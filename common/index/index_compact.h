// Xapian compaction of a newsindex database: `newsindex compact`, and the end of a build
// that filled a new index. A built index carries the slack of its B-trees' splits;
// compacted, it is about a third of the size and faster to search.
#pragma once

#include <filesystem>

namespace newsindex {

// Compacts the index at `path` in place, each shard on its own, holding its write locks
// throughout: each compacted copy is written beside its database and swapped in with one
// rename(2), so searches see the old database or the new one, never a mix. Throws Error
// (locked, io, ...); a failure leaves the index as it was.
void compact_index(const std::filesystem::path& path);

// Writes one compacted database holding every article of the index at `path` (all its
// shards merged) to `output`, which must not exist. The database is written beside it,
// as "OUTPUT.compacting-PID", and renamed into place once complete; what a killed run
// left under such a name is removed. Throws Error.
void merge_index(const std::filesystem::path& path, const std::filesystem::path& output);

class IndexWriter;

// Removes the copy that a compaction of the database at `path` killed midway left beside
// it ("PATH.compacting"), if it holds only database files. The caller holds the
// database's write lock, so no compaction of it is running.
void remove_compaction_leftover(const std::filesystem::path& path);

// Compacts the database at `path` in place; `holder` holds its write lock and is closed
// once the compacted copy is in place.
void compact_database(const std::filesystem::path& path, IndexWriter& holder);

}  // namespace newsindex
