#pragma once
// Simulated time. The simulator has one global clock, the time of the event being processed,
// owned by the EventQueue; it only moves forward and never reads a real clock. Each node sees it
// through a NodeClock, which adds the node's skew (a fault may skew or jump a node's clock; the
// global clock never moves for it).
// Deterministic: plain integers; format_sim_time is a pure function.

#include <cstdint>
#include <string>

#include "model/common/time.hpp"

namespace taskcheck::sim {

// The instant simulated time starts at when a world maps it onto wall-clock dates:
// 2024-01-01T00:00:00Z. Simulated time itself starts at 0.
constexpr Nanos kSimEpoch = 1'704'067'200LL * kNanosPerSecond;

// "HH:MM:SS.mmm" of a simulated time since start (hours grow past 99 as needed), truncated to the
// millisecond: 72'004'000'000 -> "00:01:12.004". Requires: at >= 0.
std::string format_sim_time(Nanos at);

// A node's view of time: global simulated time plus a skew the node does not know about.
// A clock jump is a change of skew; the node's clock may then go backwards (a jump back), which is
// exactly what the fault exists to test.
class NodeClock {
  public:
    // The node's local reading at global time `now`, as an instant (kSimEpoch + now + skew).
    Nanos local_instant(Nanos now) const { return kSimEpoch + now + skew_; }
    Nanos skew() const { return skew_; }
    void set_skew(Nanos skew) { skew_ = skew; }
    void jump(Nanos by) { skew_ += by; }

  private:
    Nanos skew_ = 0;
};

}  // namespace taskcheck::sim
