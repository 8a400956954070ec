// What a saved search alert (`newssearch alert NAME QUERY`) has reported: the ids of the
// articles its query matched at its last run, in a folder beside the index. A run reports
// the matches that are not among them and then replaces the file in one step
// (atomic_file.h), only once its report is written: a run that fails before that
// reports the same matches again next time, so no article is ever skipped (one may be
// reported twice).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsindex {

struct AlertState {
    std::string query;                    // as the last run searched it
    std::unordered_set<std::string> ids;  // every article it matched
};

// Letters, digits, '.', '_' and '-', not starting with '.', at most 100 bytes: a name
// that is one file name everywhere.
bool is_alert_name(std::string_view name);

// The state file of alert `name` of the index at `database`: DATABASE.alerts/NAME.
std::filesystem::path alert_state_path(const std::filesystem::path& database,
                                       std::string_view name);

// The state a run left; empty (no ids) before the first run. Throws Error (io) naming the
// file when it cannot be read, (bad_input) when it is not an alert's state.
AlertState load_alert_state(const std::filesystem::path& file);

// Replaces the state, creating the folder. Throws Error (io) naming the file when it
// cannot be written; the state before stays.
void save_alert_state(const std::filesystem::path& file, std::string_view query,
                      const std::vector<std::string>& ids);

}  // namespace newsindex
