#include "searcher/serve.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/search/search.h"
#include "searcher/output.h"
#include "searcher/serve_request.h"
#include "serve_assets.h"  // generated from searcher/assets/ at build time

namespace newsindex::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using nlohmann::json;

CommandSpec serve_spec() {
    return {"newssearch serve", "",
            "Serves the search page and its JSON API over HTTP, read-only:\n"
            "  /                  the search page\n"
            "  /api/search?q=...  what newssearch --json prints (offset, limit, sort, facets,\n"
            "                     facet_limit, any, like as the options of the same names)\n"
            "  /api/like?id=ID    articles like that one\n"
            "  /healthz           {\"status\": \"ok\", \"articles\": N}\n"
            "It listens on 127.0.0.1 unless --bind says otherwise, prints\n"
            "\"serving http://HOST:PORT/ (index PATH)\" on stderr, and stops on SIGINT or SIGTERM.",
            "Examples:\n"
            "  newssearch serve\n"
            "  newssearch serve --port 0 --db /srv/newsindex/index\n"
            "Database: --db, else $NEWSINDEX_DB, else "
            "${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
            "Exit codes: 0 stopped by SIGINT or SIGTERM, 2 bad option or no usable index,\n"
            "74 the address cannot be bound or the index could not be read.\n"};
}

// The page's files, built into the binary so that the server needs no folder of its own.
struct Asset {
    std::string_view path;
    std::string_view content_type;
    std::string_view body;
};
constexpr std::array kAssets = {
    Asset{"/", "text/html; charset=utf-8", assets::index_html},
    Asset{"/index.html", "text/html; charset=utf-8", assets::index_html},
    Asset{"/app.js", "text/javascript; charset=utf-8", assets::app_js},
    Asset{"/style.css", "text/css; charset=utf-8", assets::style_css},
    Asset{"/favicon.svg", "image/svg+xml", assets::favicon_svg},
};

// Every answer carries these. The page loads nothing from elsewhere, so the policy allows
// this origin alone: an injected inline script or style would not run, and no other site
// may frame the page or read what it searched for from the Referer.
httplib::Headers security_headers() {
    return {
        {"Content-Security-Policy",
         "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    };
}

std::string json_text(const json& document) {
    // Invalid UTF-8 (in an error message quoting a file) becomes U+FFFD, as in --json.
    return document.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
}

void send_json(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    // Answers change with every build: a cache would show yesterday's index.
    res.set_header("Cache-Control", "no-store");
    res.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
    send_json(res, status, json_text({{"error", message}}));
}

// Serialises lines on stderr: workers report failures concurrently.
void log_line(const std::string& line) {
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    std::cerr << line << '\n';
}

// The indexes served: one or more, searched as one (open_searcher).
using Databases = std::vector<fs::path>;

// The file system objects the paths name now. `newsindex build --full` swaps an index
// folder with a new one; a searcher opened on the old folder would go on answering from it.
using Identity = std::vector<std::optional<std::pair<dev_t, ino_t>>>;
Identity identity(const Databases& paths) {
    Identity now;
    for (const auto& path : paths) {
        struct stat status {};
        now.push_back(::stat(path.c_str(), &status) != 0
                          ? std::nullopt
                          : std::optional(std::pair(status.st_dev, status.st_ino)));
    }
    return now;
}

// The index as one worker thread sees it. Each worker has a NewsSearcher of its own (a
// Xapian database is not to be used by two threads at once), opened at its first request
// and moved to the newest commit before each one, so that a cron build shows up between
// requests without a restart.
class WorkerIndex {
public:
    // Throws Error when the index cannot be opened or read.
    NewsSearcher& at(const Databases& path) {
        const auto now = identity(path);
        if (searcher_ && now == identity_) {
            try {
                searcher_->refresh();
                return *searcher_;
            } catch (...) {
                searcher_.reset();
                throw;
            }
        }
        searcher_.reset();
        searcher_.emplace(open_searcher(path));
        identity_ = now;
        return *searcher_;
    }

    // After a failure the next request opens the index afresh.
    void forget() { searcher_.reset(); }

private:
    std::optional<NewsSearcher> searcher_;
    Identity identity_;
};

WorkerIndex& worker_index() {
    thread_local WorkerIndex index;
    return index;
}

int status_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::bad_input:
            return 400;
        case ErrorKind::not_found:
            return 404;
        case ErrorKind::internal:
            return 500;
        default:
            // Locked, damaged, replaced, unreadable: the index, not the request; another
            // try later (after the build) may succeed.
            return 503;
    }
}

