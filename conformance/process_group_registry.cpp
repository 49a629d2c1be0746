#include "conformance/process_group_registry.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <boost/filesystem.hpp>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

constexpr int kSlots = 256;
std::atomic<pid_t> groups[kSlots];
int signal_pipe[2] = {-1, -1};

// Guards `dirs` and the start of a group; held by the clean-up thread from when it wakes until
// the process ends.
std::mutex& registry_mutex() {
    static std::mutex mutex;
    return mutex;
}
std::set<std::string>& dirs() {
    static std::set<std::string> registered;
    return registered;
}

void kill_all_groups() {
    for (std::atomic<pid_t>& group : groups) {
        pid_t pgid = group.load();
        if (pgid > 0) ::killpg(pgid, SIGKILL);
    }
}

void on_signal(int signal) {
    int saved = errno;
    kill_all_groups();
    unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] ssize_t ignored = ::write(signal_pipe[1], &byte, 1);
    errno = saved;
}

[[noreturn]] void clean_up_and_reraise() {
    unsigned char byte = 0;
    while (::read(signal_pipe[0], &byte, 1) != 1) {
    }
    std::lock_guard lock(registry_mutex());
    kill_all_groups();
    for (const std::string& dir : dirs()) {
        boost::system::error_code ignored;
        boost::filesystem::remove_all(dir, ignored);
    }
    std::signal(byte, SIG_DFL);
    std::raise(byte);
    std::_Exit(128 + byte);  // only if the signal was blocked in this thread
}

}  // namespace

void install_process_group_cleanup() {
    static std::once_flag once;
    std::call_once(once, [] {
        TC_ASSERT_EQ(::pipe2(signal_pipe, O_CLOEXEC), 0);
        std::thread(clean_up_and_reraise).detach();
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
    });
}

pid_t spawn_registered_group(const std::function<pid_t()>& spawn) {
    std::lock_guard lock(registry_mutex());
    pid_t pgid = spawn();
    TC_ASSERT_GT(pgid, 0);
    for (std::atomic<pid_t>& group : groups) {
        pid_t empty = 0;
        if (group.compare_exchange_strong(empty, pgid)) return pgid;
    }
    ::killpg(pgid, SIGKILL);
    TC_ASSERT(false && "more than 256 spawned targets alive at once");
    return pgid;
}

void unregister_process_group(pid_t pgid) {
    for (std::atomic<pid_t>& group : groups) {
        pid_t expected = pgid;
        if (group.compare_exchange_strong(expected, 0)) return;
    }
}

std::string make_registered_dir(const std::string& base, const std::string& prefix) {
    std::string pattern = base + "/" + prefix + "XXXXXX";
    std::lock_guard lock(registry_mutex());
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw InputError("data-dir-failed", {base, 0, ""},
                         std::string("cannot make a data dir: ") + std::strerror(errno),
                         "check that the directory exists and is writable");
    }
    dirs().insert(pattern);
    return pattern;
}

void remove_registered_dir(const std::string& path) {
    std::lock_guard lock(registry_mutex());
    TC_ASSERT(dirs().erase(path) == 1);
    boost::system::error_code ignored;
    boost::filesystem::remove_all(path, ignored);
}

}  // namespace taskcheck::conformance
