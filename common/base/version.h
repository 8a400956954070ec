#pragma once

#include <string_view>

namespace newsindex {

// The project version, as --version prints it.
std::string_view version();

}  // namespace newsindex
