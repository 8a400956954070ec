#include "indexer/terminate_handler.h"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <string>

#include "common/cli/exit_codes.h"
#include "common/index/uncatchable_failure.h"

namespace newsindex::cli {

namespace {

std::string_view g_program;
std::terminate_handler g_previous = nullptr;

[[noreturn]] void report_and_exit() {
    if (const auto failure = failure_being_terminated()) {
        std::string line(g_program);
        line += ": ";
        for (const char c : std::string_view(failure->what())) line += c == '\n' ? ' ' : c;
        line += '\n';
        // Other threads may be writing: one write(2) keeps the line whole, and _Exit runs
        // nothing that could wait for them. Xapian's locks go with the process.
        [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
        std::_Exit(exit_code::for_error(failure->kind()));
    }
    if (g_previous != nullptr) g_previous();
    std::abort();
}

}  // namespace

void report_failures_on_terminate(std::string_view program) {
    g_program = program;
    const std::terminate_handler previous = std::set_terminate(report_and_exit);
    if (previous != report_and_exit) g_previous = previous;
}

}  // namespace newsindex::cli
