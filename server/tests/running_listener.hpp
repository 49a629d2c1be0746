#pragma once
// RunningListener: an HttpListener on a free port, served from a thread for the length of one
// test; and RawConnection, a loopback TCP client below httplib for the tests that send bytes
// the way a broken, slow or pipelining client does. Every wait is bounded by a receive timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

#include "server/http_listener.hpp"

namespace taskcheck::server::testing {

class RunningListener {
  public:
    explicit RunningListener(HttpListenerOptions options, std::function<void(HttpListener&)> setup)
        : listener_(std::move(options)) {
        setup(listener_);
        port_ = listener_.bind();
        thread_ = std::thread([this] { stopped_by_ = listener_.run(ready_); });
    }
    ~RunningListener() {
        if (thread_.joinable()) stop();
    }
    int stop() {
        listener_.stop();
        thread_.join();
        return stopped_by_;
    }
    httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }
    int port() const { return port_; }
    std::string ready_output() const { return ready_.str(); }

  private:
    HttpListener listener_;
    int port_ = 0;
    std::ostringstream ready_;
    int stopped_by_ = -1;
    std::thread thread_;
};

// 127.0.0.1:port, for tests that speak TCP below httplib.
inline sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A connected loopback socket; every recv waits at most `timeout`.
class RawConnection {
  public:
    explicit RawConnection(int port, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        BOOST_TEST_REQUIRE(fd_ >= 0);
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
        timeval tv{static_cast<time_t>(us / 1000000), static_cast<suseconds_t>(us % 1000000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        const sockaddr_in address = loopback(port);
        BOOST_TEST_REQUIRE(
            ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawConnection() { ::close(fd_); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // False once the peer closed the connection (or the send failed).
    bool send(const std::string& bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }
    // Reads until the peer closes, the receive timeout passes, or `enough` says stop.
    std::string receive(const std::function<bool(const std::string&)>& enough = nullptr) {
        std::string out;
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;) {
            out.append(buffer, static_cast<std::size_t>(n));
            if (enough && enough(out)) break;
        }
        return out;
    }
    // True when the peer has closed: a recv returns 0 within the receive timeout.
    bool closed_by_peer() {
        char byte;
        return ::recv(fd_, &byte, 1, 0) == 0;
    }

  private:
    int fd_ = -1;
};

// How often `needle` occurs in `text`.
inline std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + needle.size()))
        ++n;
    return n;
}

}  // namespace taskcheck::server::testing
