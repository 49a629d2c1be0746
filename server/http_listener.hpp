#pragma once
// HttpListener: the reference server's HTTP front door, a cpp-httplib server with the parts every
// route relies on — binding (port 0 picks a free port), the one readiness line, body size limits,
// turning an unexpected exception into a 500 with a JSON body, and a clean stop on SIGTERM or
// SIGINT. It knows nothing of models or journals; routes are registered on it before run().
//
// Connections are served by serve_connection (http_connection.hpp): pipelined requests in order,
// a deadline for each request head, and idle connections closed early while others wait for a
// worker thread.
//
// Failure channels: client errors are never 5xx — a route validates its input and answers 4xx
// itself. An exception escaping a route is our bug in the making: it is logged to stderr and
// answered 500 with options.internal_error_body(message), and the server stays up.
//
// Clean stop: run() returns after SIGTERM/SIGINT or stop(), once cpp-httplib has closed the
// listening socket and every request in flight has been answered. The caller then flushes the
// journal (Journal::flush) and exits 0.
//
// Thread safety: configure (route, server) from one thread before run(); stop() from any thread.

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/stop_signal.hpp"

namespace taskcheck::server {

struct HttpListenerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                                             // 0 picks a free port
    std::size_t request_body_max_bytes = 100 * 1024 * 1024;   // larger bodies: 413, no route runs
    std::size_t response_body_max_bytes = 512 * 1024 * 1024;  // larger responses become a 500
    std::size_t threads = 8;                                  // requests served at once
    // Reading the client: each read, and the whole request head from its first byte (so a
    // client trickling a head a byte at a time is cut off). http_connection.hpp has the rules.
    int read_timeout_s = 5;
    int write_timeout_s = 5;       // per write of a response to the client
    int body_timeout_s = 60;       // the whole body of one request
    int keep_alive_timeout_s = 5;  // an idle connection waiting for its (next) request
    // Connections waiting to be accepted. cpp-httplib listens with a backlog of 5, so a burst of
    // new connections (64 clients reconnecting) overflowed it and waited for SYN retransmits:
    // 1 s and 3 s latencies. bind() listens again with this backlog (capped by the kernel's
    // net.core.somaxconn).
    int listen_backlog = 1024;
    // Requests one keep-alive connection may carry before the server closes it. A connection
    // holds a worker thread while it is open (cpp-httplib has a thread per connection), so the
    // limit is what lets more clients than `threads` take turns.
    std::size_t keep_alive_requests_max = 100;
    // The JSON body of a 500, given the exception's message. The default renders
    // {"error":"internal","message":<message>}; each profile sets its own error envelope.
    std::function<std::string(std::string_view message)> internal_error_body;

    // Throws InputError id "serve-options" naming the field: port outside 0..65535, threads,
    // limits, timeouts, backlog or keep-alive count not positive, empty host.
    void validate() const;
};

enum class HttpMethod { get, post, put, patch, del };

class HttpListener {
  public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

    // Configures the server; does not bind. Throws what options.validate() throws.
    explicit HttpListener(HttpListenerOptions options);
    ~HttpListener();
    HttpListener(const HttpListener&) = delete;
    HttpListener& operator=(const HttpListener&) = delete;

    // Registers `handler` for `method` and the cpp-httplib `pattern` (a regex, e.g.
    // R"(/tasks/(\d+))"). Any exception it throws, std:: or not, becomes the 500 above.
    void route(HttpMethod method, const std::string& pattern, Handler handler);
    // The methods registered with route() for a pattern that matches `path` whole ("GET",
    // "POST", "PUT", "PATCH", "DELETE", in that order, each once): the `allowed` of a 405.
    // Empty when no route matches the path.
    std::vector<std::string> methods_for(const std::string& path) const;

    // The underlying server, for what route() does not cover (error handler for 404/413 bodies,
    // default headers, a logger). A handler registered here directly gets the 500 for std::
    // exceptions only; replacing the exception or post-routing handler drops our 500 and
    // response-limit handling.
    httplib::Server& server();

    // Binds options.host:options.port and returns the port (the chosen one for port 0).
    // Throws InputError id "listen-failed" when the address cannot be bound.
    int bind();
    // Requires: bind() returned. "http://127.0.0.1:<port>".
    std::string url() const;

    // Requires: bind() returned. Writes exactly one line, `taskcheck serve: listening on <url>`,
    // to `ready_out` and flushes it, then serves until SIGTERM, SIGINT or stop(). Returns the
    // signal number that stopped it, or 0 for stop(). Every request in flight has been answered
    // when it returns. Throws InputError id "listen-failed" if accepting connections fails.
    int run(std::ostream& ready_out);

    // Makes run() return (at once if it has not started yet).
    void stop();

  private:
    class Server;
    HttpListenerOptions options_;
    std::unique_ptr<Server> server_;
    StopSignal stop_signal_;
    std::vector<std::pair<HttpMethod, std::regex>> routes_;
    int port_ = -1;
    int socket_ = -1;  // the listening socket, seen by the socket-options callback
};

// "taskcheck serve: listening on http://127.0.0.1:8080": the readiness line that spawners wait for.
std::string ready_line(std::string_view url);

}  // namespace taskcheck::server
