#include "conformance/http_client.hpp"

#include <httplib.h>

#include <chrono>

namespace taskcheck::conformance {

namespace {

std::string describe(httplib::Error error, std::int64_t timeout_ms, std::int64_t elapsed_ms) {
    if (error == httplib::Error::Read && elapsed_ms + 5 >= timeout_ms) {
        return "no response within " + std::to_string(timeout_ms) + " ms";
    }
    switch (error) {
        case httplib::Error::Connection:
            return "cannot connect";
        case httplib::Error::Read:
            return "connection closed or unreadable response";
        case httplib::Error::Write:
            return "cannot send the request";
        case httplib::Error::ConnectionTimeout:
            return "cannot connect within " + std::to_string(timeout_ms) + " ms";
        default:
            return "no response: " + httplib::to_string(error);
    }
}

}  // namespace

HttpClient::HttpClient(std::string host, int port) : host_(std::move(host)), port_(port) {
    reset();
}

HttpClient::~HttpClient() = default;

void HttpClient::reset() {
    client_ = std::make_unique<httplib::Client>(host_, port_);
    client_->set_keep_alive(true);
    // httplib writes a request's headers and its body in two send() calls. Without TCP_NODELAY
    // the body waits for the ACK of the headers, which the target delays (~40 ms on Linux): a
    // POST then costs ~50 ms instead of ~50 us (docs/runner.md#speed, runner.post_steps_per_s).
    client_->set_tcp_nodelay(true);
}

HttpResponse HttpClient::send(const std::string& method, const std::string& path,
                              const HeaderList& headers, const std::string& body,
                              const std::string& content_type, std::int64_t timeout_ms) {
    auto timeout = std::chrono::milliseconds(timeout_ms);
    client_->set_connection_timeout(timeout);
    client_->set_read_timeout(timeout);
    client_->set_write_timeout(timeout);
    httplib::Request request;
    request.method = method;
    request.path = path;
    for (const auto& [name, value] : headers)
        request.headers.emplace(name, value);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request.body = body;
        if (!request.has_header("Content-Type")) {
            request.headers.emplace("Content-Type", content_type);
        }
    }
    auto start = std::chrono::steady_clock::now();
    httplib::Result result = client_->send(request);
    HttpResponse response;
    if (!result) {
        auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        response.error = describe(result.error(), timeout_ms, elapsed.count());
        reset();
        return response;
    }
    response.status = result->status;
    for (const auto& [name, value] : result->headers)
        response.headers.emplace_back(name, value);
    response.body = result->body;
    return response;
}

}  // namespace taskcheck::conformance
