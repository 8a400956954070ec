// Where the index lives, shared by newsindex and newssearch.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace newsindex {

// --db PATH if given, else $NEWSINDEX_DB, else
// ${XDG_DATA_HOME:-$HOME/.local/share}/newsindex/index.
std::filesystem::path database_path(const std::optional<std::string>& db_option);

}  // namespace newsindex
