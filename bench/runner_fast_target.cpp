// runner_fast_target [--port P] [--seconds S]: the trivial target the runner benchmark measures
// against (bench/runner_bench.cpp). It answers every HTTP/1.1 request, whatever its method and
// path, with 200 and the same fixed JSON body (runner_fast_target_body.hpp), so the figures
// measure the client, not the server.
//  - Listens on 127.0.0.1 only; port 0 (the default) picks a free port. Its first stdout line is
//    "listening on 127.0.0.1:PORT", written once it accepts connections.
//  - One thread per connection, keep-alive, TCP_NODELAY, one write() per response. A request's
//    body is read (by Content-Length) and ignored; "Connection: close" closes after the answer.
//  - Stops by itself after --seconds (default 600) so a benchmark that dies cannot leave it
//    running; SIGTERM stops it at once.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>

#include "bench/runner_fast_target_body.hpp"

namespace {

// The whole response, built once: status line, headers, body.
std::string fixed_response() {
    std::string body(taskcheck::bench::kRunnerTargetBody);
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: keep-alive\r\n\r\n" + body;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The value of header `name` (lower case) in `head`, or "" when absent.
std::string header_value(const std::string& head_lower, std::string_view name) {
    std::string key = "\r\n" + std::string(name) + ":";
    std::size_t at = head_lower.find(key);
    if (at == std::string::npos) return "";
    std::size_t start = head_lower.find_first_not_of(' ', at + key.size());
    std::size_t end = head_lower.find("\r\n", start);
    return head_lower.substr(start, end - start);
}

bool write_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Serves one connection until the peer closes it, asks to close, or sends nonsense.
void serve_connection(int fd, const std::string& response) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    std::string buffer;
    char chunk[16384];
    while (true) {
        std::size_t head_end = buffer.find("\r\n\r\n");
        if (head_end == std::string::npos) {
            ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0) break;
            buffer.append(chunk, static_cast<std::size_t>(n));
            continue;
        }
        std::string head = lower(std::string_view(buffer).substr(0, head_end + 2));
        std::size_t body_bytes = std::strtoul(header_value(head, "content-length").c_str(), 0, 10);
        std::size_t request_bytes = head_end + 4 + body_bytes;
        while (buffer.size() < request_bytes) {
            ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0) break;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
        if (buffer.size() < request_bytes || !write_all(fd, response)) break;
        buffer.erase(0, request_bytes);
        if (header_value(head, "connection") == "close") break;
    }
    ::close(fd);
}

int listen_on(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(fd, 128) != 0) {
        std::fprintf(stderr, "runner_fast_target: cannot listen on port %d: %s\n", port,
                     std::strerror(errno));
        std::exit(2);
    }
    return fd;
}

int bound_port(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

}  // namespace

int main(int argc, char** argv) {
    int port = 0;
    unsigned seconds = 600;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--port") port = std::atoi(argv[i + 1]);
        if (flag == "--seconds") seconds = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
    std::signal(SIGALRM, SIG_DFL);
    ::alarm(seconds);
    const std::string response = fixed_response();
    int listener = listen_on(port);
    std::printf("listening on 127.0.0.1:%d\n", bound_port(listener));
    std::fflush(stdout);
    while (true) {
        int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) continue;
        std::thread(serve_connection, fd, std::cref(response)).detach();
    }
}
