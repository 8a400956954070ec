#include "searcher/serve.h"

#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
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
#include "searcher/atom_feed.h"
#include "searcher/output.h"
#include "searcher/serve_connections.h"
#include "searcher/serve_gzip.h"
#include "searcher/serve_http.h"
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
            "                     facet_limit, any, collapse, like, format, fields as the\n"
            "                     options of the same names)\n"
            "  /api/like?id=ID    articles like that one\n"
            "  /article?id=ID     the article whole (q=...: the query's words marked)\n"
            "  /api/article?id=ID what newssearch show --json prints (q, any)\n"
            "  /entity?kind=person&name=...  an entity's page\n"
            "  /api/entity?kind=person&name=...  what newssearch entity --json prints\n"
            "  /api/facet_values?kind=person&prefix=bak  the facet's names that start so\n"
            "                     (any case), with their article counts, the most named first\n"
            "  /api/export?q=...  every match (at most 100000) as a CSV or JSON Lines download\n"
            "                     (format=csv|jsonl, fields, sort, like as for /api/search)\n"
            "  /healthz           {\"status\": \"ok\", \"articles\": N}\n"
            "It listens on 127.0.0.1 unless --bind says otherwise, answers only requests whose\n"
            "Host is that address, localhost or an --allow-host name (else 421), prints\n"
            "\"serving http://HOST:PORT/ (index PATH)\" on stderr, and stops on SIGINT or\n"
            "SIGTERM, once the requests under way are answered.",
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
    Asset{"/article", "text/html; charset=utf-8", assets::article_html},
    Asset{"/article.js", "text/javascript; charset=utf-8", assets::article_js},
    Asset{"/entity", "text/html; charset=utf-8", assets::entity_html},
    Asset{"/entity.js", "text/javascript; charset=utf-8", assets::entity_js},
    Asset{"/page.js", "text/javascript; charset=utf-8", assets::page_js},
    Asset{"/style.css", "text/css; charset=utf-8", assets::style_css},
    Asset{"/favicon.svg", "image/svg+xml", assets::favicon_svg},
};

