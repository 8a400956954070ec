#include "common/index/index_open.h"

#include <chrono>
#include <thread>

#include "common/base/error.h"
#include "common/index/xapian_error.h"

namespace newsindex {

bool is_xapian_database(const std::filesystem::path& path) {
    std::error_code ec;
    for (const char* marker : {"iamglass", "iamchert", "iamhoney"})
        if (std::filesystem::exists(path / marker, ec)) return true;
    return false;
}

Xapian::Database open_index(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorKind::not_found, "no index at " + path.string());
    try {
        // A build committing twice while the tables open invalidates what was read.
        for (int attempt = 0;; ++attempt) {
            try {
                Xapian::Database db(path.string());
                // An empty stub file opens as a database of no databases.
                if (db.size() == 0)
                    throw Error(ErrorKind::incompatible,
                                "cannot open index " + path.string() + ": it names no database");
                return db;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == 20) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            } catch (const Xapian::DatabaseCorruptError&) {
                // Opening while a commit reuses old blocks can read a torn tree; a damaged
                // index stays damaged however often it is opened.
                if (attempt >= 5) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    } catch (const Xapian::Error& e) {
        Error error = from_xapian(e, "cannot open index " + path.string());
        // Something is at the path, so Xapian's "not found" means it is no database.
        if (error.kind() == ErrorKind::not_found)
            throw Error(ErrorKind::incompatible, error.what());
        throw error;
    }
}

}  // namespace newsindex
