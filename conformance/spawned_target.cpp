#include "conformance/spawned_target.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <regex>
#include <thread>

#include "conformance/http_client.hpp"
#include "conformance/process_group_registry.hpp"
#include "conformance/target_stderr.hpp"
#include "model/common/assert.hpp"

extern char** environ;

namespace taskcheck::conformance {

namespace {

using namespace std::chrono_literals;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string describe_exit(const siginfo_t& info) {
    if (info.si_code == CLD_EXITED) {
        return "target exited with status " + std::to_string(info.si_status);
    }
    return "target was killed by signal " + std::to_string(info.si_status);
}

// Starts `/bin/sh -c shell_command` as the leader of a new process group, stdin and stdout on
// /dev/null (stdout on `stderr_fd` too iff stdout_too), stderr on `stderr_fd`. Returns its pid.
// posix_spawn returns after the exec, so the group exists when it returns.
pid_t spawn_in_own_group(const std::string& shell_command, int stderr_fd, bool stdout_too) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (stdout_too) {
        posix_spawn_file_actions_adddup2(&actions, stderr_fd, 1);
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(
        &attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::string shell = "/bin/sh", flag = "-c", command = shell_command;
    char* argv[] = {shell.data(), flag.data(), command.data(), nullptr};
    pid_t pid = 0;
    int error = ::posix_spawn(&pid, shell.c_str(), &actions, &attributes, argv, environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        throw InputError("target-start", {},
                         "cannot run /bin/sh: " + std::string(std::strerror(error)),
                         "check that /bin/sh exists");
    }
    return pid;
}

std::string attempts_text(const std::vector<StartAttempt>& attempts) {
    std::string out;
    for (const StartAttempt& attempt : attempts) {
        if (!out.empty()) out += ", ";
        out += "port " + std::to_string(attempt.port) + " " +
               std::string(start_outcome_name(attempt.outcome));
    }
    return out;
}

}  // namespace

struct SpawnedTarget::Process {
    SpawnOptions options;
    std::optional<PortLease> lease;
    std::string data_dir;  // "" when none is made
    std::string command;   // expanded
    std::unique_ptr<TargetStderr> stderr_log;
    pid_t pid = 0;  // the group leader while it is not reaped; 0 otherwise
    bool stopped_on_purpose = false;
    std::optional<std::string> exit_description;  // set once the child is seen dead
    std::vector<StartAttempt> attempts;
    int announced_port = 0;  // read with options.ready_pattern; 0 otherwise

    ~Process() {
        stop();
        release_port_and_dir();
    }

    int port() const { return lease ? lease->port() : announced_port; }

    void launch() {
        std::string shell_command = command;
        if (command.find_first_of(";&|") == std::string::npos) shell_command = "exec " + command;
        int sink = stderr_log->open_pipe();
        bool stdout_too = !options.ready_pattern.empty();
        try {
            pid = spawn_registered_group(
                [&] { return spawn_in_own_group(shell_command, sink, stdout_too); });
        } catch (const InputError&) {
            stderr_log->close();
            throw;
        }
        stderr_log->start_reading();
        stopped_on_purpose = false;
        exit_description.reset();
    }

    // Kills the whole group, reaps the leader and closes stderr; idempotent.
    void stop() {
        if (pid == 0) return;
        ::killpg(pid, SIGKILL);
        ::killpg(pid, SIGCONT);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        unregister_process_group(pid);
        finish_stderr(pid);
        pid = 0;
    }

    // Waits for EOF on stderr; kills whoever outside the group still holds it.
    void finish_stderr(pid_t group) {
        if (!stderr_log->wait_eof(200ms)) {
            for (pid_t holder : stderr_log->pipe_holders()) {
                pid_t holder_group = ::getpgid(holder);
                ::kill(holder, SIGKILL);
                if (holder_group == group) continue;  // still dying with its group
                stderr_log->note("taskcheck: process " + std::to_string(holder) +
                                 " left the target's process group (setsid or a daemon?) and "
                                 "still held its stderr; killed it");
            }
            stderr_log->wait_eof(2000ms);
        }
        stderr_log->close();
    }

