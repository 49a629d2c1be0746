#include "server/http_connection.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>

#include "model/common/assert.hpp"

namespace taskcheck::server {
namespace {

using Clock = std::chrono::steady_clock;

// Idle and head waits re-check busy() this often: the bound on how late a shed happens.
constexpr Millis kSlice{10};
constexpr std::size_t kRecvBytes = 64 * 1024;
// Head bytes kept (lower-cased) to find Content-Length / Transfer-Encoding; cpp-httplib refuses
// longer header lines anyway.
constexpr std::size_t kHeadKept = 64 * 1024;

thread_local ConnectionStream* t_current = nullptr;

int poll_one(socket_t sock, short events, Millis timeout) {
    pollfd p{sock, events, 0};
    int rc;
    do {
        rc = ::poll(&p, 1, static_cast<int>(std::max<Millis::rep>(0, timeout.count())));
    } while (rc < 0 && errno == EINTR);
    return rc;
}

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
        ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
        ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    ip = text;
}

}  // namespace

WorkerPool::WorkerPool(std::size_t threads) {
    TC_ASSERT_GT(threads, 0u);
    for (std::size_t i = 0; i < threads; ++i)
        threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
    if (!threads_.empty()) shutdown();
}

void WorkerPool::enqueue(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        update_waiting_locked();
    }
    wake_.notify_one();
}

void WorkerPool::shutdown() {
    {
        std::lock_guard lock(mutex_);
        shutdown_ = true;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_)
        thread.join();
    threads_.clear();
}

void WorkerPool::update_waiting_locked() {
    waiting_.store(jobs_.size() > idle_ ? jobs_.size() - idle_ : 0);
}

void WorkerPool::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ++idle_;
            update_waiting_locked();
            wake_.wait(lock, [this] { return shutdown_ || !jobs_.empty(); });
            --idle_;
            if (jobs_.empty()) return;  // shut down, nothing left to run
            job = std::move(jobs_.front());
            jobs_.pop_front();
            update_waiting_locked();
        }
        job();
    }
}

ConnectionStream::ConnectionStream(socket_t sock, const ConnectionLimits& limits,
                                   const WorkerPool* pool)
    : sock_(sock), limits_(limits), pool_(pool) {}

bool ConnectionStream::wait_for_request(const std::function<bool()>& listening) {
    if (offset_ < buffer_.size()) return true;  // a pipelined request is already here
    const SteadyTime start = Clock::now();
    // A stopping server does not wait out the keep-alive timeout of its idle connections.
    auto deadline = [&] {
        if (!listening()) return start;
        return start + (busy() ? limits_.idle_grace_when_busy : limits_.keep_alive_timeout);
    };
    return wait_readable(deadline);
}

void ConnectionStream::begin_request() {
    phase_ = Phase::head;
    head_start_ = Clock::now();
    newlines_ = 0;
    body_bytes_ = 0;
    head_.clear();
}

SteadyTime ConnectionStream::read_deadline(SteadyTime read_start) const {
    const SteadyTime per_read = read_start + limits_.read_timeout;
    if (phase_ == Phase::body) return std::min(per_read, body_start_ + limits_.body_timeout);
    const Millis head = busy() ? limits_.head_grace_when_busy : limits_.head_timeout;
    return std::min(per_read, head_start_ + head);
}

bool ConnectionStream::wait_readable(const std::function<SteadyTime()>& deadline) const {
    // `deadline` depends on busy() (and on the server still listening): re-read every slice.
    for (;;) {
        const SteadyTime now = Clock::now();
        const SteadyTime until = deadline();
        if (now >= until) return false;
        const auto left = std::chrono::duration_cast<Millis>(until - now) + Millis(1);
        const int rc = poll_one(sock_, POLLIN, std::min(left, kSlice));
        if (rc < 0) return false;
        if (rc > 0) return true;
    }
}

bool ConnectionStream::is_readable() const {
    if (offset_ < buffer_.size()) return true;
    const SteadyTime start = Clock::now();
    return wait_readable([this, start] { return read_deadline(start); });
}

