#include "common/index/writable_index.h"

#include <algorithm>
#include <string>

#include "common/base/error.h"
#include "common/base/on_threads.h"
#include "common/index/index_compact.h"
#include "common/index/shards.h"

namespace newsindex {

std::vector<IndexWriter*> WritableIndex::writer_pointers() const {
    std::vector<IndexWriter*> result;
    for (const auto& writer : writers) result.push_back(writer.get());
    return result;
}

bool WritableIndex::empty() const {
    return std::all_of(writers.begin(), writers.end(),
                       [](const auto& writer) { return writer->article_count() == 0; });
}

void WritableIndex::compact() {
    on_threads(databases.size(),
               [&](std::size_t i) { compact_database(databases[i], *writers[i]); });
}

WritableIndex open_writable_index(const std::filesystem::path& path, std::size_t shards,
                                  IndexWriter::SchemaCheck check) {
    WritableIndex index;
    if (is_sharded_index(path)) {
        index.databases = shard_paths(path);
        if (shards != 0 && shards != index.databases.size())
            throw Error(ErrorKind::bad_input, "index " + path.string() + " has " +
                                                  std::to_string(index.databases.size()) +
                                                  " shards, not " + std::to_string(shards) +
                                                  " (build --full --shards N reshards it)");
    } else if (shards > 1) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec))
            throw Error(ErrorKind::bad_input, "index " + path.string() +
                                                  " is not sharded (build --full --shards " +
                                                  std::to_string(shards) + " reshards it)");
        if (shards > kMaxShards)
            throw Error(ErrorKind::bad_input, "at most " + std::to_string(kMaxShards) +
                                                  " shards, not " + std::to_string(shards));
        create_sharded_index(path, shards);
        index.databases = shard_paths(path);
    } else {
        index.databases = {path};
    }
    for (const auto& database : index.databases) {
        index.writers.push_back(std::make_unique<IndexWriter>(database, check));
        // Its lock is ours: no compaction of it is running, and a killed one's copy goes.
        remove_compaction_leftover(database);
    }
    return index;
}

}  // namespace newsindex
