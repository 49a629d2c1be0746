#pragma once
// ServeChild: a server child process for the crash tests, started with Boost.Process, ready once
// it printed `taskcheck serve: listening on http://127.0.0.1:PORT`, and stopped with a signal.
// stdout is read for the readiness line only; stderr is captured (errors()) when asked for.
// Used by the Meilisearch and Elasticsearch crash and snapshot tests.
#include <signal.h>

#include <boost/process.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace taskcheck::server::testing {

class ServeChild {
  public:
    enum class Stderr { inherit, capture };

    // Runs `program` with `args` and waits for the readiness line (a failed test without it).
    ServeChild(const std::string& program, const std::vector<std::string>& args,
               Stderr stderr_mode = Stderr::inherit) {
        namespace bp = boost::process;
        if (stderr_mode == Stderr::capture) {
            child_.emplace(program, bp::args(args), bp::std_out > out_, bp::std_err > err_);
        } else {
            child_.emplace(program, bp::args(args), bp::std_out > out_);
        }
        std::string line;
        std::getline(out_, line);
        const std::string prefix = "taskcheck serve: listening on http://127.0.0.1:";
        BOOST_TEST_REQUIRE(line.rfind(prefix, 0) == 0, "ready line: " << line);
        port_ = std::stoi(line.substr(prefix.size()));
    }
    ~ServeChild() {
        if (child_->running()) kill();
    }
    ServeChild(const ServeChild&) = delete;
    ServeChild& operator=(const ServeChild&) = delete;

    int port() const { return port_; }
    bool running() { return child_->running(); }
    // Waits at most `limit` for the child to exit by itself and returns its exit code; -1 when
    // it was still running (it is killed then).
    int wait_for_exit(std::chrono::seconds limit) {
        if (!child_->wait_for(limit)) {
            kill();
            return -1;
        }
        return child_->exit_code();
    }
    void kill() { signal_and_wait(SIGKILL); }
    // A clean stop (SQLite checkpoints the WAL; the Meilisearch profile writes its snapshot).
    void terminate() { signal_and_wait(SIGTERM); }
    // Sends `first`; unless it is SIGKILL, sends SIGKILL `kill_after_us` later if the child is
    // still running then. Waits for the exit.
    void signal_and_wait(int first, int kill_after_us = -1) {
        ::kill(child_->id(), first);
        if (first != SIGKILL && kill_after_us >= 0) {
            std::this_thread::sleep_for(std::chrono::microseconds(kill_after_us));
            ::kill(child_->id(), SIGKILL);
        }
        child_->wait();
    }
    // What the child wrote on stderr, read after it exited. Requires: Stderr::capture.
    std::string errors() {
        std::string text, line;
        while (std::getline(err_, line))
            text += line + "\n";
        return text;
    }

  private:
    boost::process::ipstream out_;
    boost::process::ipstream err_;
    std::optional<boost::process::child> child_;
    int port_ = 0;
};

}  // namespace taskcheck::server::testing
