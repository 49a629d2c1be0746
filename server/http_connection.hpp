#pragma once
// How the listener serves one TCP connection, in place of cpp-httplib 0.11's own loop, which
// (a) made a new stream per request, so bytes of a pipelined request already read into the old
// stream's buffer were silently dropped (20 pipelined POSTs made 1 task); (b) gave a request head
// only a per-read timeout, so a client sending one byte a second held a worker thread for hours;
// and (c) let idle connections hold every worker thread of the fixed pool for the whole
// keep-alive timeout while new clients waited in the queue (16 idle keep-alive connections on 8
// threads: a new client waited 10 s; 500 idle sockets: minutes).
//
// The contract of serve_connection():
// - One ConnectionStream for the whole connection: requests are served in order, pipelined or
//   not; nothing read is dropped.
// - Waiting for a request (the first or the next on a keep-alive connection): at most
//   `keep_alive_timeout`; but while other connections wait for a worker (WorkerPool::waiting()),
//   an idle connection is closed after `idle_grace_when_busy`.
// - The request head (request line and headers) must arrive whole within `head_timeout` of its
//   first byte, and within `head_grace_when_busy` while other connections wait; else the
//   connection is closed (cpp-httplib answers 400 if the request line had arrived).
// - The body: each read within `read_timeout`, all of it within `body_timeout`; more than
//   `body_bytes_max` bytes on the wire (framing included) fail the read, answered 413.
// - A route can ask for the connection to be closed after its response (close_after_response),
//   e.g. when it stopped reading a body half-way; a body announced and not read whole (cpp-httplib
//   reads none for a GET) closes the connection too, so its bytes are never taken for a request.
//
// Thread safety: a ConnectionStream belongs to the worker thread serving it.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace taskcheck::server {

using SteadyTime = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;

struct ConnectionLimits {
    Millis keep_alive_timeout{5000};
    Millis idle_grace_when_busy{10};
    Millis head_timeout{5000};
    Millis head_grace_when_busy{500};
    Millis read_timeout{5000};
    Millis write_timeout{5000};
    Millis body_timeout{60000};
    std::size_t body_bytes_max = 0;  // 0: no limit
};

// A fixed pool of worker threads with a FIFO queue (cpp-httplib's ThreadPool, plus waiting()).
// shutdown() runs the jobs still queued, then joins the threads.
class WorkerPool : public httplib::TaskQueue {
  public:
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool() override;
    void enqueue(std::function<void()> job) override;
    void shutdown() override;
    // Jobs (accepted connections) queued beyond the workers idle to take them: > 0 means a
    // connection waits for a busy worker to finish. (Queued jobs alone would be > 0 for the
    // microseconds between an accept and an idle worker waking, shedding idle connections for
    // nothing.)
    std::size_t waiting() const { return waiting_.load(); }

  private:
    void work();
    void update_waiting_locked();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    std::atomic<std::size_t> waiting_ = 0;
    std::size_t idle_ = 0;  // workers waiting for a job
    bool shutdown_ = false;
    std::vector<std::thread> threads_;
};

class ConnectionStream : public httplib::Stream {
  public:
    ConnectionStream(socket_t sock, const ConnectionLimits& limits, const WorkerPool* pool);

    // Waits until a request's first byte is here (buffered or on the socket); false when the
    // connection should close instead (timeout, shed while busy, `listening` turned false,
    // error). A closed peer counts as readable: the read that follows fails.
    bool wait_for_request(const std::function<bool()>& listening);
    // Starts the clock of the request head: call when wait_for_request returned true.
    void begin_request();
    void close_after_response() { close_requested_ = true; }
    bool close_requested() const { return close_requested_; }
    bool body_too_large() const { return body_too_large_; }
    // True while the current request's head has not been read to its empty line.
    bool in_head() const { return phase_ == Phase::head; }
    // True when the current request announced a body (Content-Length, chunked) that was not
    // read whole: what follows on the connection is not a request.
    bool body_left_unread() const;

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, std::size_t size) override;
    ssize_t write(const char* ptr, std::size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return sock_; }

  private:
    enum class Phase { head, body };
    bool busy() const { return pool_ != nullptr && pool_->waiting() > 0; }
    // The deadline of a read that started waiting at `read_start`.
    SteadyTime read_deadline(SteadyTime read_start) const;
    // Polls for input until `deadline` (re-evaluated every slice, since it depends on busy());
    // true when readable.
    bool wait_readable(const std::function<SteadyTime()>& deadline) const;
    bool fill();  // one recv into the buffer; false on EOF, error or a passed deadline
    void note_head_byte(char c);

    socket_t sock_;
    ConnectionLimits limits_;
    const WorkerPool* pool_;
    std::string buffer_;
    std::size_t offset_ = 0;  // bytes of buffer_ already handed out
    Phase phase_ = Phase::head;
    SteadyTime head_start_{};
    SteadyTime body_start_{};
    std::size_t body_bytes_ = 0;
    int newlines_ = 0;  // consecutive line ends seen in the head ("\r" ignored)
    std::string head_;  // the current request's head, lower-cased, for body_left_unread()
    bool body_announced_ = false;  // the head has Content-Length or Transfer-Encoding
    bool close_requested_ = false;
    bool body_too_large_ = false;
};

// The stream of the connection the calling thread is serving, or nullptr (outside a request).
ConnectionStream* current_connection();

// Serves requests on `sock` until it should close (see the file comment), at most
// `requests_max`, while `listening` stays true; `serve_one(stream, last, closed)` is
// httplib::Server::process_request. Closes the socket.
bool serve_connection(socket_t sock, const ConnectionLimits& limits, const WorkerPool* pool,
                      std::size_t requests_max, const std::function<bool()>& listening,
                      const std::function<bool(httplib::Stream&, bool, bool&)>& serve_one);

}  // namespace taskcheck::server
