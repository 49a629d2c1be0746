#include "server/http_listener.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "server/http_connection.hpp"

namespace taskcheck::server {

// cpp-httplib's server with its connection loop replaced by serve_connection (it overrides the
// library's private virtual process_and_close_socket) and its pool by a WorkerPool that says
// how many connections wait for a thread.
class HttpListener::Server : public httplib::Server {
  public:
    explicit Server(const HttpListenerOptions& options) : limits_(limits_of(options)) {
        const std::size_t threads = options.threads;
        new_task_queue = [this, threads] {
            auto* pool = new WorkerPool(threads);
            pool_.store(pool);
            return pool;
        };
    }

  private:
    static ConnectionLimits limits_of(const HttpListenerOptions& options) {
        ConnectionLimits limits;
        limits.keep_alive_timeout = std::chrono::seconds(options.keep_alive_timeout_s);
        limits.head_timeout = std::chrono::seconds(options.read_timeout_s);
        limits.read_timeout = std::chrono::seconds(options.read_timeout_s);
        limits.write_timeout = std::chrono::seconds(options.write_timeout_s);
        limits.body_timeout = std::chrono::seconds(options.body_timeout_s);
        // Chunked framing on top of the payload limit (read_body_then checks the payload
        // itself exactly); this bounds what any request, GET included, can make us read.
        const std::size_t limit = options.request_body_max_bytes;
        limits.body_bytes_max = limit + limit / 4 + 64 * 1024;
        return limits;
    }
    bool process_and_close_socket(socket_t sock) override {
        return serve_connection(
            sock, limits_, pool_.load(), keep_alive_max_count_,
            [this] { return svr_sock_ != INVALID_SOCKET; },
            [this](httplib::Stream& stream, bool last, bool& closed) {
                return process_request(stream, last, closed, nullptr);
            });
    }

    ConnectionLimits limits_;
    std::atomic<WorkerPool*> pool_ = nullptr;
};

namespace {

std::string default_internal_error_body(std::string_view message) {
    nlohmann::ordered_json body;
    body["error"] = "internal";
    body["message"] = std::string(message);
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD: exception texts
// quote request bytes (nlohmann's parse errors do), and a JSON dump() throws on invalid UTF-8.
std::string valid_utf8(std::string_view text) {
    const std::string quoted = nlohmann::json(std::string(text))
                                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(quoted).get<std::string>();
}

// The 500 for an exception that escaped a route. It must not throw: cpp-httplib calls it inside
// a catch block of the worker thread, where an exception ends the process (std::terminate: a
// body with one invalid UTF-8 byte aborted the Meilisearch profile, exit 134).
void answer_internal_error(const std::function<std::string(std::string_view)>& render,
                           const httplib::Request& req, httplib::Response& res,
                           const std::exception_ptr& error) noexcept {
    res.status = 500;
    try {
        std::string message = "unknown exception";
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            message = valid_utf8(e.what());
        } catch (...) {
        }
        std::cerr << "taskcheck serve: 500 on " << req.method << " " << valid_utf8(req.path) << ": "
                  << message << std::endl;
        res.set_content(render(message), "application/json");
    } catch (...) {
        res.set_content(R"({"error":"internal","message":"the error could not be rendered"})",
                        "application/json");
    }
}

void reject_option(const std::string& field, const std::string& problem) {
    throw InputError("serve-options", InputLocation{"", 0, "/" + field}, problem);
}

// A POST, PUT or PATCH with neither Content-Length nor Transfer-Encoding has no body (RFC 9112
// §6.3), which is what `curl -X POST URL` sends. cpp-httplib 0.11 instead reads such a body until
// the connection closes: the client waited out the read timeout and got a 400. So these routes
// read the body themselves, and only when the request announces one; httplib still enforces the
// size limit (413) while reading.
// cpp-httplib checks the limit against Content-Length before reading, but not for a chunked
// body (a 112 MB chunked body was read whole): the payload is counted here while it arrives.
httplib::Server::HandlerWithContentReader read_body_then(HttpListener::Handler handler,
                                                         std::size_t body_max) {
    return [handler = std::move(handler), body_max](const httplib::Request& req,
                                                    httplib::Response& res,
                                                    const httplib::ContentReader& read) {
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            handler(req, res);
            return;
        }
        httplib::Request with_body = req;
        bool too_large = false;
        const bool read_whole = read([&](const char* data, std::size_t length) {
            too_large = with_body.body.size() + length > body_max;
            if (!too_large) with_body.body.append(data, length);
            return !too_large;
        });
        if (!read_whole) {
            ConnectionStream* connection = current_connection();
            if (connection != nullptr) {
                // The rest of the body is unread: what follows on the connection is no request.
                connection->close_after_response();
                too_large = too_large || connection->body_too_large();
            }
            if (too_large) res.status = 413;
            if (res.status < 400) res.status = 400;  // httplib sets 413 for a body over the limit
            res.set_header("Connection", "close");
            return;
        }
        handler(with_body, res);
    };
}

}  // namespace

