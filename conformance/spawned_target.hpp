#pragma once
// SpawnedTarget: a target process we start ourselves (`--spawn 'CMD {port} {data_dir}'`).
//  - The command runs under /bin/sh in its own process group; a command without ; & | is run
//    with `exec`, so the group leader is the target itself and its exit status is the target's.
//  - {port} is a free port (bound to port 0 and released), {host} the host, {data_dir} a fresh
//    empty directory; both stay the same across a restart, so state on disk survives it.
//  - Ready means: GET <ready_path> got any HTTP response below 500 before the deadline; the
//    probe polls every 10 ms and gives up at once if the process exits.
//  - stderr is read by a thread and kept (the last `stderr_lines_max` lines).
//  - kill = SIGKILL to the group; restart = kill, then start again and wait until ready;
//    pause/resume = SIGSTOP/SIGCONT to the group. The destructor kills the whole group,
//    waits for it and removes the data directory; SIGINT/SIGTERM of the runner kill it too
//    (process_group_registry.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "conformance/target.hpp"

namespace taskcheck::conformance {

struct SpawnOptions {
    std::string command;  // with {port}, {host}, {data_dir} placeholders
    std::string host = "127.0.0.1";
    std::string ready_path = "/";
    std::int64_t ready_timeout_ms = 10000;
    std::string work_dir;  // data dirs are made under it; "" = the temp dir
    std::size_t stderr_lines_max = 200;

    // Why the options cannot work (empty command, ready_path without "/", ...), or nullopt.
    std::optional<std::string> validate() const;
};

class SpawnedTarget : public Target {
  public:
    // Starts the process and waits until it is ready. Throws InputError "target-start" naming
    // the command, what happened (exit status or "not ready after N ms") and the last stderr
    // lines; nothing is left running then.
    explicit SpawnedTarget(SpawnOptions options);
    ~SpawnedTarget() override;
    SpawnedTarget(const SpawnedTarget&) = delete;
    SpawnedTarget& operator=(const SpawnedTarget&) = delete;

    std::string host() const override;
    int port() const override;
    std::string description() const override;
    bool takes_faults() const override { return true; }
    std::optional<std::string> inject(FaultKind kind) override;
    std::optional<std::string> unexpected_exit() override;
    bool running() override;
    std::size_t stderr_line_count() const override;
    std::string stderr_tail(std::size_t since, std::size_t count) const override;

    const std::string& data_dir() const;

  private:
    struct Process;
    std::unique_ptr<Process> process_;
};

// Replaces {port}, {host} and {data_dir} in `command`.
std::string expand_spawn_command(const std::string& command, const std::string& host, int port,
                                 const std::string& data_dir);

// A port on 127.0.0.1 that was free a moment ago (bind port 0, read it, close).
int free_port();

}  // namespace taskcheck::conformance
