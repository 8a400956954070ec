#include "common/base/content_hash.h"

#include <cstdio>

namespace newsindex {

std::string Fnv1a64::hex() const {
    char digits[17];
    std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash_));
    return digits;
}

std::string content_hash(std::string_view bytes) {
    Fnv1a64 hash;
    hash.update(bytes);
    return hash.hex();
}

}  // namespace newsindex
