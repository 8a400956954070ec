// Runs tasks on a pool of threads and hands their results back in the order the tasks
// were submitted, with a bounded number in flight.
//
// A build reads, parses and tags files on every core while one thread owns the
// database: the writer gets results in walk order (so a parallel build writes the same
// index as a serial one), and the bound keeps memory flat however large the archive.
#pragma once

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <deque>
#include <future>
#include <optional>
#include <utility>

namespace newsindex {

template <typename Result>
class OrderedWork {
public:
    // threads == 0 runs every task at once on the caller's thread.
    OrderedWork(std::size_t threads, std::size_t max_in_flight)
        : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight) {
        if (threads > 0) pool_.emplace(threads);
    }
    // Waits for the tasks still running; their results are dropped.
    ~OrderedWork() {
        if (pool_) pool_->join();
    }
    OrderedWork(const OrderedWork&) = delete;
    OrderedWork& operator=(const OrderedWork&) = delete;

    // Starts `task` (Result()). When max_in_flight results are pending, first hands the
    // oldest to `consume` (void(Result&&)) on this thread. A task's exception is thrown
    // here when its turn to be consumed comes.
    template <typename Task, typename Consume>
    void submit(Task&& task, Consume&& consume) {
        if (!pool_) {
            consume(task());
            return;
        }
        while (pending_.size() >= max_in_flight_) consume_oldest(consume);
        std::packaged_task<Result()> packaged(std::forward<Task>(task));
        pending_.push_back(packaged.get_future());
        boost::asio::post(*pool_, std::move(packaged));
    }

    // Hands every pending result to `consume`, in order.
    template <typename Consume>
    void drain(Consume&& consume) {
        while (!pending_.empty()) consume_oldest(consume);
    }

private:
    template <typename Consume>
    void consume_oldest(Consume& consume) {
        std::future<Result> next = std::move(pending_.front());
        pending_.pop_front();
        consume(next.get());
    }

    std::size_t max_in_flight_;
    std::deque<std::future<Result>> pending_;
    std::optional<boost::asio::thread_pool> pool_;  // last: joined before pending_ goes
};

}  // namespace newsindex
