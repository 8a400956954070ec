#include "common/index/alias_file.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "common/base/data_files.h"
#include "common/base/entity_key.h"
#include "common/base/error.h"

namespace newsindex {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string where(const AliasLine& line) {
    return line.file + ":" + std::to_string(line.line);
}

}  // namespace

std::vector<AliasLine> parse_aliases(std::string_view text, std::string_view name) {
    std::vector<AliasLine> aliases;
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
        if (alias.alias.size() > kMaxAliasBytes || alias.name.size() > kMaxAliasBytes)
            throw fail("name longer than " + std::to_string(kMaxAliasBytes) + " bytes");
        if (alias.name == "-") alias.name.clear();
        aliases.push_back({std::move(alias), std::string(name), line_number});
    }
    return aliases;
}

std::vector<AliasLine> read_alias_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, "cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return parse_aliases(text.str(), file.string());
}

AliasList resolve_aliases(const std::vector<AliasLine>& lines) {
    // The last line about each alias.
    std::map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < lines.size(); ++i) last[entity_key(lines[i].alias.alias)] = i;
    std::vector<bool> kept(lines.size(), false);
    for (const auto& [key, i] : last) kept[i] = true;

    // Latest first, each link joins unless it closes a loop with the later ones: a loop is
    // broken at its earliest line, so later lines win. Every alias has one link at most, so
    // a loop is found by following the target's links.
    std::map<std::string, std::size_t> link;  // alias key -> line
    AliasList list;
    for (std::size_t i = lines.size(); i-- > 0;) {
        if (!kept[i]) continue;
        const CuratedAlias& alias = lines[i].alias;
        const std::string from = entity_key(alias.alias);
        const std::string to = entity_key(alias.name);
        if (alias.name.empty() || from == to) continue;
        std::vector<std::size_t> path;
        bool loops = false;
        for (std::string at = to; !loops;) {
            const auto next = link.find(at);
            if (next == link.end()) break;
            path.push_back(next->second);
            at = entity_key(lines[next->second].alias.name);
            loops = at == from;
        }
        if (!loops) {
            link[from] = i;
            continue;
        }
        kept[i] = false;
        // Within one file it is a mistake worth a word; a later file reversing an earlier
        // one (the user's list over the shipped one) is what it is there for.
        bool same_file = true;
        for (const std::size_t p : path) same_file = same_file && lines[p].file == lines[i].file;
        if (!same_file) continue;
        std::string through;
        for (const std::size_t p : path) through += (through.empty() ? "" : ", ") + where(lines[p]);
        list.warnings.push_back(where(lines[i]) + ": \"" + alias.alias + "\" -> \"" + alias.name +
                                "\" loops back through " + through + "; this line is ignored");
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (kept[i]) list.aliases.push_back(lines[i].alias);
    return list;
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
