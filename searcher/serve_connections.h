// The sockets of `newssearch serve`: one thread polls every open connection and reads each
// request itself, so that a worker is handed only a whole request (head and body) and no
// idle or slow client can hold one. README.md ("Safety") states the limits kept here.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "searcher/serve_http.h"

namespace newsindex::serve {

// A file descriptor that closes itself.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();
    int get() const { return fd_; }
    void reset();

private:
    int fd_ = -1;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct ServiceOptions {
    std::size_t threads = 8;
    // Open connections at most (idle, being read, queued and being answered). When a new
    // one comes, the one that has waited longest without a whole request is closed.
    std::size_t max_connections = 1024;
    std::chrono::milliseconds request_time{5000};  // to read a whole request, from its first byte
    std::chrono::milliseconds idle_time{2000};     // between requests on a kept-alive connection
    std::chrono::milliseconds write_time{5000};    // to write an answer
    HeaderList common_headers;                     // on every answer
};

// Answers a whole request; may throw (answered 500).
using Handler = std::function<HttpResponse(const HttpRequest&)>;
// The answer to a request refused before any handler ran (status, message).
using Refusal = std::function<HttpResponse(int, const std::string&)>;

class Service {
public:
    // `listener`: a bound, listening socket.
    Service(UniqueFd listener, Handler handler, Refusal refusal, ServiceOptions options);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Serves until stop(); then stops accepting, answers every request under way (those
    // queued, being answered, or being read within their time) and returns true. False
    // when polling failed.
    bool run();

    // Safe from any thread, once or more.
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace newsindex::serve
