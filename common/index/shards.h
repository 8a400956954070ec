// A sharded index: a folder of shard databases ("shard-00", "shard-01", ...) and a Xapian
// stub file, XAPIANDB, that names them. Xapian opens the folder as one database, so every
// reader (newssearch, xapian-delve, a xapian-tcpsrv serving it) sees the whole archive;
// the builder writes each shard on a thread of its own.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

namespace newsindex {

// The stub file inside a sharded index's folder.
inline constexpr std::string_view kShardStubName = "XAPIANDB";
// Most shards one index may have.
inline constexpr std::size_t kMaxShards = 256;

// Whether `path` is a sharded index (a folder holding a stub file).
bool is_sharded_index(const std::filesystem::path& path);

// The shard databases of the sharded index at `path`, in shard order, read from its stub.
// Throws Error (corrupt) when the stub names anything else.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& path);

// Makes `path` a sharded index of `shards` shards: the folder and its stub, written
// atomically; the shard databases are created when first opened for writing. Throws
// Error (io, permission).
void create_sharded_index(const std::filesystem::path& path, std::size_t shards);

// The shard a source file's articles live in: a stable hash of the file key, so a file
// stays in its shard from run to run and a replaced or deleted file is found there.
std::size_t shard_of(std::string_view file_key, std::size_t shards);

}  // namespace newsindex
