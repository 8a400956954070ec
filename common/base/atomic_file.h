// Files the project writes whole and replaces in one step (the facet columns beside an
// index, an alert's state): a reader sees the old file or the new one, never a part.
#pragma once

#include <filesystem>
#include <string_view>

namespace newsindex {

// Writes `bytes` to PATH.new, flushes it to disk, and renames it over `path`. Throws
// Error (io) naming the file when any step fails; `path` is then as it was, and the
// temporary is removed.
void replace_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace newsindex