void HttpListenerOptions::validate() const {
    if (host.empty()) reject_option("host", "empty host");
    if (port < 0 || port > 65535) {
        reject_option("port", std::to_string(port) + " is outside 0..65535 (0 picks a free port)");
    }
    if (threads == 0) reject_option("threads", "0 threads; use at least 1");
    if (request_body_max_bytes == 0) reject_option("request_body_max_bytes", "0; use at least 1");
    if (response_body_max_bytes == 0) {
        reject_option("response_body_max_bytes", "0; use at least 1");
    }
    if (read_timeout_s <= 0) reject_option("read_timeout_s", "not positive");
    if (write_timeout_s <= 0) reject_option("write_timeout_s", "not positive");
    if (body_timeout_s <= 0) reject_option("body_timeout_s", "not positive");
    if (keep_alive_timeout_s <= 0) reject_option("keep_alive_timeout_s", "not positive");
    if (listen_backlog <= 0) reject_option("listen_backlog", "not positive");
    if (keep_alive_requests_max == 0) reject_option("keep_alive_requests_max", "0; use at least 1");
}

std::string ready_line(std::string_view url) {
    return "taskcheck serve: listening on " + std::string(url);
}

HttpListener::HttpListener(HttpListenerOptions options)
    : options_((options.validate(), std::move(options))),
      server_(std::make_unique<Server>(options_)) {
    if (!options_.internal_error_body) options_.internal_error_body = default_internal_error_body;
    server_->set_payload_max_length(options_.request_body_max_bytes);
    // cpp-httplib's default also sets SO_REUSEPORT, which lets a second server bind a port that is
    // in use and silently share its traffic; SO_REUSEADDR alone still allows a quick restart.
    server_->set_socket_options([this](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        socket_ = sock;
    });
    server_->set_keep_alive_max_count(options_.keep_alive_requests_max);
    server_->set_keep_alive_timeout(options_.keep_alive_timeout_s);
    server_->set_read_timeout(options_.read_timeout_s, 0);
    server_->set_write_timeout(options_.write_timeout_s, 0);
    auto render = options_.internal_error_body;
    server_->set_exception_handler(
        [render](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
            answer_internal_error(render, req, res, error);
        });
    std::size_t response_max = options_.response_body_max_bytes;
    server_->set_post_routing_handler(
        [render, response_max](const httplib::Request& req, httplib::Response& res) {
            if (res.body.size() <= response_max) return;
            std::string message = "response of " + std::to_string(res.body.size()) +
                                  " bytes exceeds response_body_max_bytes " +
                                  std::to_string(response_max);
            std::cerr << "taskcheck serve: 500 on " << req.method << " " << req.path << ": "
                      << message << std::endl;
            res.status = 500;
            res.headers.erase("Content-Length");  // already set for the body being replaced
            res.set_content(render(message), "application/json");
        });
}

HttpListener::~HttpListener() = default;

httplib::Server& HttpListener::server() {
    return *server_;
}