bool ConnectionStream::fill() {
    if (!is_readable()) return false;
    if (offset_ == buffer_.size()) buffer_.clear(), offset_ = 0;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kRecvBytes);
    ssize_t n;
    do {
        n = ::recv(sock_, buffer_.data() + old_size, kRecvBytes, 0);
    } while (n < 0 && errno == EINTR);
    buffer_.resize(old_size + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    return n > 0;
}

void ConnectionStream::note_head_byte(char c) {
    if (head_.size() < kHeadKept)
        head_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '\r') return;
    newlines_ = c == '\n' ? newlines_ + 1 : 0;
    // The empty line ending the head; the request line's own "\n" comes after other bytes.
    if (newlines_ >= 2) {
        phase_ = Phase::body;
        body_start_ = Clock::now();
        body_announced_ = head_.find("\ncontent-length:") != std::string::npos ||
                          head_.find("\ntransfer-encoding:") != std::string::npos;
    }
}

ssize_t ConnectionStream::read(char* ptr, std::size_t size) {
    if (size == 0) return 0;
    // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3);
    // cpp-httplib 0.11 read one until the connection closed (a POST to an unknown path waited
    // out the read timeout, then got 400 instead of 404).
    if (phase_ == Phase::body && !body_announced_) return 0;
    if (offset_ == buffer_.size() && !fill()) return -1;
    if (phase_ == Phase::head) {
        // cpp-httplib reads the head a byte at a time; one byte here keeps the phase exact.
        *ptr = buffer_[offset_++];
        note_head_byte(*ptr);
        return 1;
    }
    const std::size_t n = std::min(size, buffer_.size() - offset_);
    if (limits_.body_bytes_max > 0 && body_bytes_ + n > limits_.body_bytes_max) {
        body_too_large_ = true;
        close_requested_ = true;
        return -1;
    }
    std::copy_n(buffer_.data() + offset_, n, ptr);
    offset_ += n;
    body_bytes_ += n;
    return static_cast<ssize_t>(n);
}

bool ConnectionStream::is_writable() const {
    return poll_one(sock_, POLLOUT, limits_.write_timeout) > 0;
}

ssize_t ConnectionStream::write(const char* ptr, std::size_t size) {
    if (!is_writable()) return -1;
    ssize_t n;
    do {
        n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        address_of(address, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        address_of(address, ip, port);
}

bool ConnectionStream::body_left_unread() const {
    if (phase_ != Phase::body) return false;
    if (head_.find("\ntransfer-encoding:") != std::string::npos) return body_bytes_ == 0;
    const std::size_t at = head_.find("\ncontent-length:");
    if (at == std::string::npos) return false;
    std::size_t i = at + std::string_view("\ncontent-length:").size();
    while (i < head_.size() && head_[i] == ' ')
        ++i;
    std::size_t declared = 0;
    std::from_chars(head_.data() + i, head_.data() + head_.size(), declared);
    return body_bytes_ < declared;
}

ConnectionStream* current_connection() {
    return t_current;
}

bool serve_connection(socket_t sock, const ConnectionLimits& limits, const WorkerPool* pool,
                      std::size_t requests_max, const std::function<bool()>& listening,
                      const std::function<bool(httplib::Stream&, bool, bool&)>& serve_one) {
    ConnectionStream stream(sock, limits, pool);
    bool ok = true;
    for (std::size_t served = 0; served < requests_max && listening(); ++served) {
        if (!stream.wait_for_request(listening)) break;
        stream.begin_request();
        bool closed = false;
        t_current = &stream;
        ok = serve_one(stream, served + 1 == requests_max, closed);
        t_current = nullptr;
        // A head cut short (cpp-httplib answered 400 mid-head): the rest is not a request.
        // A body nobody read (cpp-httplib 0.11 reads none for GET): its bytes are not a request.
        if (!ok || closed || stream.close_requested() || stream.in_head() ||
            stream.body_left_unread())
            break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

}  // namespace taskcheck::server
