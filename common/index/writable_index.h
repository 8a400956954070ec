// An index opened for writing: its one database, or each shard of a sharded one
// (shards.h), each with its IndexWriter. What build_index and rebuild_index write to.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "common/index/index_writer.h"

namespace newsindex {

struct WritableIndex {
    std::vector<std::filesystem::path> databases;
    std::vector<std::unique_ptr<IndexWriter>> writers;

    std::vector<IndexWriter*> writer_pointers() const;
    // Whether no database holds an article.
    bool empty() const;
    // Compacts every database, shards in parallel, and closes them.
    void compact();
};

// Opens the index at `path`, creating it if needed. `shards` 0 takes the index as it is
// (one database when new); another number must match it, or makes a new index of that
// many shards. Throws Error: bad_input for a shard count the index does not have, and
// whatever opening a database throws.
WritableIndex open_writable_index(const std::filesystem::path& path, std::size_t shards,
                                  IndexWriter::SchemaCheck check);

}  // namespace newsindex
