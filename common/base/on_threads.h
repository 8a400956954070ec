// Runs a function on a thread per index and waits for them all.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace newsindex {

// Runs fn(i) for i in [0, n) on a thread each, and rethrows the first failure once all
// are done, so that nothing a thread uses (a shard's writer) goes while it runs. One is
// run on the caller's thread: a thread of its own would only add its start.
template <typename Fn>
void on_threads(std::size_t n, Fn&& fn) {
    if (n == 1) {
        fn(std::size_t{0});
        return;
    }
    std::vector<std::exception_ptr> failures(n);
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < n; ++i)
            threads.emplace_back([&, i] {
                try {
                    fn(i);
                } catch (...) {
                    failures[i] = std::current_exception();
                }
            });
    }
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

}  // namespace newsindex
