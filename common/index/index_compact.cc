#include "common/index/index_compact.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
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

// Whether `name` is a file Xapian's glass backend or newsindex writes into a database's
// folder: all a compaction's copy may hold, so that nothing else is ever removed as one.
bool is_database_file_name(std::string_view name) {
    return name.ends_with(".glass") || name.starts_with("iamglass") || name == "flintlock" ||
           name.starts_with(kFacetColumnsFile) || name.ends_with(".tmp");
}

// Whether `folder` holds only database files (or nothing at all).
bool holds_only_database_files(const std::filesystem::path& folder) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; it != end; it.increment(ec)) {
        if (ec) return false;
        if (!it->is_regular_file(ec) || !is_database_file_name(it->path().filename().string()))
            return false;
    }
    return !ec;
}

// Removes `leftover`, a copy a killed compaction left, if it is one; throws Error when
// something else is there (so a compaction must not write there).
void remove_leftover_copy(const std::filesystem::path& leftover) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(leftover, ec))) return;
    if (!std::filesystem::is_directory(std::filesystem::symlink_status(leftover, ec)) ||
        !holds_only_database_files(leftover))
        throw Error(ErrorKind::bad_input,
                    leftover.string() +
                        " is in the way: it is not a database copy newsindex left; move it away");
    std::filesystem::remove_all(leftover, ec);
    if (ec)
        throw Error(ErrorKind::io, "cannot remove " + leftover.string() +
                                       " (left by a compaction that was stopped): " + ec.message());
}

// The folder `output` is written in until it is complete: beside it, for one rename(2).
constexpr std::string_view kMergingInfix = ".compacting-";

std::filesystem::path merging_path(const std::filesystem::path& output) {
    return output.string() + std::string(kMergingInfix) + std::to_string(::getpid());
}

// Removes the folders that killed `compact --output` runs left beside `output`:
// "OUTPUT.compacting-PID" whose process is gone and that hold only database files.
void remove_stale_merges(const std::filesystem::path& output) {
    const std::string stem = output.filename().string() + std::string(kMergingInfix);
    std::error_code ec;
    const auto parent = output.parent_path().empty() ? "." : output.parent_path();
    for (std::filesystem::directory_iterator it(parent, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(stem)) continue;
        const std::string digits = name.substr(stem.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
        const pid_t pid = static_cast<pid_t>(std::atol(digits.c_str()));
        if (pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH)) continue;  // still running
        if (!it->is_directory(ec) || !holds_only_database_files(it->path())) continue;
        std::error_code ignored;
        std::filesystem::remove_all(it->path(), ignored);
    }
}

}  // namespace

void remove_compaction_leftover(const std::filesystem::path& path) {
    try {
        remove_leftover_copy(compacting_path(path));
    } catch (const Error&) {
        // Not ours, or not removable now: a build goes on; compact says why.
    }
}

void compact_database(const std::filesystem::path& path, IndexWriter& holder) {
    holder.commit();
    const std::filesystem::path copy = compacting_path(path);
    remove_leftover_copy(copy);  // left by a killed run: the lock is ours now
    std::error_code ec;
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
    if (std::filesystem::exists(std::filesystem::symlink_status(output, ec)))
        throw Error(ErrorKind::bad_input,
                    output.string() + " already exists" +
                        (is_xapian_database(output)
                             ? ""
                             : " and is not a complete database (if a compact --output was "
                               "stopped while writing it, remove it and run again)"));
    Xapian::Database index = open_index(path);
    remove_stale_merges(output);
    // Written under a name of its own and renamed once complete: a run that is killed
    // leaves no half database at `output`, and the next run removes what it left.
    const std::filesystem::path merging = merging_path(output);
    remove_leftover_copy(merging);  // a killed run's under a pid now ours: it is gone
    try {
        xapian_guard("index " + path.string(), [&] {
            index.compact(merging.string());
            write_facet_columns(Xapian::Database(merging.string()), merging);
        });
        // rename(2) never replaces a folder that holds anything: one made meanwhile stays.
        if (::rename(merging.c_str(), output.c_str()) != 0)
            throw Error(errno == ENOTEMPTY || errno == EEXIST || errno == ENOTDIR
                            ? ErrorKind::bad_input
                            : ErrorKind::io,
                        "cannot move the compacted database to " + output.string() + ": " +
                            std::strerror(errno));
    } catch (...) {
        std::filesystem::remove_all(merging, ec);
        throw;
    }
}

}  // namespace newsindex
