#include "common/cli/command_line.h"

#include <charconv>
#include <cstdio>
#include <iostream>

#include "common/base/version.h"
#include "common/cli/exit_codes.h"

namespace newsindex {

namespace po = boost::program_options;

void validate(boost::any& value, const std::vector<std::string>& words, Count*, int) {
    po::validators::check_first_occurrence(value);
    const std::string& word = po::validators::get_single_string(words);
    Count count;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), count.value);
    if (word.empty() || error != std::errc() || end != word.data() + word.size())
        throw po::invalid_option_value(word);
    value = count;
}

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
            std::cout << "usage: " << spec.name << " [OPTIONS]"
                      << (spec.synopsis.empty() ? "" : " ") << spec.synopsis << "\n\n"
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

namespace {

// The length of the valid UTF-8 sequence at the start of `text`, 0 if there is none.
std::size_t utf8_sequence(std::string_view text, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
    if (lead >= 0xf5 || length == 0 || text.size() < length) return 0;
    code_point = lead & (0x7f >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xc0) != 0x80) return 0;
        code_point = (code_point << 6) | (byte(i) & 0x3f);
    }
    const bool overlong =
        (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    if (overlong || (code_point >= 0xd800 && code_point <= 0xdfff) || code_point > 0x10ffff)
        return 0;
    return length;
}

void escape(std::string& out, std::string_view bytes) {
    for (const char c : bytes) {
        char escaped[5];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(c));
        out += escaped;
    }
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto byte = static_cast<unsigned char>(text.front());
        std::size_t length = 1;
        if (byte < 0x80) {
            if (byte < 0x20 || byte == 0x7f)
                escape(out, text.substr(0, 1));
            else if (byte == '\\')
                out += "\\\\";
            else
                out += text.front();
        } else {
            char32_t code_point = 0;
            length = utf8_sequence(text, code_point);
            if (length == 0) {
                length = 1;  // not UTF-8: the byte itself, so the name can be typed back
                escape(out, text.substr(0, 1));
            } else if (code_point >= 0x80 && code_point <= 0x9f) {
                escape(out, text.substr(0, length));  // C1 controls (CSI, OSC) act as ESC does
            } else {
                out.append(text.substr(0, length));
            }
        }
        text.remove_prefix(length);
    }
    return out;
}

std::optional<std::string> from_printable(std::string_view printed) {
    std::string text;
    text.reserve(printed.size());
    for (std::size_t i = 0; i < printed.size(); ++i) {
        if (printed[i] != '\\') {
            text += printed[i];
            continue;
        }
        if (i + 1 < printed.size() && printed[i + 1] == '\\') {
            text += '\\';
            ++i;
            continue;
        }
        unsigned byte = 0;
        const char* digits = printed.data() + i + 2;
        if (i + 3 >= printed.size() || printed[i + 1] != 'x' ||
            std::from_chars(digits, digits + 2, byte, 16).ptr != digits + 2)
            return std::nullopt;
        text += static_cast<char>(byte);
        i += 3;
    }
    return text;
}

std::string one_line(std::string_view text, std::size_t max_bytes) {
    std::string line = printable(text);
    if (line.size() <= max_bytes) return line;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xc0) == 0x80) --cut;
    line.resize(cut);
    return line + "...";
}

int usage_error(const CommandSpec& spec, const std::string& message) {
    std::cerr << spec.name << ": " << one_line(message) << '\n';
    return exit_code::kUsage;
}

int report_error(const CommandSpec& spec, const Error& error) {
    std::cerr << spec.name << ": " << one_line(error.what()) << '\n';
    return exit_code::for_error(error.kind());
}

int report_index_error(const CommandSpec& spec, const Error& error) {
    if (error.kind() != ErrorKind::not_found) return report_error(spec, error);
    std::cerr << spec.name << ": " << one_line(error.what())
              << " (create it with 'newsindex build DIR')\n";
    return exit_code::for_error(error.kind());
}

}  // namespace newsindex
