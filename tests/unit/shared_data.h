// Where the data sets beside the checkout (../shared) are: $NEWSINDEX_SHARED when set (an
// empty or missing folder stands for a clone without them), else where the build was
// configured to look. Tests that need them skip, saying so, when they are absent.
#pragma once

#include <cstdlib>
#include <filesystem>

inline std::filesystem::path shared_data_dir() {
    if (const char* dir = std::getenv("NEWSINDEX_SHARED")) return dir;
    return NEWSINDEX_SHARED;
}
