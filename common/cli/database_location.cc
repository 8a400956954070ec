#include "common/cli/database_location.h"

#include <cstdlib>

namespace newsindex {

namespace {
std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}
}  // namespace

std::filesystem::path database_path(const std::optional<std::string>& db_option) {
    if (db_option && !db_option->empty()) return *db_option;
    if (auto db = env("NEWSINDEX_DB")) return *db;
    std::filesystem::path data_home;
    if (auto xdg = env("XDG_DATA_HOME")) {
        data_home = *xdg;
    } else if (auto home = env("HOME")) {
        data_home = std::filesystem::path(*home) / ".local" / "share";
    } else {
        data_home = ".";  // no home at all (some cron setups): the working directory
    }
    return data_home / "newsindex" / "index";
}

std::vector<std::filesystem::path> database_paths(const std::vector<std::string>& db_options) {
    if (db_options.empty()) return {database_path(std::nullopt)};
    return {db_options.begin(), db_options.end()};
}

std::vector<std::filesystem::path> database_paths(
    const boost::program_options::variables_map& values) {
    return database_paths(values.count("db") ? values["db"].as<std::vector<std::string>>()
                                             : std::vector<std::string>());
}

std::string join_paths(const std::vector<std::filesystem::path>& paths) {
    std::string joined;
    for (const auto& path : paths) joined += (joined.empty() ? "" : ", ") + path.string();
    return joined;
}

}  // namespace newsindex
