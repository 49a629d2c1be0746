#include "conformance/process_group_registry.hpp"

#include <atomic>
#include <csignal>
#include <mutex>

#include "model/common/assert.hpp"

namespace taskcheck::conformance {

namespace {

constexpr int kSlots = 256;
std::atomic<pid_t> groups[kSlots];

void kill_all_and_reraise(int signal) {
    for (std::atomic<pid_t>& group : groups) {
        pid_t pgid = group.load();
        if (pgid > 0) ::killpg(pgid, SIGKILL);
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

}  // namespace

void install_process_group_cleanup() {
    static std::once_flag once;
    std::call_once(once, [] {
        std::signal(SIGINT, kill_all_and_reraise);
        std::signal(SIGTERM, kill_all_and_reraise);
    });
}

void register_process_group(pid_t pgid) {
    TC_ASSERT_GT(pgid, 0);
    for (std::atomic<pid_t>& group : groups) {
        pid_t empty = 0;
        if (group.compare_exchange_strong(empty, pgid)) return;
    }
    TC_ASSERT(false && "more than 256 spawned targets alive at once");
}

void unregister_process_group(pid_t pgid) {
    for (std::atomic<pid_t>& group : groups) {
        pid_t expected = pgid;
        if (group.compare_exchange_strong(expected, 0)) return;
    }
}

}  // namespace taskcheck::conformance
