// taskcheck_socket_churn: keeps taking and releasing ephemeral ports, as a busy machine does, for
// the start-up stress test (start_stress_test.sh).
//   usage: taskcheck_socket_churn <seconds>
// Two threads until <seconds> have passed: one binds 127.0.0.1:0 over and over, keeping the last
// 500 sockets (closing the oldest); one opens loopback connections to a listener of its own,
// keeping the last 200 and closing the oldest with SO_LINGER 0 (a reset, so no TIME_WAIT piles up
// on the shared machine). Both take ports of the kernel's ephemeral range and hold them a while,
// as other programs' sockets do: a port taken between the old "bind port 0, close, hand the
// number on" allocation and the target's bind is then still taken when the target binds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    return address;
}

constexpr std::size_t kBindsHeld = 500;
constexpr std::size_t kConnectsHeld = 200;

// Keeps `fd` and closes the oldest kept one past `held`.
void keep(std::deque<int>& kept, int fd, std::size_t held) {
    kept.push_back(fd);
    if (kept.size() <= held) return;
    linger reset{1, 0};
    ::setsockopt(kept.front(), SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
    ::close(kept.front());
    kept.pop_front();
}

void bind_loop(Clock::time_point end, std::atomic<long>& count) {
    std::deque<int> kept;
    while (Clock::now() < end) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address = loopback(0);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) ++count;
        keep(kept, fd, kBindsHeld);
    }
}

void connect_loop(Clock::time_point end, int port, std::atomic<long>& count) {
    std::deque<int> kept;
    while (Clock::now() < end) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address = loopback(port);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) ++count;
        keep(kept, fd, kConnectsHeld);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: taskcheck_socket_churn <seconds>\n");
        return 2;
    }
    auto end = Clock::now() + std::chrono::seconds(std::atoi(argv[1]));
    int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof(address);
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(listener, 512) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        std::perror("taskcheck_socket_churn: listen");
        return 1;
    }
    std::thread([listener] {
        while (true) {
            int fd = ::accept(listener, nullptr, nullptr);
            if (fd >= 0) ::close(fd);
        }
    }).detach();
    std::atomic<long> binds{0}, connects{0};
    std::thread binder(bind_loop, end, std::ref(binds));
    connect_loop(end, ntohs(address.sin_port), connects);
    binder.join();
    std::printf("socket_churn: %ld binds, %ld connects\n", binds.load(), connects.load());
    return 0;
}