void HttpListener::route(HttpMethod method, const std::string& pattern, Handler handler) {
    // cpp-httplib passes only std::exception to the exception handler; catch the rest here.
    Handler guarded = [handler = std::move(handler)](const httplib::Request& req,
                                                     httplib::Response& res) {
        try {
            handler(req, res);
        } catch (const std::exception&) {
            throw;
        } catch (...) {
            throw std::runtime_error("non-standard exception");
        }
    };
    routes_.emplace_back(method, std::regex(pattern));
    const std::size_t body_max = options_.request_body_max_bytes;
    switch (method) {
        case HttpMethod::get:
            server_->Get(pattern, std::move(guarded));
            return;
        case HttpMethod::post:
            server_->Post(pattern, read_body_then(std::move(guarded), body_max));
            return;
        case HttpMethod::put:
            server_->Put(pattern, read_body_then(std::move(guarded), body_max));
            return;
        case HttpMethod::patch:
            server_->Patch(pattern, read_body_then(std::move(guarded), body_max));
            return;
        case HttpMethod::del:
            server_->Delete(pattern, std::move(guarded));
            return;
    }
    TC_ASSERT(false);
}

std::vector<std::string> HttpListener::methods_for(const std::string& path) const {
    static constexpr std::pair<HttpMethod, const char*> kNames[] = {{HttpMethod::get, "GET"},
                                                                    {HttpMethod::post, "POST"},
                                                                    {HttpMethod::put, "PUT"},
                                                                    {HttpMethod::patch, "PATCH"},
                                                                    {HttpMethod::del, "DELETE"}};
    std::vector<std::string> out;
    for (const auto& [method, name] : kNames) {
        const bool any = std::any_of(routes_.begin(), routes_.end(), [&](const auto& route) {
            return route.first == method && std::regex_match(path, route.second);
        });
        if (any) out.emplace_back(name);
    }
    return out;
}

int HttpListener::bind() {
    TC_ASSERT_LT(port_, 0);
    bool bound = false;
    if (options_.port == 0) {
        port_ = server_->bind_to_any_port(options_.host);
        bound = port_ > 0;
    } else {
        bound = server_->bind_to_port(options_.host, options_.port);
        port_ = options_.port;
    }
    // Listening again on a listening socket only changes its backlog (Linux).
    if (bound && socket_ >= 0) ::listen(socket_, options_.listen_backlog);
    if (!bound) {
        port_ = -1;
        throw InputError("listen-failed",
                         InputLocation{options_.host + ":" + std::to_string(options_.port), 0, ""},
                         "cannot bind (address in use, or not an address of this host)",
                         "pick another --port, or --port 0 for a free one");
    }
    return port_;
}

std::string HttpListener::url() const {
    TC_ASSERT_GT(port_, 0);
    return "http://" + options_.host + ":" + std::to_string(port_);
}

int HttpListener::run(std::ostream& ready_out) {
    TC_ASSERT_GT(port_, 0);
    std::atomic<int> stopped_by = -1;
    std::atomic<bool> listen_returned = false;
    std::thread watcher([this, &stopped_by, &listen_returned] {
        stopped_by = stop_signal_.wait();
        // cpp-httplib's stop() does nothing until listen_after_bind() has started its loop:
        // a SIGTERM that arrives right after the ready line must still stop the server.
        while (!listen_returned.load()) {
            if (server_->is_running()) {
                server_->stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    ready_out << ready_line(url()) << std::endl;
    // Returns when the watcher stops the server (or at once if the socket failed); cpp-httplib
    // joins its worker threads before returning, so every request in flight has been answered.
    bool served = server_->listen_after_bind();
    listen_returned.store(true);
    if (!served) stop_signal_.request();
    watcher.join();
    if (!served) {
        throw InputError("listen-failed", InputLocation{url(), 0, ""},
                         "accepting connections failed", "see the system log; restart the server");
    }
    return stopped_by.load();
}

void HttpListener::stop() {
    stop_signal_.request();
}

}  // namespace taskcheck::server
