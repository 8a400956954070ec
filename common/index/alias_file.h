// Curated aliases: a small tab-separated list of names the entity table maps whatever the
// articles say. One line each, "KIND<TAB>ALIAS<TAB>NAME" (KIND: person, org or place;
// ALIAS matched case-insensitively, whatever kind the tagger gave it); blank lines and
// lines starting with '#' are ignored. The list shipped with newsindex holds well-known
// short forms ("org	Fed	Federal Reserve"); users add their own.
//
// NAME "-" suppresses ALIAS: it names nobody and gives no facet value. NAME equal to
// ALIAS retypes it ("org	Apple	Apple": Apple is an organisation everywhere). Lines are
// read in order, files after files, and a later line about the same ALIAS replaces an
// earlier one. A later line that reverses an earlier one ("org	Federal Reserve	Fed"
// after "org	Fed	Federal Reserve") replaces it too, so one entity keeps one name; a
// loop written within one file is broken at its earliest line and reported.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/index/entity_table.h"

namespace newsindex {

// Names longer than this are refused: one name is a few words, never a document.
inline constexpr std::size_t kMaxAliasBytes = 200;

// One line of an alias file, with where it came from for messages.
struct AliasLine {
    CuratedAlias alias;  // name empty: suppressed
    std::string file;
    std::size_t line = 0;
};

// Throws Error: io when the file cannot be read, bad_input ("FILE:LINE: why") for a line
// of another shape or a name over kMaxAliasBytes.
std::vector<AliasLine> read_alias_file(const std::filesystem::path& file);

// The same from text; `name` stands for the file in messages.
std::vector<AliasLine> parse_aliases(std::string_view text, std::string_view name);

// The lines of every file, in order, as the entity table takes them: one line per alias
// (the last), no loops. A loop within one file is reported in `warnings`, one line each
// ("FILE:LINE: ..."); a later file reversing an earlier one is an override, not a fault.
struct AliasList {
    std::vector<CuratedAlias> aliases;
    std::vector<std::string> warnings;
};
AliasList resolve_aliases(const std::vector<AliasLine>& lines);

// The list shipped with newsindex, then the user's
// ${XDG_CONFIG_HOME:-~/.config}/newsindex/aliases.tsv if there is one: later files win.
std::vector<std::filesystem::path> default_alias_files();

}  // namespace newsindex
