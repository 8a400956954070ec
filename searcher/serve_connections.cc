#include "searcher/serve_connections.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace newsindex::serve {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        reset();
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    reset();
}

void UniqueFd::reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

namespace {

using Clock = std::chrono::steady_clock;

// After a refusal or an answer with "Connection: close", what the client still sends is
// read and dropped for this long: closing a socket with unread bytes resets it, and the
// client could lose the answer it has not read yet.
// Not forever, though: a client that goes on sending (endless header fields) is cut off.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kMaxLingerBytes = 1 << 20;
// On stop, how long a connection between requests (accepted, or kept alive) may take to
// send one: its client may be sending it as the signal comes.
constexpr std::chrono::milliseconds kDrainGrace{250};
// What one connection's reading may buffer: a whole head and body, and a pipelined next
// request's start. Beyond that it is not read until the request is answered.
constexpr std::size_t kMaxBuffered = kMaxHeadBytes + kMaxBodyBytes + 4096;

struct Connection {
    UniqueFd socket;
    std::string received;                // bytes read and not yet part of an answered request
    std::optional<HttpRequest> request;  // its head, once whole (the body may still come)
    std::size_t head_bytes = 0;
    Clock::time_point since;  // when its present wait began (oldest is dropped)
    Clock::time_point deadline;
    bool started = false;     // bytes of a request have come: the deadline is the request's
    bool lingering = false;   // answered and shut for writing: input is dropped until EOF
    std::size_t dropped = 0;  // bytes dropped while lingering
};
using ConnectionPtr = std::unique_ptr<Connection>;

// Sends what the socket takes now, without waiting: for short refusals on a connection
// that has been sent nothing yet, whose buffer is empty.
void send_now(int socket, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

// Sends all of `bytes` by `deadline`; false when the client is gone or too slow.
bool send_all(int socket, const std::string& bytes, Clock::time_point deadline) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd waiting{socket, POLLOUT, 0};
        if (::poll(&waiting, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    }
    return true;
}

}  // namespace

struct Service::State {
    UniqueFd listener;
    UniqueFd wake;  // an eventfd: workers and stop() wake the polling thread with it
    Handler handler;
    Refusal refusal;
    ServiceOptions options;
    std::atomic<bool> stopping = false;

    // Whole requests waiting for a worker.
    std::mutex queue_mutex;
    std::condition_variable queue_ready;
    std::deque<ConnectionPtr> queue;
    bool closed = false;

    // Connections the workers give back (kept alive, or to linger), and how many are out
    // with them (queued or being answered).
    std::mutex back_mutex;
    std::vector<ConnectionPtr> back;
    std::size_t out = 0;

    // Owned by the polling thread alone.
    std::vector<ConnectionPtr> open;

    void wake_up() {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(wake.get(), &one, sizeof one);
    }

    void refuse(Connection& connection, int status, const std::string& message) {
        send_now(connection.socket.get(),
                 serialize(refusal(status, message), options.common_headers, false, false));
        linger(connection);
    }

    void linger(Connection& connection) {
        ::shutdown(connection.socket.get(), SHUT_WR);
        connection.lingering = true;
        connection.dropped = 0;
        connection.received.clear();
        connection.request.reset();
        connection.deadline = Clock::now() + kLingerTime;
    }

    // A connection now waiting for the next request (fresh, or answered and kept alive).
    void await_request(Connection& connection) {
        connection.since = Clock::now();
        connection.started = !connection.received.empty();
        connection.deadline =
            connection.since + (connection.started ? options.request_time : options.idle_time);
    }

