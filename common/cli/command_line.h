// Option parsing shared by every command of both programs, so that --help, --version
// and usage errors look and exit the same everywhere.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"

namespace newsindex {

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

// A path or name fit for a one-line message: control characters (a newline in a file
// name) are written as \xNN escapes.
std::string printable(std::string_view text);

// Prints "NAME: message" on stderr and returns exit code 2.
int usage_error(const CommandSpec& spec, const std::string& message);

// Prints "NAME: what" on stderr and returns the exit code of the error's kind.
int report_error(const CommandSpec& spec, const Error& error);
// The same for errors opening an index: a missing one gets advice on making it.
int report_index_error(const CommandSpec& spec, const Error& error);

}  // namespace newsindex
