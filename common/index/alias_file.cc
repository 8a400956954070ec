#include "common/index/alias_file.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/base/data_files.h"
#include "common/base/error.h"

namespace newsindex {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::vector<CuratedAlias> parse_aliases(std::string_view text, std::string_view name) {
    std::vector<CuratedAlias> aliases;
    std::size_t line_number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        const auto fail = [&](const std::string& why) {
            return Error(ErrorKind::bad_input,
                         std::string(name) + ":" + std::to_string(line_number) + ": " + why);
        };
        const auto tab1 = line.find('\t');
        const auto tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string_view::npos || line.find('\t', tab2 + 1) != std::string_view::npos)
            throw fail("expected KIND<TAB>ALIAS<TAB>NAME");
        const auto kind = entity_kind_from_name(trim(line.substr(0, tab1)));
        if (!kind) throw fail("kind must be person, org or place");
        CuratedAlias alias{*kind, std::string(trim(line.substr(tab1 + 1, tab2 - tab1 - 1))),
                           std::string(trim(line.substr(tab2 + 1)))};
        if (alias.alias.empty() || alias.name.empty()) throw fail("empty alias or name");
        aliases.push_back(std::move(alias));
    }
    return aliases;
}

std::vector<CuratedAlias> read_alias_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, "cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return parse_aliases(text.str(), file.string());
}

std::vector<std::filesystem::path> default_alias_files() {
    std::vector<std::filesystem::path> files{shipped_data_file("aliases.tsv")};
    std::filesystem::path config;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        config = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        config = std::filesystem::path(home) / ".config";
    std::error_code ec;
    if (!config.empty() &&
        std::filesystem::is_regular_file(config / "newsindex" / "aliases.tsv", ec))
        files.push_back(config / "newsindex" / "aliases.tsv");
    return files;
}

}  // namespace newsindex
