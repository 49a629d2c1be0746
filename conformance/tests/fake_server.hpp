#pragma once
// Test vocabulary for the runner tests: an in-process HTTP server whose routes a test writes
// to break one rule on purpose, a raw TCP server that answers with garbage bytes, and fixture
// files written to a fresh temporary directory.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/filesystem.hpp>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "conformance/spawned_target.hpp"

namespace taskcheck::conformance::testing {

// Binds `fd` to 127.0.0.1 on a port the kernel picks and returns that port. The socket keeps
// it for as long as it is open, so no other process can take it in between.
inline int bind_loopback_port_0(int fd) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

class FakeServer {
  public:
    explicit FakeServer(const std::function<void(httplib::Server&)>& routes) {
        routes(server_);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() before the accept loop runs would be lost and the destructor would hang.
        while (!server_.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeServer() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

// Accepts connections and answers each with bytes that are not HTTP, then closes it.
class GarbageServer {
  public:
    GarbageServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        port_ = bind_loopback_port_0(fd_);
        ::listen(fd_, 16);
        thread_ = std::thread([this] { serve(); });
    }
    ~GarbageServer() {
        stopping_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    void serve() {
        while (!stopping_) {
            int client = ::accept(fd_, nullptr, nullptr);
            if (client < 0) return;
            char buffer[4096];
            [[maybe_unused]] auto n = ::read(client, buffer, sizeof(buffer));
            const char garbage[] = "\x16\x03\x01\xff\xfe garbage \r\n\r\n";
            [[maybe_unused]] auto m = ::send(client, garbage, sizeof(garbage) - 1, MSG_NOSIGNAL);
            ::close(client);
        }
    }
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

// Accepts connections one at a time, reads the request, then answers with a well-formed
// response one byte every 500 ms (about 20 s in all): every read by the client succeeds well
// within any per-read timeout, yet the response as a whole takes far longer than a deadline.
class TrickleServer {
  public:
    TrickleServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        port_ = bind_loopback_port_0(fd_);
        ::listen(fd_, 16);
        thread_ = std::thread([this] { serve(); });
    }
    ~TrickleServer() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    void serve() {
        while (true) {
            int client = ::accept(fd_, nullptr, nullptr);
            if (client < 0) return;
            char buffer[4096];
            if (::read(client, buffer, sizeof(buffer)) > 0) trickle(client);
            ::close(client);
        }
    }
    void trickle(int client) {
        const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        std::unique_lock lock(mutex_);
        for (char byte : response) {
            if (::send(client, &byte, 1, MSG_NOSIGNAL) != 1) return;  // the client gave up
            if (wake_.wait_for(lock, std::chrono::milliseconds(500), [&] { return stopping_; }))
                return;
        }
    }
    int fd_ = -1;
    int port_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

// A loopback port bound but not listening, held for the test: a connect to it is refused, and
// no other process can take the port meanwhile.
class ClosedPort {
  public:
    ClosedPort() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        port_ = bind_loopback_port_0(fd_);
    }
    ~ClosedPort() { ::close(fd_); }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    int fd_ = -1;
    int port_ = 0;
};

// A fresh directory for fixture files, removed at the end of the test.
class FixtureDir {
  public:
    FixtureDir() {
        path_ = boost::filesystem::temp_directory_path() /
                boost::filesystem::unique_path("taskcheck-fixtures-%%%%%%%%");
        boost::filesystem::create_directories(path_);
    }
    ~FixtureDir() { boost::filesystem::remove_all(path_); }
    std::string write(const std::string& name, const std::string& text) const {
        std::string file = (path_ / name).string();
        std::ofstream(file) << text;
        return file;
    }
    std::string path() const { return path_.string(); }

  private:
    boost::filesystem::path path_;
};

}  // namespace taskcheck::conformance::testing
