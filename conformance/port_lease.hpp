#pragma once
// PortLease: a TCP port for a spawned target that nothing else can take before the target binds
// it, held for as long as the lease lives (RAII; move-only).
// Why: binding port 0, closing it and handing the number on (the old free_port()) leaves a gap
// in which any socket that asks the kernel for an ephemeral port — our own outgoing connections,
// another suite's targets, a neighbour — can get the same port; the target then fails with
// "address in use". A lease closes the gap three ways:
//  1. The port comes from a range OUTSIDE the kernel's ephemeral range
//     (/proc/sys/net/ipv4/ip_local_port_range), so bind(0) and connect() never hand it out.
//  2. A per-port lock, flock(LOCK_EX) on <lock_dir>/<port>.lock, shared by every taskcheck
//     process on the machine: two leases never hold the same port at once, in one process or
//     across processes. The kernel drops the lock when the holder dies, even by SIGKILL.
//  3. A bind() check on 0.0.0.0:<port> without SO_REUSEADDR after the lock is taken: a port
//     some unrelated program listens on, or that still has TIME_WAIT connections, is skipped.
// Not covered: a program that is not taskcheck and binds a fixed port of the range during the
// gap (the runner's retry, spawned_target.hpp, handles that case).
// Lock files stay in lock_dir (one empty file per port ever used): deleting a lock file while
// another process may be opening it would let two processes lock different inodes.

#include <optional>
#include <string>

namespace taskcheck::conformance {

// Ports low..high, both included.
struct PortRange {
    int low = 0;
    int high = 0;

    bool empty() const { return low == 0 && high == 0; }
    int size() const { return high - low + 1; }
    bool contains(int port) const { return low <= port && port <= high; }
    bool operator==(const PortRange&) const = default;
};

// "20000-29999" -> {20000, 29999}. Rejects anything else, and ports outside 1..65535 or
// low > high, with InputError "port-range-invalid" naming `text`.
PortRange parse_port_range(const std::string& text);

// The kernel's ephemeral range from /proc/sys/net/ipv4/ip_local_port_range, or nullopt when the
// file cannot be read (not Linux).
std::optional<PortRange> read_ephemeral_port_range();

// The default range for leases: 20000-29999 minus the part inside `ephemeral` (the larger piece
// when it is cut in two). Throws InputError "port-range-none" naming `ephemeral` when fewer than
// 100 ports are left, with the hint to give --port-range.
PortRange default_port_range(const std::optional<PortRange>& ephemeral);

// True iff a socket can bind 0.0.0.0:port without SO_REUSEADDR right now.
bool port_bindable(int port);

struct PortLeaseOptions {
    PortRange range;                                // empty() = default_port_range(kernel's)
    std::string lock_dir = "/tmp/taskcheck-ports";  // made (mode 1777) if missing
};

class PortLease {
  public:
    // Leases a port of options.range that no other lease holds and port_bindable() accepts,
    // starting at a random port of the range and going round it once. Throws InputError
    // "port-range-exhausted" (every port locked or in use) or "port-lock-failed" (lock_dir
    // cannot be made).
    static PortLease acquire(const PortLeaseOptions& options);

    PortLease(PortLease&& other) noexcept;
    PortLease& operator=(PortLease&& other) noexcept;
    PortLease(const PortLease&) = delete;
    PortLease& operator=(const PortLease&) = delete;
    ~PortLease();  // releases the lock

    int port() const { return port_; }

  private:
    PortLease(int port, int lock_fd) : port_(port), lock_fd_(lock_fd) {}
    int port_ = 0;
    int lock_fd_ = -1;  // O_CLOEXEC, so a target never inherits the lock
};

}  // namespace taskcheck::conformance
