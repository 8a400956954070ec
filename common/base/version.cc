#include "common/base/version.h"

namespace newsindex {

std::string_view version() {
    return NEWSINDEX_VERSION;
}

}  // namespace newsindex
