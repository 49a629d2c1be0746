#include "reports/duration_text.hpp"

#include <cstdio>

namespace taskcheck::reports {

namespace {
constexpr std::int64_t kMicro = 1'000;
constexpr std::int64_t kMilli = 1'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;
}  // namespace

std::string duration_text(std::int64_t duration_ns) {
    if (duration_ns < 0) duration_ns = 0;
    char buffer[48];
    if (duration_ns < kMilli) {
        std::snprintf(buffer, sizeof buffer, "%lld us",
                      static_cast<long long>(duration_ns / kMicro));
    } else if (duration_ns < 10 * kSecond) {
        std::snprintf(buffer, sizeof buffer, "%lld ms",
                      static_cast<long long>(duration_ns / kMilli));
    } else {
        std::snprintf(buffer, sizeof buffer, "%lld.%lld s",
                      static_cast<long long>(duration_ns / kSecond),
                      static_cast<long long>(duration_ns % kSecond / (kSecond / 10)));
    }
    return buffer;
}

std::string seconds_text(std::int64_t duration_ns) {
    if (duration_ns < 0) duration_ns = 0;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%lld.%03lld",
                  static_cast<long long>(duration_ns / kSecond),
                  static_cast<long long>(duration_ns % kSecond / kMilli));
    return buffer;
}

}  // namespace taskcheck::reports
