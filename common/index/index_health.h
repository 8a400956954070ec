// What `newsindex status` and `newsindex check` report about an index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsindex {

struct IndexStatus {
    std::uint64_t articles = 0;
    std::vector<std::string> roots;
    nlohmann::json last_run;   // the last build's report, null if none was recorded
    std::uintmax_t bytes = 0;  // on disk
};

// Reads the status of the index at `path`; throws Error (not_found, corrupt, ...).
IndexStatus index_status(const std::filesystem::path& path);

// Runs Xapian's own consistency check on every table, then the project's invariants:
// one id term per article and one article per id term, readable stored fields, the
// file term and values incremental builds rely on. Returns the problems found, one line
// each (empty: healthy). Throws Error when the index cannot be opened or read.
std::vector<std::string> check_index(const std::filesystem::path& path);

}  // namespace newsindex
