// A failure that no catch can reach. Xapian 1.4 writes value-stream chunks from a
// destructor (Glass::ValueUpdater in glass_values.cc, during a commit): when the disk
// fills at that moment, its DatabaseError leaves a noexcept frame and std::terminate is
// called on whichever thread committed, a shard's included. The commit it broke was never
// applied, so the index keeps its last one: the process can still end as for any full
// disk, with one line and exit code 74 (indexer/terminate_handler.h).
#pragma once

#include <optional>
#include <string_view>

#include "common/base/error.h"

namespace newsindex {

// For a std::terminate handler: the Error that stands for the exception being handled,
// when it is a Xapian::Error (named like the xapian_guard() it left: "index PATH") or an
// Error; nothing for any other.
std::optional<Error> failure_being_terminated();

// For the same handler when no exception is being handled: the context of the Xapian call
// this thread is inside ("index PATH"), or empty. Xapian 1.4 has been seen to end a sharded
// build on a full disk through std::terminate with no exception in flight too (once in
// some 200 builds); inside a Xapian call the index still holds its last commit.
std::string_view xapian_call_being_terminated();

}  // namespace newsindex
