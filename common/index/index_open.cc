#include "common/index/index_open.h"

namespace newsindex {

Xapian::Database open_index(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw IndexUnavailableError("no index at " + path.string() + " (create it with 'newsindex build DIR')");
    try {
        return Xapian::Database(path.string());
    } catch (const Xapian::Error& e) {
        throw IndexUnavailableError("cannot open index " + path.string() + ": " + e.get_msg());
    }
}

}  // namespace newsindex
