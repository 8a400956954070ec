#include "common/base/data_files.h"

#include <system_error>

namespace newsindex {

std::filesystem::path shipped_data_file(std::string_view name) {
    // NEWSINDEX_INSTALLED_MODEL_DIR is relative to the binary's folder.
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path() / NEWSINDEX_INSTALLED_MODEL_DIR / name;
        if (std::filesystem::is_regular_file(installed, ec)) return installed.lexically_normal();
    }
    return std::filesystem::path(NEWSINDEX_MODEL_DIR) / name;
}

}  // namespace newsindex