    // Reads a head out of what came, refuses it, or hands a whole request to the workers.
    // False when the connection left this thread.
    bool examine(ConnectionPtr& connection) {
        Connection& c = *connection;
        if (!c.started && !c.received.empty()) {
            // The first byte of a request: from now on it has request_time to come whole.
            c.started = true;
            c.deadline = Clock::now() + options.request_time;
        }
        if (!c.request) {
            const auto end = head_end(c.received);
            if (!end) {
                if (const auto error = refuse_partial_head(c.received))
                    refuse(c, error->status, error->message);
                return true;
            }
            auto parsed = parse_head(std::string_view(c.received).substr(0, *end));
            if (const auto* error = std::get_if<RequestError>(&parsed)) {
                refuse(c, error->status, error->message);
                return true;
            }
            c.request = std::get<HttpRequest>(std::move(parsed));
            c.head_bytes = *end;
            if (c.request->expects_continue && c.request->body_bytes > 0 &&
                c.received.size() < c.head_bytes + c.request->body_bytes)
                send_now(c.socket.get(), "HTTP/1.1 100 Continue\r\n\r\n");
        }
        const std::size_t whole = c.head_bytes + c.request->body_bytes;
        if (c.received.size() < whole) return true;
        // The body is read and dropped: nothing here takes one.
        c.received.erase(0, whole);
        {
            const std::lock_guard lock(back_mutex);
            ++out;
        }
        {
            const std::lock_guard lock(queue_mutex);
            queue.push_back(std::move(connection));
        }
        queue_ready.notify_one();
        return false;
    }

