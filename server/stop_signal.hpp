#pragma once
// StopSignal: turns SIGTERM and SIGINT into an ordinary wake-up that a thread can wait for, so
// that a server can shut down cleanly (finish requests in flight, flush the journal) instead of
// dying in the middle of a write.
//
// How: while at least one StopSignal exists, handlers for SIGTERM and SIGINT are installed that
// write the signal number to the self-pipe of every live StopSignal (write(2) is
// async-signal-safe; nothing else runs in the handler). The previous handlers come back when the
// last StopSignal is destroyed. Any thread may receive the signal; no signal mask is needed.
// This is process-wide state by nature (signal dispositions are); it never touches model/ or
// sim/ and never reaches an output.
//
// Thread safety: wait() from one thread at a time; request() from any thread.

namespace taskcheck::server {

class StopSignal {
  public:
    // Installs the handlers (first instance) and opens this instance's pipe. A failure to do
    // either is a broken environment: TC_ASSERT.
    StopSignal();
    ~StopSignal();
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    // Blocks until SIGTERM or SIGINT arrives or request() is called; returns the signal number,
    // or 0 for request(). Each wake-up is consumed by one wait().
    int wait();

    // Wakes wait() as if a signal had arrived, reporting 0.
    void request();

  private:
    int read_fd_ = -1;
    int write_fd_ = -1;
};

// "SIGTERM", "SIGINT", "stop request" (0), or "another signal".
const char* describe_stop(int signal_number);

}  // namespace taskcheck::server
