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

// Other threads may be writing: one write(2) keeps the line whole, and _Exit runs nothing
// that could wait for them. Xapian's locks go with the process.
[[noreturn]] void report_line_and_exit(std::string_view message, int code) {
    std::string line(g_program);
    line += ": ";
    for (const char c : message) line += c == '\n' ? ' ' : c;
    line += '\n';
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
    std::_Exit(code);
}

[[noreturn]] void report_and_exit() {
    if (const auto failure = failure_being_terminated())
        report_line_and_exit(failure->what(), exit_code::for_error(failure->kind()));
    if (const std::string_view context = xapian_call_being_terminated(); !context.empty())
        report_line_and_exit(std::string(context) +
                                 ": Xapian ended the write with no error to report (the disk "
                                 "may be full); the index keeps its last commit",
                             exit_code::for_error(ErrorKind::io));
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
