#pragma once
// Clock: where the reference server gets `now` for the commands it gives the model (the model
// itself never reads a clock; DESIGN.md "The model"). Two implementations, chosen by --clock:
//  - RealClock: wall time, never going backwards.
//  - ManualClock: time moves only when advance() is called (the admin route), for deterministic
//    runs against the server.
// Both are non-decreasing: a later now() never returns less than an earlier one, so a task's
// startedAt can never precede its enqueuedAt, even when the host's clock is stepped back.
// Both can start from a floor (the latest time found in the journal on restart), so that time
// also does not go backwards across a restart.
// Thread safety: every member may be called from any thread.

#include <atomic>
#include <functional>

#include "model/common/time.hpp"

namespace taskcheck::server {

class Clock {
  public:
    virtual ~Clock() = default;
    // Nanoseconds since the Unix epoch; never less than any value returned before.
    virtual Nanos now() = 0;
};

class RealClock final : public Clock {
  public:
    using WallSource = std::function<Nanos()>;

    // Reads the system clock. now() >= floor.
    explicit RealClock(Nanos floor = 0);
    // Reads `wall` instead of the system clock (tests drive a wall clock that jumps back).
    RealClock(WallSource wall, Nanos floor);

    // max(the wall clock, every value returned before, floor). When the wall clock is stepped
    // back, time stands still until the wall clock catches up — it neither jumps back nor
    // drifts away from wall time for good.
    Nanos now() override;

    // The host's wall clock (std::chrono::system_clock) in nanoseconds since the epoch.
    static Nanos system_now();

  private:
    WallSource wall_;
    std::atomic<Nanos> latest_;
};

class ManualClock final : public Clock {
  public:
    // now() == start until advance() is called.
    explicit ManualClock(Nanos start = 0);

    Nanos now() override;

    // Moves time forward by `span` and returns the new now(). A zero span is allowed.
    // Requires: 0 <= span, and now() + span does not overflow (the admin route validates its
    // input and answers 400 before calling this: TC_ASSERT).
    Nanos advance(Nanos span);

  private:
    std::atomic<Nanos> now_;
};

}  // namespace taskcheck::server