    // nullopt while the leader runs. The leader is looked at without reaping it (WNOWAIT), so
    // its pid cannot be reused before stop() has killed its group.
    std::optional<std::string> check_exit() {
        if (pid == 0) return exit_description;
        siginfo_t info{};
        if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
            exit_description = "target exited (its status was collected elsewhere)";
        } else if (info.si_pid == 0) {
            return std::nullopt;
        } else {
            exit_description = describe_exit(info);
        }
        stop();
        return exit_description;
    }

    std::optional<std::string> wait_ready();
    std::optional<std::string> wait_announced_port(std::size_t since);
    std::optional<std::string> start_once();
    void release_port_and_dir();
    [[noreturn]] void throw_start_error(const std::string& problem, const std::string& tail);
};

std::optional<std::string> SpawnedTarget::Process::wait_ready() {
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + std::chrono::milliseconds(options.ready_timeout_ms);
    HttpClient probe(options.host, port());
    while (true) {
        if (auto exited = check_exit()) return *exited + " before it was ready";
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return "not ready after " + std::to_string(options.ready_timeout_ms) + " ms (GET " +
                   options.ready_path + " got no response below 500)";
        }
        HttpResponse response = probe.send("GET", options.ready_path, {}, "", "",
                                           std::min<std::int64_t>(left.count(), 500));
        if (response.status > 0 && response.status < 500) return std::nullopt;
        std::this_thread::sleep_for(10ms);
    }
}

