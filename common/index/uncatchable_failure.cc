#include "common/index/uncatchable_failure.h"

#include <exception>

#include "common/index/xapian_error.h"

namespace newsindex {

std::optional<Error> failure_being_terminated() {
    const std::exception_ptr failure = std::current_exception();
    if (!failure) return std::nullopt;
    try {
        std::rethrow_exception(failure);
    } catch (const Xapian::Error& e) {
        // Thrown through a noexcept frame, it unwound nothing: the guard's context is set.
        return from_xapian(e, detail::xapian_context);
    } catch (const Error& e) {
        return e;
    } catch (...) {
    }
    return std::nullopt;
}

std::string_view xapian_call_being_terminated() {
    return detail::xapian_context;
}

}  // namespace newsindex
