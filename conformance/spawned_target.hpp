#pragma once
// SpawnedTarget: a target process we start ourselves (`--spawn 'CMD {port} {data_dir}'`).
//  - The command runs under /bin/sh in its own process group (posix_spawn); a command without
//    ; & | is run with `exec`, so the group leader is the target itself and its exit status is
//    the target's. stdin and stdout are /dev/null.
//  - {port} is a leased port (port_lease.hpp: outside the kernel's ephemeral range, locked
//    against every other taskcheck process, checked free); {host} the host; {data_dir} a fresh
//    directory made atomically unique (mkdtemp). The lease and the data dir are kept across a
//    restart, so state on disk survives it and no one takes the port in between.
//  - Start-up: a target that exits before it is ready because its address was taken (its
//    stderr says "address in use" / "Address already in use" / EADDRINUSE, or the port is no
//    longer bindable by us) is started again on a new port and a new data dir, up to
//    `start_attempts` tries in all. Any other failure is final at once. Every try is kept
//    (start_attempts()), and in the error when none worked.
//  - Ready means: GET <ready_path> got any HTTP response below 500 before the deadline; the
//    probe polls every 10 ms and gives up at once if the process exits.
//  - stderr is read by a thread and kept (the last `stderr_lines_max` lines); see
//    target_stderr.hpp for why the reader never waits for EOF for good.
//  - kill = SIGKILL to the group; restart = kill, then start again and wait until ready;
//    pause/resume = SIGSTOP/SIGCONT to the group. The destructor kills the whole group, waits
//    for it, kills any process that left the group but still holds the target's stderr (e.g.
//    `setsid`; a line saying so is added to the kept stderr), and removes the data directory;
//    SIGINT/SIGTERM of the runner kill the groups and remove the data dirs too
//    (process_group_registry.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/port_lease.hpp"
#include "conformance/run_result.hpp"
#include "conformance/target.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

struct SpawnOptions {
    std::string command;  // with {port}, {host}, {data_dir} placeholders
    std::string host = "127.0.0.1";
    std::string ready_path = "/";
    std::int64_t ready_timeout_ms = 10000;
    std::string work_dir;  // data dirs are made under it; "" = the temp dir
    std::size_t stderr_lines_max = 200;
    PortRange port_range;  // empty() = the default (port_lease.hpp)
    std::string port_lock_dir = "/tmp/taskcheck-ports";
    int start_attempts = 3;  // tries when the address was taken; 1..20
    // "" = a leased port. Else {port} is 0, the target binds a port itself, stdout joins stderr,
    // and the port is group 1 of the first line matching this ECMAScript regex; the probe then
    // starts. A restart runs the command with {port} = that port (no lease: see docs/runner.md).
    std::string ready_pattern;

    // Why the options cannot work (empty command, ready_path without "/", ...), or nullopt.
    std::optional<std::string> validate() const;
};

// A target that would not start: InputError "target-start" plus every start attempt.
class TargetStartError : public InputError {
  public:
    TargetStartError(std::string problem, std::string hint, std::vector<StartAttempt> attempts)
        : InputError("target-start", {}, std::move(problem), std::move(hint)),
          attempts_(std::move(attempts)) {}
    const std::vector<StartAttempt>& attempts() const { return attempts_; }

  private:
    std::vector<StartAttempt> attempts_;
};

class SpawnedTarget : public Target {
  public:
    // Starts the process and waits until it is ready, retrying as above. Throws
    // TargetStartError naming the command, what happened (exit status or "not ready after N
    // ms"), the earlier attempts and the last stderr lines; InputError "port-range-*" when no
    // port can be leased. Nothing is left running, locked or on disk then.
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
    // Every start attempt, the last one `ready`.
    const std::vector<StartAttempt>& start_attempts() const;

  private:
    struct Process;
    std::unique_ptr<Process> process_;
};

// Replaces {port}, {host} and {data_dir} in `command`.
std::string expand_spawn_command(const std::string& command, const std::string& host, int port,
                                 const std::string& data_dir);

// True iff `text` says an address was in use: "address in use", "address already in use" or
// "eaddrinuse", in any case.
bool mentions_address_in_use(const std::string& text);

}  // namespace taskcheck::conformance
