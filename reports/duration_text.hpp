#pragma once
// Durations as the reports print them. Integer arithmetic only, so a golden file is the same on
// every machine (no floating-point formatting, no locale).

#include <cstdint>
#include <string>

namespace taskcheck::reports {

// For people: "850 us" below a millisecond, "12 ms" below ten seconds, "12.3 s" above (the
// fraction truncated, not rounded). Negative spans print as "0 us".
std::string duration_text(std::int64_t duration_ns);

// For JUnit `time`: seconds with exactly three decimals, "0.012", truncated.
std::string seconds_text(std::int64_t duration_ns);

}  // namespace taskcheck::reports
