#include "server/http_listener.hpp"

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::server {
namespace {

std::string default_internal_error_body(std::string_view message) {
    nlohmann::ordered_json body;
    body["error"] = "internal";
    body["message"] = std::string(message);
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void reject_option(const std::string& field, const std::string& problem) {
    throw InputError("serve-options", InputLocation{"", 0, "/" + field}, problem);
}

// A POST, PUT or PATCH with neither Content-Length nor Transfer-Encoding has no body (RFC 9112
// §6.3), which is what `curl -X POST URL` sends. cpp-httplib 0.11 instead reads such a body until
// the connection closes: the client waited out the read timeout and got a 400. So these routes
// read the body themselves, and only when the request announces one; httplib still enforces the
// size limit (413) while reading.
httplib::Server::HandlerWithContentReader read_body_then(HttpListener::Handler handler) {
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& read) {
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            handler(req, res);
            return;
        }
        httplib::Request with_body = req;
        const bool read_whole = read([&](const char* data, std::size_t length) {
            with_body.body.append(data, length);
            return true;
        });
        if (!read_whole) {
            if (res.status < 400) res.status = 400;  // httplib sets 413 for a body over the limit
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
    if (listen_backlog <= 0) reject_option("listen_backlog", "not positive");
    if (keep_alive_requests_max == 0) reject_option("keep_alive_requests_max", "0; use at least 1");
}

std::string ready_line(std::string_view url) {
    return "taskcheck serve: listening on " + std::string(url);
}

HttpListener::HttpListener(HttpListenerOptions options)
    : options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
    options_.validate();
    if (!options_.internal_error_body) options_.internal_error_body = default_internal_error_body;
    std::size_t threads = options_.threads;
    server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_->set_payload_max_length(options_.request_body_max_bytes);
    // cpp-httplib's default also sets SO_REUSEPORT, which lets a second server bind a port that is
    // in use and silently share its traffic; SO_REUSEADDR alone still allows a quick restart.
    server_->set_socket_options([this](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        socket_ = sock;
    });
    server_->set_keep_alive_max_count(options_.keep_alive_requests_max);
    server_->set_read_timeout(options_.read_timeout_s, 0);
    server_->set_write_timeout(options_.write_timeout_s, 0);
    auto render = options_.internal_error_body;
    server_->set_exception_handler(
        [render](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
            std::string message = "unknown exception";
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                message = e.what();
            } catch (...) {
            }
            std::cerr << "taskcheck serve: 500 on " << req.method << " " << req.path << ": "
                      << message << std::endl;
            res.status = 500;
            res.set_content(render(message), "application/json");
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
    switch (method) {
        case HttpMethod::get:
            server_->Get(pattern, std::move(guarded));
            return;
        case HttpMethod::post:
            server_->Post(pattern, read_body_then(std::move(guarded)));
            return;
        case HttpMethod::put:
            server_->Put(pattern, read_body_then(std::move(guarded)));
            return;
        case HttpMethod::patch:
            server_->Patch(pattern, read_body_then(std::move(guarded)));
            return;
        case HttpMethod::del:
            server_->Delete(pattern, std::move(guarded));
            return;
    }
    TC_ASSERT(false);
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
