// NewsSearcher::retrying, for the files that define NewsSearcher's methods: not part of
// the library's surface.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "common/index/xapian_error.h"
#include "common/search/search.h"

namespace newsindex {

namespace searcher_retry {

// A build that commits often (--batch 1) can invalidate what a search reads several
// times over: Xapian keeps only the last two revisions readable. A search reopens and
// starts again, pausing a little longer each time, for at most about five seconds.
inline constexpr int kModifiedRetries = 60;
inline constexpr int kCorruptRetries = 3;

inline std::chrono::milliseconds pause(int attempt) {
    return std::chrono::milliseconds(std::min(attempt, 20) * 5);
}

}  // namespace searcher_retry

template <typename Fn>
decltype(auto) NewsSearcher::retrying(Fn&& fn) const {
    return xapian_guard(description(), [&]() -> decltype(auto) {
        int inconsistent_reads = 0;
        for (int attempt = 0;; ++attempt) {
            try {
                if (attempt > 0) {
                    // Reopening can itself be overtaken by a commit: it is retried too.
                    std::this_thread::sleep_for(searcher_retry::pause(attempt));
                    db_.reopen();
                }
                return fn();
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == searcher_retry::kModifiedRetries) throw;
            } catch (const Xapian::DatabaseCorruptError&) {
                // A commit reusing blocks under a reader can look like damage for a moment;
                // real damage persists, so these retries are few.
                if (++inconsistent_reads > searcher_retry::kCorruptRetries) throw;
            } catch (const Xapian::DatabaseError& e) {
                // The same, seen as a block number read from a block being rewritten,
                // pointing past the end of the file.
                if (!is_torn_read(e) || ++inconsistent_reads > searcher_retry::kCorruptRetries)
                    throw;
            } catch (const Xapian::DocNotFoundError&) {
                // The same, seen as a matched article whose term list is gone: every
                // document read here comes from a match or a term of the revision open,
                // so a missing one means the revision moved on mid-read.
                if (++inconsistent_reads > searcher_retry::kCorruptRetries) throw;
            }
        }
    });
}

}  // namespace newsindex
