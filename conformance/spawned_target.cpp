#include "conformance/spawned_target.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/filesystem.hpp>
#include <boost/process.hpp>
#include <chrono>
#include <csignal>
#include <deque>
#include <mutex>
#include <thread>

#include "conformance/http_client.hpp"
#include "conformance/process_group_registry.hpp"
#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace bp = boost::process;
namespace fs = boost::filesystem;

namespace taskcheck::conformance {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string describe_status(int status) {
    if (WIFEXITED(status))
        return "target exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        return "target was killed by signal " + std::to_string(WTERMSIG(status));
    }
    return "target stopped (wait status " + std::to_string(status) + ")";
}

fs::path make_data_dir(const std::string& work_dir) {
    static std::atomic<int> counter{0};
    fs::path base = work_dir.empty() ? fs::temp_directory_path() : fs::path(work_dir);
    fs::path dir = base / ("taskcheck-target-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter.fetch_add(1)));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

}  // namespace

struct SpawnedTarget::Process {
    SpawnOptions options;
    int port = 0;
    std::string data_dir;
    std::string command;  // expanded
    std::unique_ptr<bp::ipstream> stderr_pipe;
    std::unique_ptr<bp::child> child;
    std::thread reader;
    bool stopped_on_purpose = false;
    std::optional<std::string> exit_description;  // set once the child is seen dead

    mutable std::mutex stderr_mutex;
    std::deque<std::string> stderr_lines;  // the last options.stderr_lines_max lines
    std::size_t stderr_total = 0;

    void read_stderr(bp::ipstream& in) {
        std::string line;
        while (std::getline(in, line)) {
            std::lock_guard lock(stderr_mutex);
            stderr_lines.push_back(line);
            ++stderr_total;
            if (stderr_lines.size() > options.stderr_lines_max) stderr_lines.pop_front();
        }
    }

    void launch() {
        std::string shell_command = command;
        if (command.find_first_of(";&|") == std::string::npos) shell_command = "exec " + command;
        stderr_pipe = std::make_unique<bp::ipstream>();
        bp::group group;
        child = std::make_unique<bp::child>("/bin/sh", bp::args({"-c", shell_command}),
                                            bp::std_in<bp::null, bp::std_out> bp::null,
                                            bp::std_err > *stderr_pipe, group);
        group.detach();
        register_process_group(child->id());
        stopped_on_purpose = false;
        exit_description.reset();
        reader = std::thread([this, pipe = stderr_pipe.get()] { read_stderr(*pipe); });
    }

    // Kills the whole group and reaps the leader; idempotent.
    void stop() {
        if (!child) return;
        pid_t pgid = child->id();
        ::killpg(pgid, SIGKILL);
        ::killpg(pgid, SIGCONT);
        std::error_code ignored;
        child->wait(ignored);
        unregister_process_group(pgid);
        if (reader.joinable()) reader.join();
        child.reset();
        stderr_pipe.reset();
    }

    std::optional<std::string> check_exit() {
        if (!child) return exit_description;
        std::error_code ec;
        if (child->running(ec)) return std::nullopt;
        exit_description = describe_status(child->native_exit_code());
        stop();
        return exit_description;
    }

    std::optional<std::string> wait_ready();
    std::string tail(std::size_t since, std::size_t count) const;
};

std::optional<std::string> SpawnedTarget::Process::wait_ready() {
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + std::chrono::milliseconds(options.ready_timeout_ms);
    HttpClient probe(options.host, port);
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
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::string SpawnedTarget::Process::tail(std::size_t since, std::size_t count) const {
    std::lock_guard lock(stderr_mutex);
    std::size_t first_kept = stderr_total - stderr_lines.size();
    std::size_t from = std::max(since, first_kept);
    if (stderr_total > count) from = std::max(from, stderr_total - count);
    std::string out;
    for (std::size_t i = from; i < stderr_total; ++i) {
        if (!out.empty()) out += "\n";
        out += stderr_lines[i - first_kept];
    }
    return out;
}

std::optional<std::string> SpawnOptions::validate() const {
    if (command.empty()) return "the spawn command is empty";
    if (!ready_path.starts_with("/")) return "the ready path must start with \"/\"";
    if (ready_timeout_ms <= 0) return "the ready timeout must be positive";
    return std::nullopt;
}

SpawnedTarget::SpawnedTarget(SpawnOptions options) : process_(std::make_unique<Process>()) {
    if (auto problem = options.validate()) {
        throw InputError("target-start", {}, *problem, "see taskcheck conform --help");
    }
    install_process_group_cleanup();
    Process& p = *process_;
    p.options = std::move(options);
    p.port = free_port();
    p.data_dir = make_data_dir(p.options.work_dir).string();
    p.command = expand_spawn_command(p.options.command, p.options.host, p.port, p.data_dir);
    p.launch();
    if (auto problem = p.wait_ready()) {
        p.stop();
        std::string tail = p.tail(0, 10);
        fs::remove_all(p.data_dir);
        throw InputError(
            "target-start", {}, "`" + p.command + "`: " + *problem,
            tail.empty() ? "it wrote nothing to stderr" : "last stderr lines:\n" + tail);
    }
}

SpawnedTarget::~SpawnedTarget() {
    process_->stop();
    boost::system::error_code ignored;
    fs::remove_all(process_->data_dir, ignored);
}

std::string SpawnedTarget::host() const {
    return process_->options.host;
}
int SpawnedTarget::port() const {
    return process_->port;
}
std::string SpawnedTarget::description() const {
    return process_->command;
}
const std::string& SpawnedTarget::data_dir() const {
    return process_->data_dir;
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
    if (!p.child) return std::string("the target is not running (killed by an earlier fault)");
    ::killpg(p.child->id(), kind == FaultKind::pause ? SIGSTOP : SIGCONT);
    return std::nullopt;
}

std::optional<std::string> SpawnedTarget::unexpected_exit() {
    Process& p = *process_;
    if (p.stopped_on_purpose && !p.child) return std::nullopt;
    return p.check_exit();
}

bool SpawnedTarget::running() {
    process_->check_exit();
    return process_->child != nullptr;
}

std::size_t SpawnedTarget::stderr_line_count() const {
    std::lock_guard lock(process_->stderr_mutex);
    return process_->stderr_total;
}

std::string SpawnedTarget::stderr_tail(std::size_t since, std::size_t count) const {
    return process_->tail(since, count);
}

std::string expand_spawn_command(const std::string& command, const std::string& host, int port,
                                 const std::string& data_dir) {
    std::string out = replace_all(command, "{port}", std::to_string(port));
    out = replace_all(out, "{host}", host);
    return replace_all(out, "{data_dir}", data_dir);
}

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw InputError("target-start", {}, "cannot open a socket to find a free port");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
              ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(fd);
    if (!ok) throw InputError("target-start", {}, "cannot bind 127.0.0.1:0 to find a free port");
    return ntohs(address.sin_port);
}

}  // namespace taskcheck::conformance
