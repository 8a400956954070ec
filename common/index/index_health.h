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
    std::size_t shards = 1;    // databases the articles are spread over (shards.h)
};

// Reads the status of the index at `path`; throws Error (not_found, corrupt, ...).
IndexStatus index_status(const std::filesystem::path& path);

struct CheckReport {
    std::vector<std::string> problems;  // one line each; none: healthy
    std::vector<std::string> notes;     // what could not be checked, and why
};

// Runs Xapian's own consistency check on every table (in a child process, which may
// crash on damage), then the project's invariants: positions present, one id term per
// article and one article per id term, readable stored fields, the file term and values
// incremental builds rely on, and every article's story (story_check.h). Throws Error when
// the index cannot be opened.
CheckReport check_index(const std::filesystem::path& path);

}  // namespace newsindex
