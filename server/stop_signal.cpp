#include "server/stop_signal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <mutex>

#include "model/common/assert.hpp"

namespace taskcheck::server {
namespace {

constexpr int kSlots = 16;  // live StopSignals at once; more is a bug (TC_ASSERT)

// Write ends of the live instances' pipes, read by the handler: lock-free atomics only.
std::atomic<int> g_write_fds[kSlots] = {-1, -1, -1, -1, -1, -1, -1, -1,
                                        -1, -1, -1, -1, -1, -1, -1, -1};
std::mutex g_install_mutex;
int g_live = 0;  // GUARDED_BY(g_install_mutex)
struct sigaction g_previous_term;
struct sigaction g_previous_int;

void on_stop_signal(int signal_number) {
    int saved_errno = errno;
    unsigned char byte = static_cast<unsigned char>(signal_number);
    for (auto& slot : g_write_fds) {
        int fd = slot.load();
        if (fd >= 0) {
            ssize_t ignored = ::write(fd, &byte, 1);  // a full pipe already holds a wake-up
            (void)ignored;
        }
    }
    errno = saved_errno;
}

void install_handlers() {
    struct sigaction action = {};
    action.sa_handler = &on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    TC_ASSERT_EQ(sigaction(SIGTERM, &action, &g_previous_term), 0);
    TC_ASSERT_EQ(sigaction(SIGINT, &action, &g_previous_int), 0);
}

void restore_handlers() {
    TC_ASSERT_EQ(sigaction(SIGTERM, &g_previous_term, nullptr), 0);
    TC_ASSERT_EQ(sigaction(SIGINT, &g_previous_int, nullptr), 0);
}

}  // namespace

StopSignal::StopSignal() {
    int fds[2];
    TC_ASSERT_EQ(::pipe2(fds, O_CLOEXEC | O_NONBLOCK), 0);
    read_fd_ = fds[0];
    write_fd_ = fds[1];
    // The read end blocks; the write end never does (a full pipe already holds a wake-up).
    TC_ASSERT_EQ(::fcntl(read_fd_, F_SETFL, 0), 0);
    std::lock_guard<std::mutex> lock(g_install_mutex);
    int slot = 0;
    while (slot < kSlots && g_write_fds[slot].load() >= 0)
        ++slot;
    TC_ASSERT_LT(slot, kSlots);
    g_write_fds[slot].store(write_fd_);
    if (g_live++ == 0) install_handlers();
}

StopSignal::~StopSignal() {
    {
        std::lock_guard<std::mutex> lock(g_install_mutex);
        for (auto& slot : g_write_fds) {
            if (slot.load() == write_fd_) slot.store(-1);
        }
        if (--g_live == 0) restore_handlers();
    }
    ::close(read_fd_);
    ::close(write_fd_);
}

int StopSignal::wait() {
    unsigned char byte = 0;
    while (true) {
        ssize_t n = ::read(read_fd_, &byte, 1);
        if (n == 1) return byte;
        TC_ASSERT(n < 0 && errno == EINTR);
    }
}

void StopSignal::request() {
    unsigned char byte = 0;
    ssize_t ignored = ::write(write_fd_, &byte, 1);  // a full pipe already holds a wake-up
    (void)ignored;
}

const char* describe_stop(int signal_number) {
    switch (signal_number) {
        case 0:
            return "stop request";
        case SIGTERM:
            return "SIGTERM";
        case SIGINT:
            return "SIGINT";
        default:
            return "another signal";
    }
}

}  // namespace taskcheck::server
