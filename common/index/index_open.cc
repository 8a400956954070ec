#include "common/index/index_open.h"

#include <chrono>
#include <string_view>
#include <thread>

#include "common/base/error.h"
#include "common/index/shards.h"
#include "common/index/xapian_error.h"

namespace newsindex {

bool is_xapian_database(const std::filesystem::path& path) {
    std::error_code ec;
    for (const char* marker : {"iamglass", "iamchert", "iamhoney"})
        if (std::filesystem::exists(path / marker, ec)) return true;
    return false;
}

std::optional<Error> not_an_index(const std::filesystem::path& path, const Xapian::Error& e) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) {
        if (is_xapian_database(path) || is_sharded_index(path)) return std::nullopt;
        return Error(ErrorKind::incompatible,
                     path.string() + " is not an index: " +
                         (std::filesystem::is_empty(path, ec) ? "the folder is empty"
                                                              : "the folder holds other files"));
    }
    // A plain file opens as a Xapian stub, a list of databases; Xapian says which line of
    // it is no database line ("afile:1: Bad line"). A stub naming a missing database is
    // a stub all the same, said as Xapian says it. (Xapian::Error has no virtual functions
    // to dynamic_cast by: its type is a name.)
    const std::string_view type = e.get_type();
    if (std::filesystem::is_regular_file(status) &&
        (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") &&
        e.get_msg().find(": Bad line") != std::string::npos)
        return Error(ErrorKind::incompatible, path.string() +
                                                  " is not an index: a file that is no Xapian "
                                                  "stub database (" +
                                                  e.get_msg() + ")");
    return std::nullopt;
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
            } catch (const Xapian::DatabaseError& e) {
                if (!is_torn_read(e) || attempt >= 5) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    } catch (const Xapian::Error& e) {
        if (auto error = not_an_index(path, e)) throw *error;
        Error error = from_xapian(e, "cannot open index " + path.string());
        // Something is at the path, so Xapian's "not found" means it is no database.
        if (error.kind() == ErrorKind::not_found)
            throw Error(ErrorKind::incompatible, error.what());
        throw error;
    }
}

}  // namespace newsindex