void answer_search(const Databases& index, const httplib::Request& req, httplib::Response& res,
                   serve::Endpoint endpoint) {
    auto parsed = serve::parse_search_target(req.target, endpoint);
    if (const auto* refused = std::get_if<serve::RequestError>(&parsed))
        return send_error(res, refused->status, refused->message);
    const SearchRequest& request = std::get<SearchRequest>(parsed);
    NewsSearcher* searcher = nullptr;
    try {
        searcher = &worker_index().at(index);
    } catch (const Error& e) {
        // Whatever the kind (an index gone is not_found), it is the index's state, not the
        // request's fault.
        log_line("newssearch serve: " + one_line(e.what()));
        return send_error(res, 503, e.what());
    }
    try {
        const SearchResponse response = searcher->search(request);
        std::ostringstream out;
        print_json(out, request, response);
        send_json(res, 200, out.str());
    } catch (const Error& e) {
        const int status = status_for(e.kind());
        if (status >= 500) {
            worker_index().forget();
            log_line("newssearch serve: " + one_line(e.what()));
        }
        // The parser's message names the problem, not the query (search.h).
        send_error(res, status,
                   e.kind() == ErrorKind::bad_input ? std::string("cannot parse query: ") + e.what()
                                                    : std::string(e.what()));
    }
}

void answer_health(const Databases& index, httplib::Response& res) {
    try {
        const auto articles = worker_index().at(index).article_count();
        send_json(res, 200, json_text({{"status", "ok"}, {"articles", articles}}));
    } catch (const Error& e) {
        worker_index().forget();
        send_error(res, 503, e.what());
    }
}

void answer_get(const Databases& index, const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/api/search") return answer_search(index, req, res, serve::Endpoint::search);
    if (req.path == "/api/like") return answer_search(index, req, res, serve::Endpoint::like);
    if (req.path == "/healthz") return answer_health(index, res);
    for (const auto& asset : kAssets) {
        if (asset.path != req.path) continue;
        res.status = 200;
        // Small and built in: revalidating costs nothing and a new binary shows at once.
        res.set_header("Cache-Control", "no-cache");
        res.set_content(asset.body.data(), asset.body.size(), std::string(asset.content_type));
        return;
    }
    send_error(res, 404, "no such page");
}

// What an error that httplib itself answered (before any handler ran) says.
std::string_view status_message(int status) {
    switch (status) {
        case 400:
            return "malformed request";
        case 404:
            return "no such page";
        case 405:
            return "only GET and HEAD are allowed";
        case 413:
            return "the request body is too large";
        case 414:
            return "the URL is too long";
        case 416:
            return "the requested range cannot be satisfied";
        default:
            return "the request was refused";
    }
}

// httplib listens with a backlog of 5 (built into Debian's libcpp-httplib), so a burst of
// clients would see connections dropped and retried a second later; Linux lets a listening
// socket be given a longer queue by calling listen() again.
class HttpServer : public httplib::Server {
public:
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

void configure(HttpServer& server, const Databases& index, std::size_t threads) {
    // httplib takes ownership of the queue it is handed (and deletes it when it stops).
    server.new_task_queue = [threads] {
        return std::make_unique<httplib::ThreadPool>(threads).release();
    };
    // Each open connection holds a worker: idle ones must let go soon.
    server.set_keep_alive_timeout(2);
    server.set_read_timeout(5);
    server.set_write_timeout(5);
    // Nothing takes a body; one that is larger than a URL may be is refused unread (413).
    server.set_payload_max_length(serve::kMaxTargetBytes);
    server.set_default_headers(security_headers());
    // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same
    // port and silently take half the connections. SO_REUSEADDR alone still allows a
    // restart while old connections linger in TIME_WAIT.
    server.set_socket_options([](socket_t socket) {
        const int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    server.Get(".*", [index](const httplib::Request& req, httplib::Response& res) {
        // No request may stop the server: whatever escapes is a bug, answered with 500.
        try {
            answer_get(index, req, res);
        } catch (const std::exception& e) {
            log_line("newssearch serve: internal error: " + one_line(e.what()));
            send_error(res, 500, "internal error");
        } catch (...) {
            log_line("newssearch serve: internal error");
            send_error(res, 500, "internal error");
        }
    });
    const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", "GET, HEAD");
        send_error(res, 405, std::string(status_message(405)));
    };
    server.Post(".*", not_allowed);
    server.Put(".*", not_allowed);
    server.Patch(".*", not_allowed);
    server.Delete(".*", not_allowed);
    server.Options(".*", not_allowed);

    // Statuses httplib sets on its own (a malformed request line, a URL over 8 KB) get the
    // same {"error": ...} body as the handlers' refusals; theirs keep their own.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) send_error(res, res.status, std::string(status_message(res.status)));
    });
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send_error(res, 500, "internal error");
        });
}

