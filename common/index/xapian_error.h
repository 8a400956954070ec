// Where Xapian's exceptions become the library's own (base/error.h). Every public entry
// point of index/ and search/ that reaches Xapian converts at its edge, so no
// Xapian::Error escapes to a front end.
#pragma once

#include <xapian.h>

#include <string_view>

#include "common/base/error.h"

namespace newsindex {

namespace detail {
// The context of the innermost xapian_guard() running on this thread: what a failure that
// no catch can reach (uncatchable_failure.h) is said to be about.
inline thread_local std::string_view xapian_context;

class XapianContextScope {
public:
    explicit XapianContextScope(std::string_view context) : outer_(xapian_context) {
        xapian_context = context;
    }
    ~XapianContextScope() { xapian_context = outer_; }
    XapianContextScope(const XapianContextScope&) = delete;
    XapianContextScope& operator=(const XapianContextScope&) = delete;

private:
    std::string_view outer_;
};
}  // namespace detail

// The Error that stands for `e`, its message prefixed with `context` ("index /srv/x").
Error from_xapian(const Xapian::Error& e, std::string_view context);

// Whether `e` is a read torn by a commit reusing blocks under a reader ("EOF reading block
// N": a block number taken from a block being rewritten). Like a DatabaseCorruptError it
// can pass on reopening; real damage persists, so callers retry it only a few times.
bool is_torn_read(const Xapian::Error& e);

// Runs fn(); a Xapian::Error it throws is rethrown as from_xapian(e, context).
template <typename Fn>
decltype(auto) xapian_guard(std::string_view context, Fn&& fn) {
    const detail::XapianContextScope scope(context);
    try {
        return fn();
    } catch (const Xapian::Error& e) {
        throw from_xapian(e, context);
    }
}

}  // namespace newsindex
