#pragma once
// TargetStderr: a spawned target's stderr, kept across its launches (a restart appends), read by
// a thread that never blocks for good.
// Why not block on EOF: a process that left the target's process group (`setsid`, a daemon that
// keeps stderr) still holds the pipe's write end after the group is killed, so EOF never comes
// and a reader joined on EOF hangs the runner (probe finding 7). The reader polls with a stop
// flag instead; close() ends it within ~20 ms whatever holds the pipe.
// Thread safety: every method may be called from any thread; the reader thread only appends.
// Invariant: at most one pipe is open at a time (open_pipe() after close()).

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace taskcheck::conformance {

class TargetStderr {
  public:
    explicit TargetStderr(std::size_t lines_max) : lines_max_(lines_max) {}
    ~TargetStderr();
    TargetStderr(const TargetStderr&) = delete;
    TargetStderr& operator=(const TargetStderr&) = delete;

    // Makes a pipe (both ends O_CLOEXEC) and returns its write end for the child's fd 2.
    // Requires: no pipe open.
    int open_pipe();
    // After the child was spawned: closes our copy of the write end and starts the reader.
    void start_reading();
    // Waits until every writer closed the pipe, for at most `wait`; true iff that happened.
    bool wait_eof(std::chrono::milliseconds wait);
    // Stops the reader (whether or not EOF came) and closes the pipe; idempotent.
    void close();

    // The pids, other than ours, that hold the open pipe (from /proc/*/fd); empty when none is
    // open. Who holds it after its process group was killed left the group.
    std::vector<pid_t> pipe_holders() const;

    // Appends a line of our own (e.g. a warning about the target) to the kept lines.
    void note(const std::string& line);
    std::size_t line_count() const;
    // Group 1 of the first kept line after line `since` that `pattern` matches (regex_search).
    std::optional<std::string> first_match(const std::regex& pattern, std::size_t since) const;
    // The last `count` lines after line `since`, joined with "\n".
    std::string tail(std::size_t since, std::size_t count) const;

  private:
    void read_loop();
    void append_line(const std::string& line);

    const std::size_t lines_max_;
    int source_fd_ = -1;
    int sink_fd_ = -1;
    std::thread reader_;

    mutable std::mutex mutex_;
    std::condition_variable eof_changed_;
    bool eof_ = false;               // guarded by mutex_
    bool stopping_ = false;          // guarded by mutex_
    std::string partial_;            // bytes after the last newline; reader thread only
    std::deque<std::string> lines_;  // guarded by mutex_; the last lines_max_ lines
    std::size_t total_ = 0;          // guarded by mutex_
};

}  // namespace taskcheck::conformance
