#include "common/index/xapian_error.h"

#include <string>
#include <utility>

namespace newsindex {

namespace {

// Xapian::Error is not polymorphic, so its class is told by name.
ErrorKind kind_of(const Xapian::Error& e) {
    static constexpr std::pair<std::string_view, ErrorKind> kKinds[] = {
        {"DatabaseLockError", ErrorKind::locked},
        {"DatabaseNotFoundError", ErrorKind::not_found},
        {"DatabaseVersionError", ErrorKind::incompatible},
        {"DatabaseCorruptError", ErrorKind::corrupt},
        {"DatabaseOpeningError", ErrorKind::corrupt},
        {"DatabaseCreateError", ErrorKind::io},
        {"DatabaseModifiedError", ErrorKind::io},
        {"DatabaseError", ErrorKind::io},
        {"QueryParserError", ErrorKind::bad_input},
        {"InvalidArgumentError", ErrorKind::bad_input},
        {"WildcardError", ErrorKind::bad_input},
    };
    const std::string_view type = e.get_type();
    for (const auto& [name, kind] : kKinds)
        if (name == type) return kind;
    return ErrorKind::internal;
}

}  // namespace

Error from_xapian(const Xapian::Error& e, std::string_view context) {
    std::string message(context);
    if (!message.empty()) message += ": ";
    message += e.get_msg().empty() ? e.get_type() : e.get_msg();
    return Error(kind_of(e), message);
}

bool is_torn_read(const Xapian::Error& e) {
    return std::string_view(e.get_type()) == "DatabaseError" &&
           e.get_msg().starts_with("EOF reading block");
}

}  // namespace newsindex
