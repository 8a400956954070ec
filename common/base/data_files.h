// The data files that ship with newsindex (the entity model, the curated aliases).
#pragma once

#include <filesystem>
#include <string_view>

namespace newsindex {

// An installed binary finds <prefix>/share/newsindex/NAME, wherever the prefix is; one run
// from the build folder finds it in the source tree's models/ folder.
std::filesystem::path shipped_data_file(std::string_view name);

}  // namespace newsindex
