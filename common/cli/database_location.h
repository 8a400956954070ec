// Where the index lives, shared by newsindex and newssearch.
#pragma once

#include <boost/program_options/variables_map.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsindex {

// --db PATH if given, else $NEWSINDEX_DB, else
// ${XDG_DATA_HOME:-$HOME/.local/share}/newsindex/index.
std::filesystem::path database_path(const std::optional<std::string>& db_option);

// The indexes a command searches as one: every --db given, else database_path's default.
std::vector<std::filesystem::path> database_paths(const std::vector<std::string>& db_options);
// The same for the --db options a command's parsed command line holds.
std::vector<std::filesystem::path> database_paths(
    const boost::program_options::variables_map& values);

// "A, B": how messages name several indexes.
std::string join_paths(const std::vector<std::filesystem::path>& paths);

}  // namespace newsindex
