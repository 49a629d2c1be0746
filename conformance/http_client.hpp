#pragma once
// HttpClient: one keep-alive HTTP/1.1 connection to a target, with a timeout on every call, so
// the runner can never wait on a target longer than the deadline it was given. The socket has
// TCP_NODELAY, so a request is never held back waiting for the ACK of its own first part.
// Not thread-safe: each runner worker owns its own client.

#include <cstdint>
#include <memory>
#include <string>

#include "conformance/fixture.hpp"

namespace httplib {
class Client;
}

namespace taskcheck::conformance {

struct HttpResponse {
    int status = 0;      // 0 iff no response arrived (see `error`)
    HeaderList headers;  // as received, in order
    std::string body;
    std::string error;  // non-empty iff no response: "timeout after 200 ms", "connection"...
};

class HttpClient {
  public:
    HttpClient(std::string host, int port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends one request and waits at most `timeout_ms` for connect, write and each read.
    // `content_type` is used only when `body` is non-empty or the method sends a body.
    HttpResponse send(const std::string& method, const std::string& path, const HeaderList& headers,
                      const std::string& body, const std::string& content_type,
                      std::int64_t timeout_ms);

    // Drops the kept-alive connection (after a target restart, for instance).
    void reset();

  private:
    std::string host_;
    int port_;
    std::unique_ptr<httplib::Client> client_;
};

}  // namespace taskcheck::conformance
