#include "common/base/entity_key.h"

#include <xapian.h>

namespace newsindex {

std::string entity_key(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    bool pending_space = false;
    for (Xapian::Utf8Iterator it(name.data(), name.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (Xapian::Unicode::is_whitespace(ch)) {
            pending_space = !key.empty();
            continue;
        }
        if (pending_space) key += ' ';
        pending_space = false;
        Xapian::Unicode::append_utf8(key, Xapian::Unicode::tolower(ch));
    }
    return key;
}

}  // namespace newsindex
