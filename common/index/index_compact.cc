#include "common/index/index_compact.h"

#include <fcntl.h>
#include <stdio.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "common/base/error.h"
#include "common/index/facet_columns.h"
#include "common/index/index_open.h"
#include "common/index/index_writer.h"
#include "common/index/shards.h"
#include "common/index/xapian_error.h"

namespace newsindex {

namespace {

std::filesystem::path compacting_path(const std::filesystem::path& path) {
    return path.string() + ".compacting";
}

}  // namespace

void compact_database(const std::filesystem::path& path, IndexWriter& holder) {
    holder.commit();
    const std::filesystem::path copy = compacting_path(path);
    std::error_code ec;
    std::filesystem::remove_all(copy, ec);  // left by a killed run: the lock is ours now
    try {
        xapian_guard("index " + path.string(), [&] {
            Xapian::Database(path.string()).compact(copy.string(), Xapian::DBCOMPACT_NO_RENUMBER);
        });
        // The copy is a database of its own revision: its columns go in with it.
        write_facet_columns(Xapian::Database(copy.string()), copy);
        if (renameat2(AT_FDCWD, copy.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0)
            throw Error(ErrorKind::io, "cannot switch " + path.string() +
                                           " to its compacted copy: " + std::strerror(errno));
    } catch (...) {
        std::filesystem::remove_all(copy, ec);
        throw;
    }
    holder.close();
    std::filesystem::remove_all(copy, ec);  // the old tables, now under the copy's name
}

void compact_index(const std::filesystem::path& path) {
    open_index(path);  // a missing index is reported, not created
    const std::vector<std::filesystem::path> databases =
        is_sharded_index(path) ? shard_paths(path) : std::vector{path};
    // The locks keep builds out while the copies are made.
    std::vector<std::unique_ptr<IndexWriter>> writers;
    for (const auto& database : databases)
        writers.push_back(std::make_unique<IndexWriter>(database));
    for (std::size_t i = 0; i < databases.size(); ++i) compact_database(databases[i], *writers[i]);
}

void merge_index(const std::filesystem::path& path, const std::filesystem::path& output) {
    std::error_code ec;
    if (std::filesystem::exists(output, ec))
        throw Error(ErrorKind::bad_input, output.string() + " already exists");
    Xapian::Database index = open_index(path);
    try {
        xapian_guard("index " + path.string(), [&] {
            index.compact(output.string());
            write_facet_columns(Xapian::Database(output.string()), output);
        });
    } catch (...) {
        std::filesystem::remove_all(output, ec);
        throw;
    }
}

}  // namespace newsindex