    // Reads what the socket holds. False when the connection is finished (EOF, an error).
    bool receive(Connection& c) {
        char buffer[16384];
        while (c.lingering || c.received.size() < kMaxBuffered) {
            const ssize_t n = ::recv(c.socket.get(), buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                if (!c.lingering) {
                    c.received.append(buffer, static_cast<std::size_t>(n));
                } else if ((c.dropped += static_cast<std::size_t>(n)) > kMaxLingerBytes) {
                    return false;
                }
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
            return false;  // EOF, or the connection failed
        }
        return true;
    }

    // Closes the connection that has waited longest for a whole request, to make room.
    bool drop_oldest() {
        if (open.empty()) return false;
        const auto oldest =
            std::min_element(open.begin(), open.end(), [](const auto& a, const auto& b) {
                // Lingering ones first: they have been answered.
                if (a->lingering != b->lingering) return a->lingering;
                return a->since < b->since;
            });
        open.erase(oldest);
        return true;
    }

    // Accepts up to `most` connections; true when none are left waiting.
    bool accept_new(bool& listener_paused, Clock::time_point& resume_listener, int most) {
        for (int i = 0; i < most; ++i) {
            UniqueFd socket(
                ::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
            if (socket.get() < 0) {
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    // Out of descriptors: make room and try again shortly, rather than
                    // spin on a listener that stays readable.
                    drop_oldest();
                    listener_paused = true;
                    resume_listener = Clock::now() + std::chrono::milliseconds(100);
                }
                return true;
            }
            std::size_t busy = 0;
            {
                const std::lock_guard lock(back_mutex);
                busy = out + back.size();
            }
            auto connection = std::make_unique<Connection>();
            connection->socket = std::move(socket);
            if (open.size() + busy >= options.max_connections && !drop_oldest()) {
                // Every connection has a whole request queued or being answered.
                refuse(*connection, 503, "the server is busy: try again later");
                open.push_back(std::move(connection));
                continue;
            }
            await_request(*connection);
            open.push_back(std::move(connection));
        }
        return false;
    }

    void take_back() {
        std::vector<ConnectionPtr> returned;
        {
            const std::lock_guard lock(back_mutex);
            returned.swap(back);
        }
        for (auto& connection : returned) {
            if (connection->lingering) {
                open.push_back(std::move(connection));
                continue;
            }
            await_request(*connection);
            if (stopping && !connection->started) connection->deadline = Clock::now() + kDrainGrace;
            // A pipelined request may be whole already.
            if (examine(connection)) open.push_back(std::move(connection));
        }
    }

    bool anything_out() {
        const std::lock_guard lock(back_mutex);
        return out > 0 || !back.empty();
    }

    bool poll_loop() {
        bool listener_paused = false;
        Clock::time_point resume_listener;
        bool drained = false;
        std::vector<pollfd> polled;
        while (true) {
            take_back();
            if (stopping && !drained) {
                // Connections the kernel has completed are requests under way too: take
                // them before closing the listener, which would reset them.
                while (!listener_paused && !accept_new(listener_paused, resume_listener, 1024)) {
                }
                listener.reset();
                drained = true;
                // A connection between requests (new, or kept alive) gets a moment for a
                // request its client may be sending now, then closes.
                for (auto& c : open)
                    if (!c->started && !c->lingering)
                        c->deadline = std::min(c->deadline, Clock::now() + kDrainGrace);
            }
            if (drained && open.empty() && !anything_out()) return true;

            const auto now = Clock::now();
            if (listener_paused && now >= resume_listener) listener_paused = false;
            // Past their time: an idle one is closed, a request not whole in time gets 408.
            for (auto it = open.begin(); it != open.end();) {
                Connection& c = **it;
                if (now < c.deadline) {
                    ++it;
                    continue;
                }
                if (c.lingering || !c.started) {
                    it = open.erase(it);
                    continue;
                }
                refuse(c, 408,
                       "the request did not come whole within " +
                           std::to_string(options.request_time.count() / 1000) + " s");
                ++it;
            }

            polled.clear();
            polled.push_back({wake.get(), POLLIN, 0});
            const bool listening = listener.get() >= 0 && !listener_paused;
            if (listening) polled.push_back({listener.get(), POLLIN, 0});
            const std::size_t first_connection = polled.size();
            Clock::time_point next = now + std::chrono::seconds(60);
            if (listener_paused) next = std::min(next, resume_listener);
            for (const auto& c : open) {
                // A connection with a full buffer is not read until its request is answered.
                const bool reading = c->lingering || c->received.size() < kMaxBuffered;
                polled.push_back({c->socket.get(), static_cast<short>(reading ? POLLIN : 0), 0});
                next = std::min(next, c->deadline);
            }
            const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now);
            const int ready = ::poll(polled.data(), polled.size(),
                                     static_cast<int>(std::max<std::int64_t>(wait.count() + 1, 0)));
            if (ready < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            if (polled[0].revents != 0) {
                std::uint64_t count = 0;
                [[maybe_unused]] const auto read = ::read(wake.get(), &count, sizeof count);
            }
            // The connections first (by index, before accepting adds more).
            std::vector<ConnectionPtr> kept;
            kept.reserve(open.size());
            for (std::size_t i = 0; i < open.size(); ++i) {
                ConnectionPtr& connection = open[i];
                const short events = polled[first_connection + i].revents;
                if (events == 0) {
                    kept.push_back(std::move(connection));
                    continue;
                }
                if (!receive(*connection)) {
                    // EOF. A client may shut its writing side and wait for the answer: a
                    // whole request is still answered (examine hands it over); anything
                    // else closes.
                    if (!connection->lingering) examine(connection);
                    continue;
                }
                if (connection->lingering || examine(connection))
                    kept.push_back(std::move(connection));
            }
            open.swap(kept);
            if (listening && polled[1].revents != 0)
                accept_new(listener_paused, resume_listener, 64);
        }
    }

    void work() {
        while (true) {
            ConnectionPtr connection;
            {
                std::unique_lock lock(queue_mutex);
                queue_ready.wait(lock, [this] { return closed || !queue.empty(); });
                if (queue.empty()) return;
                connection = std::move(queue.front());
                queue.pop_front();
            }
            const HttpRequest& request = *connection->request;
            HttpResponse response;
            try {
                response = handler(request);
            } catch (...) {
                response = refusal(500, "internal error");
            }
            const bool keep_alive = request.keep_alive && !stopping;
            const bool sent = send_all(
                connection->socket.get(),
                serialize(response, options.common_headers, keep_alive, request.method == "HEAD"),
                Clock::now() + options.write_time);
            connection->request.reset();
            if (sent && !keep_alive) linger(*connection);
            {
                const std::lock_guard lock(back_mutex);
                if (sent) back.push_back(std::move(connection));
                --out;
            }
            wake_up();
        }
    }
};

Service::Service(UniqueFd listener, Handler handler, Refusal refusal, ServiceOptions options)
    : state_(std::make_unique<State>()) {
    state_->listener = std::move(listener);
    state_->wake = UniqueFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    state_->handler = std::move(handler);
    state_->refusal = std::move(refusal);
    state_->options = std::move(options);
}

Service::~Service() = default;

void Service::stop() {
    state_->stopping = true;
    state_->wake_up();
}

bool Service::run() {
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < state_->options.threads; ++i)
        workers.emplace_back([this] { state_->work(); });
    const bool polled = state_->poll_loop();
    {
        const std::lock_guard lock(state_->queue_mutex);
        state_->closed = true;
    }
    state_->queue_ready.notify_all();
    workers.clear();  // joins them, once the queue is empty
    return polled;
}

}  // namespace newsindex::serve
