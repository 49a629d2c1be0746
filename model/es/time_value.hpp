#pragma once
// TimeValue text: how Elasticsearch prints a duration (TimeValue.toString, spec/elasticsearch.md
// §3.1 running_time, §3.5 _cat running_time and `time=`).
// Deterministic: pure functions; the one double conversion (std::to_chars, shortest round-trip
// form, as Java's Double.toString) is exact and locale-free.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/common/time.hpp"

namespace taskcheck::es {

// TimeValue.toString() == toHumanReadableString(1): the largest unit the span reaches (nanos,
// micros, ms, s, m, h, d), one fraction digit *truncated*, the fraction dropped when it is zero:
// 293139 -> "293.1micros", 1000 -> "1micros", 0 -> "0s", 90 s -> "1.5m". Negative spans print
// their raw count ("-5").
std::string format_time_value(Nanos span);

// The `_cat` `time=` conversion (TimeValue.days() ... nanos(), integer truncation) for units
// d, h, m, s, ms, micros, nanos (and days, hours, minutes, seconds, millis); nullopt iff `unit`
// is none of them.
std::optional<std::int64_t> time_value_in_unit(Nanos span, std::string_view unit);

}  // namespace taskcheck::es
