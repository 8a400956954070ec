#include "common/search/alert_state.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "common/base/atomic_file.h"
#include "common/base/error.h"

namespace newsindex {

namespace {

constexpr std::string_view kHeader = "newsindex alert 1\t";

// One line per id: a newline or a backslash in an id (file names may hold both) is
// written \n or \\.
std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string unescaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            out += text[i + 1] == 'n' ? '\n' : text[i + 1];
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

bool is_alert_name(std::string_view name) {
    return !name.empty() && name.size() <= 100 && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                      c == '-';
           });
}

std::filesystem::path alert_state_path(const std::filesystem::path& database,
                                       std::string_view name) {
    std::filesystem::path folder = database;
    if (!folder.has_filename()) folder = folder.parent_path();  // "db/" is "db"
    folder += ".alerts";
    return folder / std::string(name);
}

AlertState load_alert_state(const std::filesystem::path& file) {
    AlertState state;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!std::filesystem::exists(file, ec) && !ec) return state;
        throw Error(ErrorKind::io, "cannot read " + file.string() + ": " + std::strerror(errno));
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(ErrorKind::io, "cannot read " + file.string());
    std::string_view rest(text);
    const auto first_end = rest.find('\n');
    const std::string_view first = rest.substr(0, first_end);
    if (!first.starts_with(kHeader))
        throw Error(ErrorKind::bad_input, file.string() + " is not the state of an alert");
    state.query = unescaped(first.substr(kHeader.size()));
    rest.remove_prefix(first_end == std::string_view::npos ? rest.size() : first_end + 1);
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        if (end == std::string_view::npos)  // a file is written whole: this one was not
            throw Error(ErrorKind::bad_input, file.string() + " is cut short");
        state.ids.insert(unescaped(rest.substr(0, end)));
        rest.remove_prefix(end + 1);
    }
    return state;
}

void save_alert_state(const std::filesystem::path& file, std::string_view query,
                      const std::vector<std::string>& ids) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(ErrorKind::io,
                    "cannot create " + file.parent_path().string() + ": " + ec.message());
    std::vector<std::string> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    std::string text = std::string(kHeader) + escaped(query) + '\n';
    for (const auto& id : sorted) text += escaped(id) + '\n';
    replace_file(file, text);
}

}  // namespace newsindex
