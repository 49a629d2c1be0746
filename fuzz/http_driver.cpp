#include "fuzz/http_driver.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace taskcheck::fuzz {
namespace {

// One connection's bytes: reads come from `in`, writes go to `out`.
class MemoryStream final : public httplib::Stream {
  public:
    explicit MemoryStream(std::string_view in) : in_(in) {}

    bool is_readable() const override { return position_ < in_.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, in_.size() - position_);
        std::memcpy(ptr, in_.data() + position_, n);
        position_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = "127.0.0.1";
        port = 40000;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = "127.0.0.1";
        port = 7700;
    }
    socket_t socket() const override { return INVALID_SOCKET; }

    bool at_end() const { return position_ >= in_.size(); }
    std::string take_output() { return std::exchange(out_, std::string()); }

  private:
    std::string_view in_;
    std::size_t position_ = 0;
    std::string out_;
};

// Names the protected process_request through a derived class: the member pointer it yields
// is a pointer to a member of httplib::Server and may be applied to any Server.
struct ServerAccess : httplib::Server {
    static auto process_request_pointer() { return &ServerAccess::process_request; }
};

// "HTTP/1.1 202 Accepted\r\n..." -> 202; 0 when there is no status line.
int status_of(const std::string& response) {
    if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return 0;
    const std::size_t space = response.find(' ');
    if (space == std::string::npos || space + 4 > response.size()) return 0;
    int status = 0;
    for (std::size_t i = space + 1; i < space + 4; ++i) {
        if (response[i] < '0' || response[i] > '9') return 0;
        status = status * 10 + (response[i] - '0');
    }
    return status;
}

}  // namespace

std::vector<Exchange> serve_bytes(httplib::Server& server, std::string_view input,
                                  std::size_t max_requests,
                                  const std::function<void(httplib::Request&)>& adjust) {
    const auto process = ServerAccess::process_request_pointer();
    MemoryStream stream(input);
    std::vector<Exchange> exchanges;
    while (!stream.at_end() && exchanges.size() < max_requests) {
        Exchange exchange;
        bool closed = false;
        (server.*process)(stream, false, closed, [&](httplib::Request& req) {
            exchange.request_line = req.method + " " + req.target + " " + req.version;
            if (adjust) adjust(req);
        });
        exchange.status = status_of(stream.take_output());
        exchanges.push_back(std::move(exchange));
        if (closed) break;
    }
    return exchanges;
}

}  // namespace taskcheck::fuzz
