// Option parsing shared by every command of both programs, so that --help, --version
// and usage errors look and exit the same everywhere.
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"

namespace newsindex {

// A whole-number option value ("--limit 10"). Boost reads "-1" into an unsigned type as
// 4294967295; this one refuses anything but digits.
struct Count {
    std::uint64_t value = 0;
};
// Boost.Program_options finds this by argument-dependent lookup.
void validate(boost::any& value, const std::vector<std::string>& words, Count*, int);

struct CommandSpec {
    std::string name;        // "newsindex build", "newssearch"
    std::string synopsis;    // "DIR..." : what follows the options in the usage line
    std::string summary;     // one paragraph shown under the usage line by --help
    std::string epilog;      // shown after the options (examples, exit codes)
    std::string operands{};  // name under which the words after the options are stored, as a
                             // std::vector<std::string> ("" when the command takes none)
};

// Parses argv into `values`. Adds --help and --version to `options`; operands land in
// values[spec.operands]. Returns an exit code when the program should stop now (help or
// version printed: 0; usage error printed as one line on stderr: 2), nothing when it
// should go on.
std::optional<int> parse_command_line(int argc, char** argv, const CommandSpec& spec,
                                      boost::program_options::options_description& options,
                                      boost::program_options::variables_map& values);

// The operands parsed by parse_command_line (empty when there were none).
std::vector<std::string> operands(const CommandSpec& spec,
                                  const boost::program_options::variables_map& values);

// Text fit for a terminal: control characters (a newline or ESC in a file name or a
// title, C1 controls too) and bytes that are not UTF-8 are written as \xNN escapes, and a
// backslash as \\, so the text can be told back exactly; other UTF-8 passes.
std::string printable(std::string_view text);
// The text printable() wrote `printed` for: \xNN back to its byte, \\ to a backslash.
// Nothing when `printed` holds another backslash sequence, so could not have come from
// printable(). A name printed escaped can thus be typed back (--like, show).
std::optional<std::string> from_printable(std::string_view printed);
// printable(text), cut to `max_bytes` with "..." so one bad input cannot flood a terminal.
std::string one_line(std::string_view text, std::size_t max_bytes = 300);

// Prints "NAME: message" on stderr and returns exit code 2.
int usage_error(const CommandSpec& spec, const std::string& message);

// Prints "NAME: what" on stderr and returns the exit code of the error's kind.
int report_error(const CommandSpec& spec, const Error& error);
// The same for errors opening an index: a missing one gets advice on making it.
int report_index_error(const CommandSpec& spec, const Error& error);

}  // namespace newsindex
