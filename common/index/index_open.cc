#include "common/index/index_open.h"

#include "common/base/error.h"
#include "common/index/xapian_error.h"

namespace newsindex {

Xapian::Database open_index(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorKind::not_found, "no index at " + path.string());
    try {
        return Xapian::Database(path.string());
    } catch (const Xapian::Error& e) {
        Error error = from_xapian(e, "cannot open index " + path.string());
        // Something is at the path, so Xapian's "not found" means it is no database.
        if (error.kind() == ErrorKind::not_found)
            throw Error(ErrorKind::incompatible, error.what());
        throw error;
    }
}

}  // namespace newsindex
