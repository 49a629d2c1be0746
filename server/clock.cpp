#include "server/clock.hpp"

#include <chrono>
#include <limits>

#include "model/common/assert.hpp"

namespace taskcheck::server {

RealClock::RealClock(Nanos floor) : RealClock(&RealClock::system_now, floor) {}

RealClock::RealClock(WallSource wall, Nanos floor) : wall_(std::move(wall)), latest_(floor) {
    TC_ASSERT(static_cast<bool>(wall_));
}

Nanos RealClock::system_now() {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
}

Nanos RealClock::now() {
    Nanos wall = wall_();
    Nanos latest = latest_.load();
    // Publish `wall` if it is ahead; otherwise (or if another thread moved further) use latest.
    while (wall > latest && !latest_.compare_exchange_weak(latest, wall)) {
    }
    return wall > latest ? wall : latest;
}

ManualClock::ManualClock(Nanos start) : now_(start) {}

Nanos ManualClock::now() {
    return now_.load();
}

Nanos ManualClock::advance(Nanos span) {
    TC_ASSERT_GE(span, 0);
    Nanos before = now_.load();
    Nanos after = 0;
    do {
        TC_ASSERT_LE(span, std::numeric_limits<Nanos>::max() - before);
        after = before + span;
    } while (!now_.compare_exchange_weak(before, after));
    return after;
}

}  // namespace taskcheck::server
