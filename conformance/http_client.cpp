#include "conformance/http_client.hpp"

#include <httplib.h>

namespace taskcheck::conformance {

namespace {

// How often the watchdog repeats stop() on a call past its deadline: httplib can lose one
// issued while it is between its own socket checks (it then reconnects and starts over).
constexpr auto kStopRepeat = std::chrono::milliseconds(20);

std::string no_response_within(std::int64_t timeout_ms) {
    return "no response within " + std::to_string(timeout_ms) + " ms";
}

std::string describe(httplib::Error error, std::int64_t timeout_ms, std::int64_t elapsed_ms) {
    if (error == httplib::Error::Read && elapsed_ms + 5 >= timeout_ms) {
        return no_response_within(timeout_ms);
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

HttpClient::HttpClient(std::string host, int port, std::string base_path)
    : host_(std::move(host)), port_(port), base_path_(std::move(base_path)) {
    reset();
}

HttpClient::~HttpClient() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_one();
    if (watchdog_.joinable()) watchdog_.join();
}

void HttpClient::reset() {
    std::lock_guard lock(mutex_);
    client_ = std::make_unique<httplib::Client>(host_, port_);
    client_->set_keep_alive(true);
    // httplib writes a request's headers and its body in two send() calls. Without TCP_NODELAY
    // the body waits for the ACK of the headers, which the target delays (~40 ms on Linux): a
    // POST then costs ~50 ms instead of ~50 us (docs/runner.md#speed, runner.post_steps_per_s).
    client_->set_tcp_nodelay(true);
}

// Sleeps until the call in flight passes its deadline, then stops it. Arming a later deadline
// does not wake it (it re-checks when it wakes), so a run of requests costs no wake-ups.
void HttpClient::watch() {
    std::unique_lock lock(mutex_);
    while (!closing_) {
        if (!in_flight_) {
            watched_until_ = Clock::time_point::max();
            wake_.wait(lock);
        } else if (Clock::now() < deadline_) {
            watched_until_ = deadline_;
            wake_.wait_until(lock, deadline_);
        } else {
            expired_ = true;
            client_->stop();  // shuts the socket down: the blocked read or write returns
            wake_.wait_for(lock, kStopRepeat);
        }
    }
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
    request.path = base_path_ + path;
    for (const auto& [name, value] : headers)
        request.headers.emplace(name, value);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request.body = body;
        if (!request.has_header("Content-Type")) {
            request.headers.emplace("Content-Type", content_type);
        }
    }
    auto start = Clock::now();
    {
        std::lock_guard lock(mutex_);
        in_flight_ = true;
        expired_ = false;
        deadline_ = start + timeout;
        if (!watchdog_.joinable()) watchdog_ = std::thread([this] { watch(); });
        if (deadline_ < watched_until_) wake_.notify_one();
    }
    httplib::Result result = client_->send(request);
    bool expired = false;
    {
        std::lock_guard lock(mutex_);
        in_flight_ = false;
        expired = expired_;
    }
    HttpResponse response;
    if (!result) {
        auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        response.error = expired ? no_response_within(timeout_ms)
                                 : describe(result.error(), timeout_ms, elapsed.count());
        reset();
        return response;
    }
    // A response completed just as the watchdog fired is kept; its socket may be shut, though.
    if (expired) reset();
    response.status = result->status;
    for (const auto& [name, value] : result->headers)
        response.headers.emplace_back(name, value);
    response.body = result->body;
    return response;
}

}  // namespace taskcheck::conformance