// Reads the port the target announces (options.ready_pattern); returns why it could not.
std::optional<std::string> SpawnedTarget::Process::wait_announced_port(std::size_t since) {
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + std::chrono::milliseconds(options.ready_timeout_ms);
    std::regex pattern(options.ready_pattern);
    while (true) {
        if (auto text = stderr_log->first_match(pattern, since)) {
            bool digits = !text->empty() && text->size() <= 5 &&
                          std::all_of(text->begin(), text->end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
            int port = digits ? std::stoi(*text) : 0;
            if (port >= 1 && port <= 65535) {
                announced_port = port;
                return std::nullopt;
            }
            return "the line matching --ready-pattern gives \"" + *text + "\", not a port";
        }
        if (auto exited = check_exit()) return *exited + " before it announced its port";
        if (Clock::now() >= deadline) {
            return "no stdout or stderr line matched --ready-pattern within " +
                   std::to_string(options.ready_timeout_ms) + " ms";
        }
        std::this_thread::sleep_for(10ms);
    }
}

// Leases a port (or reads the announced one), makes a data dir, launches and waits until
// ready; returns why it failed.
std::optional<std::string> SpawnedTarget::Process::start_once() {
    bool announced = !options.ready_pattern.empty();
    if (!announced) lease.emplace(PortLease::acquire({options.port_range, options.port_lock_dir}));
    std::string base = options.work_dir.empty() ? boost::filesystem::temp_directory_path().string()
                                                : options.work_dir;
    data_dir = make_registered_dir(base, "taskcheck-target-");
    command =
        expand_spawn_command(options.command, options.host, port(), data_dir);  // 0 if announced
    std::size_t since = stderr_log->line_count();
    launch();
    if (announced) {
        if (auto problem = wait_announced_port(since)) return problem;
        // A restart must come back where the runner's client connects.
        command = expand_spawn_command(options.command, options.host, port(), data_dir);
    }
    return wait_ready();
}

void SpawnedTarget::Process::release_port_and_dir() {
    if (!data_dir.empty()) remove_registered_dir(data_dir);
    data_dir.clear();
    lease.reset();
    announced_port = 0;
}

void SpawnedTarget::Process::throw_start_error(const std::string& problem,
                                               const std::string& tail) {
    std::string text = "`" + command + "`: " + problem;
    if (attempts.size() > 1) {
        text += " (start attempt " + std::to_string(attempts.size()) + " of at most " +
                std::to_string(options.start_attempts) + "; " + attempts_text(attempts) + ")";
    }
    std::vector<StartAttempt> all = attempts;
    release_port_and_dir();
    throw TargetStartError(
        text, tail.empty() ? "it wrote nothing to stderr" : "last stderr lines:\n" + tail, all);
}

std::optional<std::string> SpawnOptions::validate() const {
    if (command.empty()) return "the spawn command is empty";
    if (!ready_path.starts_with("/")) return "the ready path must start with \"/\"";
    if (ready_timeout_ms <= 0) return "the ready timeout must be positive";
    if (start_attempts < 1 || start_attempts > 20) return "--start-attempts must be from 1 to 20";
    if (!ready_pattern.empty()) {
        try {
            if (std::regex(ready_pattern).mark_count() < 1) {
                return "--ready-pattern needs a group (...) around the port";
            }
        } catch (const std::regex_error& e) {
            return "--ready-pattern is not a valid regex: " + std::string(e.what());
        }
    }
    return std::nullopt;
}

SpawnedTarget::SpawnedTarget(SpawnOptions options) : process_(std::make_unique<Process>()) {
    if (auto problem = options.validate()) {
        throw InputError("target-start", {}, *problem, "see taskcheck conform --help");
    }
    install_process_group_cleanup();
    Process& p = *process_;
    p.options = std::move(options);
    p.stderr_log = std::make_unique<TargetStderr>(p.options.stderr_lines_max);
    while (true) {
        std::size_t first_line = p.stderr_log->line_count();
        std::optional<std::string> problem = p.start_once();
        if (!problem) {
            p.attempts.push_back({p.port(), StartOutcome::ready, ""});
            return;
        }
        bool exited = p.exit_description.has_value();
        p.stop();
        std::string tail = p.stderr_log->tail(first_line, 10);
        bool taken = exited && (mentions_address_in_use(tail) || !port_bindable(p.port()));
        p.attempts.push_back(
            {p.port(), taken ? StartOutcome::address_in_use : StartOutcome::failed, *problem});
        if (!taken || static_cast<int>(p.attempts.size()) >= p.options.start_attempts) {
            p.throw_start_error(*problem, tail);
        }
        p.release_port_and_dir();
    }
}

SpawnedTarget::~SpawnedTarget() = default;

std::string SpawnedTarget::host() const {
    return process_->options.host;
}
int SpawnedTarget::port() const {
    return process_->port();
}
std::string SpawnedTarget::description() const {
    return process_->command;
}
const std::string& SpawnedTarget::data_dir() const {
    return process_->data_dir;
}
const std::vector<StartAttempt>& SpawnedTarget::start_attempts() const {
    return process_->attempts;
}

std::optional<std::string> SpawnedTarget::inject(FaultKind kind) {
    Process& p = *process_;
    if (kind == FaultKind::kill || kind == FaultKind::restart) {
        p.stop();
        p.stopped_on_purpose = true;
        if (kind == FaultKind::kill) return std::nullopt;
        p.launch();
        if (auto problem = p.wait_ready()) return "restart failed: " + *problem;
        return std::nullopt;
    }
    if (p.pid == 0) return std::string("the target is not running (killed by an earlier fault)");
    ::killpg(p.pid, kind == FaultKind::pause ? SIGSTOP : SIGCONT);
    return std::nullopt;
}

std::optional<std::string> SpawnedTarget::unexpected_exit() {
    Process& p = *process_;
    if (p.stopped_on_purpose && p.pid == 0) return std::nullopt;
    return p.check_exit();
}

bool SpawnedTarget::running() {
    process_->check_exit();
    return process_->pid != 0;
}

std::size_t SpawnedTarget::stderr_line_count() const {
    return process_->stderr_log->line_count();
}

std::string SpawnedTarget::stderr_tail(std::size_t since, std::size_t count) const {
    return process_->stderr_log->tail(since, count);
}

std::string expand_spawn_command(const std::string& command, const std::string& host, int port,
                                 const std::string& data_dir) {
    std::string out = replace_all(command, "{port}", std::to_string(port));
    out = replace_all(out, "{host}", host);
    return replace_all(out, "{data_dir}", data_dir);
}

bool mentions_address_in_use(const std::string& text) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* pattern : {"address in use", "address already in use", "eaddrinuse"}) {
        if (lower.find(pattern) != std::string::npos) return true;
    }
    return false;
}

}  // namespace taskcheck::conformance