// Every answer carries these. The page loads nothing from elsewhere, so the policy allows
// this origin alone: an injected inline script or style would not run, and no other site
// may frame the page or read what it searched for from the Referer.
serve::HeaderList security_headers() {
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

using serve::HttpRequest;
using serve::HttpResponse;

HttpResponse send_json(int status, std::string body) {
    HttpResponse res;
    res.status = status;
    // Answers change with every build: a cache would show yesterday's index.
    res.headers.emplace_back("Cache-Control", "no-store");
    res.content_type = "application/json; charset=utf-8";
    res.body = std::move(body);
    return res;
}

HttpResponse send_error(int status, const std::string& message) {
    return send_json(status, json_text({{"error", message}}));
}

// What a client is told when the index cannot be read: the reason (which names the index's
// path) goes to the server's log, not to whoever asked.
constexpr std::string_view kIndexUnavailable =
    "the index cannot be read now (the server's log says why); try again later";

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

// Now in UTC, as RFC 3339 ("2026-12-03T10:00:00Z"): a feed's time when no entry is dated.
std::string utc_now_rfc3339() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

// The hits of `target` printed as its format asks; a download's in pages of kExportPage
// hits, so that no more than a page of articles is held at once.
using Doccount = decltype(SearchRequest::limit);
constexpr Doccount kExportPage = 1000;
std::string printed(NewsSearcher& searcher, const serve::SearchTarget& target, bool download,
                    const std::string& base) {
    const SearchRequest& request = target.request;
    if (target.format == "atom") {
        std::ostringstream out;
        print_atom_feed(out, request, searcher.search(request), base, utc_now_rfc3339());
        return out.str();
    }
    std::vector<std::string> fields = request.fields;
    if (fields.empty())
        fields = target.format == "csv" ? default_csv_fields() : default_json_fields(false);
    std::ostringstream out;
    if (!download) {
        const SearchResponse response = searcher.search(request);
        if (target.format == "json")
            print_json(out, request, response);
        else if (target.format == "jsonl")
            print_jsonl(out, response, fields);
        else
            print_csv(out, response, fields);
        return out.str();
    }
    SearchRequest page = request;
    page.exact = false;  // the total is not printed: each page needs only its hits
    const Doccount end = request.offset + request.limit;
    for (page.offset = request.offset; page.offset < end || page.offset == request.offset;
         page.offset += kExportPage) {
        page.limit = std::min(kExportPage, end - page.offset);
        const SearchResponse response = searcher.search(page);
        if (target.format == "jsonl")
            print_jsonl(out, response, fields);
        else
            print_csv(out, response, fields, page.offset == request.offset);
        if (response.hits.size() < page.limit || page.limit == 0) break;
    }
    return out.str();
}

HttpResponse answer_search(const Databases& index, const HttpRequest& req,
                           serve::Endpoint endpoint) {
    auto parsed = serve::parse_search_target(req.target, endpoint);
    if (const auto* refused = std::get_if<serve::RequestError>(&parsed))
        return send_error(refused->status, refused->message);
    const serve::SearchTarget& target = std::get<serve::SearchTarget>(parsed);
    const SearchRequest& request = target.request;
    NewsSearcher* searcher = nullptr;
    try {
        searcher = &worker_index().at(index);
    } catch (const Error& e) {
        // Whatever the kind (an index gone is not_found), it is the index's state, not the
        // request's fault.
        log_line("newssearch serve: " + one_line(e.what()));
        return send_error(503, std::string(kIndexUnavailable));
    }
    try {
        const bool download = endpoint == serve::Endpoint::download;
        // The links of a feed go back to this server, by the name the client used for it.
        const std::string base = "http://" + (req.has_host ? req.host : std::string("localhost"));
        HttpResponse res = send_json(200, printed(*searcher, target, download, base));
        if (target.format == "atom") res.content_type = "application/atom+xml; charset=utf-8";
        if (target.format == "csv") res.content_type = "text/csv; charset=utf-8";
        if (target.format == "jsonl") res.content_type = "application/x-ndjson; charset=utf-8";
        if (download)
            res.headers.emplace_back("Content-Disposition",
                                     std::string("attachment; filename=\"newsindex-export.") +
                                         (target.format == "csv" ? "csv" : "jsonl") + '"');
        return res;
    } catch (const Error& e) {
        const int status = status_for(e.kind());
        if (status >= 500) {
            worker_index().forget();
            log_line("newssearch serve: " + one_line(e.what()));
            return send_error(status, status == 500 ? std::string("internal error")
                                                    : std::string(kIndexUnavailable));
        }
        // The parser's message names the problem, not the query (search.h). The library's
        // message for a `like` id not found names the index's path: the client gets the id.
        if (e.kind() == ErrorKind::not_found)
            return send_error(status, "no article " + request.like + " in the index");
        return send_error(status, e.kind() == ErrorKind::bad_input
                                      ? std::string("cannot parse query: ") + e.what()
                                      : std::string(e.what()));
    }
}

// The answer to what a page's request (not a search) met: 404 with `not_found`, 400 with
// `bad_input` and the message, or the index's state (500, 503), for which the worker's
// searcher is opened afresh next time.
HttpResponse failed(const Error& e, const std::string& not_found, std::string_view bad_input) {
    if (e.kind() == ErrorKind::not_found) return send_error(404, not_found);
    if (e.kind() == ErrorKind::bad_input) return send_error(400, std::string(bad_input) + e.what());
    worker_index().forget();
    log_line("newssearch serve: " + one_line(e.what()));
    return send_error(e.kind() == ErrorKind::internal ? 500 : 503,
                      e.kind() == ErrorKind::internal ? std::string("internal error")
                                                      : std::string(kIndexUnavailable));
}

HttpResponse answer_article(const Databases& index, const HttpRequest& req) {
    auto parsed = serve::parse_article_target(req.target);
    if (const auto* refused = std::get_if<serve::RequestError>(&parsed))
        return send_error(refused->status, refused->message);
    const ArticleRequest& request = std::get<ArticleRequest>(parsed);
    try {
        const ArticleView view = worker_index().at(index).article(request);
        std::ostringstream out;
        print_article_json(out, view);
        return send_json(200, out.str());
    } catch (const Error& e) {
        return failed(e, "no article " + request.id + " in the index", "cannot parse query: ");
    }
}

HttpResponse answer_entity(const Databases& index, const HttpRequest& req) {
    auto parsed = serve::parse_entity_target(req.target);
    if (const auto* refused = std::get_if<serve::RequestError>(&parsed))
        return send_error(refused->status, refused->message);
    const EntityProfileRequest& request = std::get<EntityProfileRequest>(parsed);
    try {
        const EntityProfile profile = worker_index().at(index).entity_profile(request);
        std::ostringstream out;
        print_entity_json(out, profile);
        return send_json(200, out.str());
    } catch (const Error& e) {
        return failed(e, e.what(), "");
    }
}

HttpResponse answer_facet_values(const Databases& index, const HttpRequest& req) {
    auto parsed = serve::parse_facet_values_target(req.target);
    if (const auto* refused = std::get_if<serve::RequestError>(&parsed))
        return send_error(refused->status, refused->message);
    const auto& request = std::get<serve::FacetValueRequest>(parsed);
    try {
        json values = json::array();
        for (const auto& value : worker_index().at(index).facet_value_search(
                 request.kind, request.prefix, request.limit))
            values.push_back({{"value", value.value}, {"count", value.count}});
        return send_json(200, json_text({{"kind", entity_kind_name(request.kind)},
                                         {"prefix", request.prefix},
                                         {"values", std::move(values)}}));
    } catch (const Error& e) {
        worker_index().forget();
        log_line("newssearch serve: " + one_line(e.what()));
        return send_error(503, std::string(kIndexUnavailable));
    }
}

HttpResponse answer_health(const Databases& index) {
    try {
        const auto articles = worker_index().at(index).article_count();
        return send_json(200, json_text({{"status", "ok"}, {"articles", articles}}));
    } catch (const Error& e) {
        worker_index().forget();
        log_line("newssearch serve: " + one_line(e.what()));
        return send_error(503, std::string(kIndexUnavailable));
    }
}

HttpResponse answer_get(const Databases& index, const HttpRequest& req) {
    if (req.path == "/api/search") return answer_search(index, req, serve::Endpoint::search);
    if (req.path == "/api/like") return answer_search(index, req, serve::Endpoint::like);
    if (req.path == "/api/export") return answer_search(index, req, serve::Endpoint::download);
    if (req.path == "/feed.atom") return answer_search(index, req, serve::Endpoint::feed);
    if (req.path == "/api/article") return answer_article(index, req);
    if (req.path == "/api/facet_values") return answer_facet_values(index, req);
    if (req.path == "/api/entity") return answer_entity(index, req);
    if (req.path == "/healthz") return answer_health(index);
    for (const auto& asset : kAssets) {
        if (asset.path != req.path) continue;
        HttpResponse res;
        // Small and built in: revalidating costs nothing and a new binary shows at once.
        res.headers.emplace_back("Cache-Control", "no-cache");
        res.content_type = std::string(asset.content_type);
        res.body = std::string(asset.body);
        return res;
    }
    return send_error(404, "no such page");
}

// One whole request's answer. Range is not honoured (RFC 9110 lets a server ignore it):
// every answer is whole, so that one request cannot ask for its body many times over.
HttpResponse answer(const Databases& index, const serve::HostPolicy& hosts,
                    const HttpRequest& req) {
    // A page served under a name that was rebound to this machine would be another site's
    // own origin, free to read the index: only this server's names are answered.
    if (req.has_host && !serve::host_allowed(req.host, hosts))
        return send_error(421,
                          "the Host header names neither this server's address nor localhost "
                          "(add the name with --allow-host)");
    if (req.method != "GET" && req.method != "HEAD") {
        HttpResponse res = send_error(405, "only GET and HEAD are allowed");
        res.headers.emplace_back("Allow", "GET, HEAD");
        return res;
    }
    // No request may stop the server: whatever escapes is a bug, answered with 500.
    try {
        HttpResponse res = answer_get(index, req);
        serve::gzip_if_accepted(req, res);
        return res;
    } catch (const std::exception& e) {
        log_line("newssearch serve: internal error: " + one_line(e.what()));
    } catch (...) {
        log_line("newssearch serve: internal error");
    }
    return send_error(500, "internal error");
}

// The connections the server may hold open: below the descriptors the process may have,
// leaving each worker room for its index's files.
std::size_t connection_limit(std::size_t threads, std::size_t databases) {
    rlimit limit{};
    const std::size_t descriptors =
        ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
            ? static_cast<std::size_t>(limit.rlim_cur)
            : 1024;
    const std::size_t reserved = 32 + threads * 8 * databases;
    return std::clamp<std::size_t>(descriptors > reserved ? descriptors - reserved : 0, 8, 4096);
}

// A listening socket on host:port (port 0: any free one), and the port it got; errno set
// when there is none.
std::optional<std::pair<serve::UniqueFd, int>> listen_on(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (const int status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
        status != 0) {
        errno = status == EAI_SYSTEM ? errno : EADDRNOTAVAIL;
        return std::nullopt;
    }
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
    int error = EADDRNOTAVAIL;
    for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
        serve::UniqueFd socket(
            ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (socket.get() < 0) {
            error = errno;
            continue;
        }
        // SO_REUSEADDR allows a restart while old connections linger in TIME_WAIT; no
        // SO_REUSEPORT, which would let a second server take half the connections.
        const int yes = 1;
        ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(socket.get(), a->ai_addr, a->ai_addrlen) != 0 ||
            ::listen(socket.get(), SOMAXCONN) != 0) {
            error = errno;
            continue;
        }
        sockaddr_storage bound{};
        socklen_t length = sizeof bound;
        ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&bound), &length);
        const int got = bound.ss_family == AF_INET6
                            ? ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port)
                            : ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
        return std::pair(std::move(socket), got);
    }
    errno = error;
    return std::nullopt;
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

    const auto allowed_hosts = values.count("allow-host")
                                   ? values["allow-host"].as<std::vector<std::string>>()
                                   : std::vector<std::string>();
    for (const auto& name : allowed_hosts)
        if (name.empty() || name.find_first_of(":/[] \t") != std::string::npos)
            return usage_error(
                spec, "--allow-host takes a host name without a port: '" + one_line(name) + "'");

    const Databases index = database_paths(values);
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
    // it may call service.stop(). A client that hangs up must not end the process.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    const int wanted = static_cast<int>(port);
    auto listening = listen_on(host, wanted);
    if (!listening) {
        const int error = errno;
        std::cerr << spec.name << ": cannot listen on " << one_line(url_authority(host, wanted))
                  << (error ? std::string(": ") + std::strerror(error) : std::string()) << '\n';
        return exit_code::kIoError;
    }
    const int bound = listening->second;
    if (!is_loopback(host))
        std::cerr << spec.name << ": warning: listening on " << one_line(host)
                  << ", not only on this machine: anyone who can reach it can search the index\n";

    const serve::HostPolicy hosts{host, allowed_hosts};
    serve::ServiceOptions service_options;
    service_options.threads = threads;
    service_options.max_connections = connection_limit(threads, index.size());
    service_options.common_headers = security_headers();
    serve::Service service(
        std::move(listening->first),
        [&index, hosts](const HttpRequest& req) { return answer(index, hosts, req); },
        [](int status, const std::string& message) { return send_error(status, message); },
        std::move(service_options));
    std::cerr << "serving http://" << one_line(url_authority(host, bound)) << "/ (index "
              << printable(join_paths(index)) << ")" << std::endl;

    std::atomic<bool> serving_done = false;
    std::atomic<bool> signalled = false;
    std::thread waiter([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        if (serving_done) return;  // woken below: the server stopped on its own
        signalled = true;
        service.stop();
    });
    const bool served = service.run();
    serving_done = true;
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    if (signalled && served) return exit_code::kOk;
    std::cerr << spec.name << ": the server stopped: polling its connections failed\n";
    return exit_code::kIoError;
}

}  // namespace newsindex::cli
