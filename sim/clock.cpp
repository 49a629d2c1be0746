#include "sim/clock.hpp"

#include <cstdio>

#include "model/common/assert.hpp"

namespace taskcheck::sim {

std::string format_sim_time(Nanos at) {
    TC_ASSERT_GE(at, 0);
    const std::int64_t millis = at / kNanosPerMilli;
    const std::int64_t hours = millis / 3'600'000;
    const int minutes = static_cast<int>(millis / 60'000 % 60);
    const int secs = static_cast<int>(millis / 1000 % 60);
    const int rest = static_cast<int>(millis % 1000);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%02lld:%02d:%02d.%03d", static_cast<long long>(hours),
                  minutes, secs, rest);
    return buffer;
}

}  // namespace taskcheck::sim
