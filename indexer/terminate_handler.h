// The last word of a command whose failure no catch can reach (uncatchable_failure.h):
// one line and its exit code, as for any other failure, rather than libstdc++'s
// "terminate called after throwing ..." and abort().
#pragma once

#include <string_view>

namespace newsindex::cli {

// From now on std::terminate of a known failure prints "PROGRAM: message" and ends the
// process with its exit code (74 for a full disk); anything else still aborts. `program`
// must outlive the process (a command's spec name).
void report_failures_on_terminate(std::string_view program);

}  // namespace newsindex::cli
