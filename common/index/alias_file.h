// Curated aliases: a small tab-separated list of names the entity table maps whatever the
// articles say. One line each, "KIND<TAB>ALIAS<TAB>NAME" (KIND: person, org or place;
// ALIAS matched case-insensitively, whatever kind the tagger gave it); blank lines and
// lines starting with '#' are ignored. The list shipped with newsindex holds well-known
// short forms ("org	Fed	Federal Reserve"); users add their own.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/index/entity_table.h"

namespace newsindex {

// Throws Error: io when the file cannot be read, bad_input ("FILE:LINE: why") for a line
// of another shape.
std::vector<CuratedAlias> read_alias_file(const std::filesystem::path& file);

// The same from text; `name` stands for the file in messages.
std::vector<CuratedAlias> parse_aliases(std::string_view text, std::string_view name);

// The list shipped with newsindex, then the user's
// ${XDG_CONFIG_HOME:-~/.config}/newsindex/aliases.tsv if there is one: later files win.
std::vector<std::filesystem::path> default_alias_files();

}  // namespace newsindex
