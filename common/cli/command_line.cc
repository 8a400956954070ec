#include "common/cli/command_line.h"

#include <cstdio>
#include <iostream>

#include "common/base/version.h"
#include "common/cli/exit_codes.h"

namespace newsindex {

namespace po = boost::program_options;

std::optional<int> parse_command_line(int argc, char** argv, const CommandSpec& spec,
                                      po::options_description& options, po::variables_map& values) {
    options.add_options()("help,h", "show this help and exit")("version",
                                                               "show the version and exit");
    // Operands are an option --help does not show.
    po::options_description all;
    all.add(options);
    po::positional_options_description positional;
    if (!spec.operands.empty()) {
        all.add_options()(spec.operands.c_str(), po::value<std::vector<std::string>>());
        positional.add(spec.operands.c_str(), -1);
    }
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  values);
        if (values.count("help")) {
            std::cout << "usage: " << spec.name << " [OPTIONS] " << spec.synopsis << "\n\n"
                      << spec.summary << "\n\n"
                      << options << (spec.epilog.empty() ? "" : "\n") << spec.epilog;
            return exit_code::kOk;
        }
        if (values.count("version")) {
            std::cout << spec.name << ' ' << version() << '\n';
            return exit_code::kOk;
        }
        po::notify(values);
    } catch (const po::error& e) {
        return usage_error(spec, std::string(e.what()) + " (see --help)");
    }
    return std::nullopt;
}

std::vector<std::string> operands(const CommandSpec& spec, const po::variables_map& values) {
    if (spec.operands.empty() || !values.count(spec.operands)) return {};
    return values[spec.operands].as<std::vector<std::string>>();
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out;
}

int usage_error(const CommandSpec& spec, const std::string& message) {
    std::cerr << spec.name << ": " << message << '\n';
    return exit_code::kUsage;
}

int report_error(const CommandSpec& spec, const Error& error) {
    std::cerr << spec.name << ": " << printable(error.what()) << '\n';
    return exit_code::for_error(error.kind());
}

int report_index_error(const CommandSpec& spec, const Error& error) {
    if (error.kind() != ErrorKind::not_found) return report_error(spec, error);
    std::cerr << spec.name << ": " << printable(error.what())
              << " (create it with 'newsindex build DIR')\n";
    return exit_code::for_error(error.kind());
}

}  // namespace newsindex
