#pragma once
// HttpClient: one keep-alive HTTP/1.1 connection to a target, with a deadline on every call, so
// the runner can never wait on a target longer than the deadline it was given. The deadline
// covers the whole exchange — connect, write and the complete response — not each read: a
// target that trickles one byte every 0.5 s is cut at the deadline like one that is silent.
// (cpp-httplib 0.11's timeouts are per read; a watchdog thread shuts the socket down at the
// deadline.) The socket has TCP_NODELAY, so a request is never held back waiting for the ACK of
// its own first part.
// Not thread-safe: each runner worker owns its own client (its watchdog is internal).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "conformance/fixture.hpp"

namespace httplib {
class Client;
}

namespace taskcheck::conformance {

struct HttpResponse {
    int status = 0;      // 0 iff no response arrived (see `error`)
    HeaderList headers;  // as received, in order
    std::string body;
    std::string error;  // non-empty iff no response: "no response within 200 ms", "cannot connect"
};

class HttpClient {
  public:
    // A client for http://host:port; `base_path` ("" or "/prefix", no trailing "/") is put in
    // front of every request path, for a target behind a proxy at a sub-path.
    HttpClient(std::string host, int port, std::string base_path = "");
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends one request and returns within about `timeout_ms` (+ ~20 ms) whatever the target
    // does; a response not complete by then is `error` "no response within N ms".
    // `content_type` is used only when `body` is non-empty or the method sends a body.
    HttpResponse send(const std::string& method, const std::string& path, const HeaderList& headers,
                      const std::string& body, const std::string& content_type,
                      std::int64_t timeout_ms);

    // Drops the kept-alive connection (after a target restart, for instance).
    void reset();

  private:
    using Clock = std::chrono::steady_clock;
    void watch();

    std::string host_;
    int port_;
    std::string base_path_;
    std::unique_ptr<httplib::Client> client_;

    // The watchdog. Guarded by mutex_: `client_` while a call is in flight (the watchdog only
    // calls client_->stop(), which httplib allows from another thread), and the fields below.
    std::mutex mutex_;
    std::condition_variable wake_;
    bool in_flight_ = false;
    bool expired_ = false;  // the watchdog stopped the call in flight
    bool closing_ = false;
    Clock::time_point deadline_{};
    Clock::time_point watched_until_ = Clock::time_point::max();  // max while it waits idle
    std::thread watchdog_;                                        // started by the first send()
};

}  // namespace taskcheck::conformance
