// Where Xapian's exceptions become the library's own (base/error.h). Every public entry
// point of index/ and search/ that reaches Xapian converts at its edge, so no
// Xapian::Error escapes to a front end.
#pragma once

#include <xapian.h>

#include <string_view>

#include "common/base/error.h"

namespace newsindex {

// The Error that stands for `e`, its message prefixed with `context` ("index /srv/x").
Error from_xapian(const Xapian::Error& e, std::string_view context);

// Runs fn(); a Xapian::Error it throws is rethrown as from_xapian(e, context).
template <typename Fn>
decltype(auto) xapian_guard(std::string_view context, Fn&& fn) {
    try {
        return fn();
    } catch (const Xapian::Error& e) {
        throw from_xapian(e, context);
    }
}

}  // namespace newsindex
