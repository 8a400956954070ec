// Runs a function on a thread per index and waits for them all.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace newsindex {

// Runs fn(i) for i in [0, n) on a thread each, and rethrows the first failure once all
// are done, so that nothing a thread uses (a shard's writer) goes while it runs.
template <typename Fn>
void on_threads(std::size_t n, Fn&& fn) {
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