// "HOST:PORT" for a URL: an IPv6 address goes in brackets.
std::string url_authority(const std::string& host, int port) {
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ':' + std::to_string(port);
}

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

int run_serve(int argc, char** argv) {
    const CommandSpec spec = serve_spec();
    po::options_description options("Options");
    serve_options(options);
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, spec, options, values)) return *stop;
    const std::uint64_t port = values["port"].as<Count>().value;
    if (port > 65535) return usage_error(spec, "--port must be 0 to 65535 (0: any free port)");
    const std::string host = values["bind"].as<std::string>();
    if (host.empty()) return usage_error(spec, "--bind needs an address (127.0.0.1, ::1, ...)");
    const std::uint64_t threads = values["threads"].as<Count>().value;
    if (threads < 1 || threads > 256) return usage_error(spec, "--threads must be 1 to 256");

    const Databases index =
        database_paths(values.count("db") ? values["db"].as<std::vector<std::string>>()
                                          : std::vector<std::string>());
    // Refuse a missing or unusable index now, with the exit code newssearch gives, rather
    // than answer 503 to every request.
    try {
        const NewsSearcher searcher = open_searcher(index);
        if (const std::string warning = searcher.schema_warning(); !warning.empty())
            std::cerr << spec.name << ": warning: " << warning << '\n';
    } catch (const Error& e) {
        return report_index_error(spec, e);
    }

    // SIGINT and SIGTERM are blocked in every thread (the workers inherit the mask from
    // this one) and taken by the waiter below with sigwait, outside any signal handler, so
    // it may call server.stop(). A client that hangs up must not end the process.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    HttpServer server;
    configure(server, index, threads);
    const int wanted = static_cast<int>(port);
    int bound = wanted;
    if (wanted == 0)
        bound = server.bind_to_any_port(host);
    else if (!server.bind_to_port(host, wanted))
        bound = -1;
    if (bound < 0) {
        const int error = errno;
        std::cerr << spec.name << ": cannot listen on " << one_line(url_authority(host, wanted))
                  << (error ? std::string(": ") + std::strerror(error) : std::string()) << '\n';
        return exit_code::kIoError;
    }
    server.widen_backlog();
    if (!is_loopback(host))
        std::cerr << spec.name << ": warning: listening on " << one_line(host)
                  << ", not only on this machine: anyone who can reach it can search the index\n";
    std::cerr << "serving http://" << one_line(url_authority(host, bound)) << "/ (index "
              << printable(join_paths(index)) << ")" << std::endl;

    std::atomic<bool> listening_done = false;
    std::atomic<bool> signalled = false;
    std::thread waiter([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        if (listening_done) return;  // woken below: the server stopped on its own
        signalled = true;
        // stop() only acts on a running server: a signal right at start waits for it.
        while (!server.is_running() && !listening_done)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (!listening_done) server.stop();
    });
    const bool listened = server.listen_after_bind();
    listening_done = true;
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    if (signalled) return exit_code::kOk;
    std::cerr << spec.name << ": the server stopped"
              << (listened ? "" : ": accepting connections failed") << '\n';
    return exit_code::kIoError;
}

}  // namespace newsindex::cli
