#include "common/base/error.h"

namespace newsindex {

std::string_view error_kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::bad_input:
            return "bad input";
        case ErrorKind::not_found:
            return "not found";
        case ErrorKind::locked:
            return "locked";
        case ErrorKind::io:
            return "I/O error";
        case ErrorKind::corrupt:
            return "corrupt";
        case ErrorKind::outdated:
            return "outdated";
        case ErrorKind::incompatible:
            return "incompatible";
        case ErrorKind::internal:
            return "internal error";
    }
    return "error";
}

}  // namespace newsindex
