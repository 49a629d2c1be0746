#include "model/es/time_value.hpp"

#include <charconv>

namespace taskcheck::es {

namespace {

struct Unit {
    Nanos nanos;
    const char* suffix;
};

constexpr Unit kUnits[] = {{kNanosPerDay, "d"},         {3600 * kNanosPerSecond, "h"},
                           {60 * kNanosPerSecond, "m"}, {kNanosPerSecond, "s"},
                           {kNanosPerMilli, "ms"},      {kNanosPerMicro, "micros"}};

// TimeValue.formatDecimal(value, 1) over Java's Double.toString(value).
std::string format_decimal_one(double value) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    std::string text(buf, end);
    const std::size_t dot = text.find('.');
    if (dot == std::string::npos || text.find('e') != std::string::npos) return text;
    if (dot + 1 >= text.size() || text[dot + 1] == '0') return text.substr(0, dot);
    return text.substr(0, dot + 2);
}

}  // namespace

std::string format_time_value(Nanos span) {
    if (span < 0) return std::to_string(span);
    if (span == 0) return "0s";
    for (const Unit& unit : kUnits) {
        if (span >= unit.nanos) {
            return format_decimal_one(static_cast<double>(span) / static_cast<double>(unit.nanos)) +
                   unit.suffix;
        }
    }
    return std::to_string(span) + "nanos";
}

std::optional<std::int64_t> time_value_in_unit(Nanos span, std::string_view unit) {
    if (unit == "d" || unit == "days") return span / kNanosPerDay;
    if (unit == "h" || unit == "hours") return span / (3600 * kNanosPerSecond);
    if (unit == "m" || unit == "minutes") return span / (60 * kNanosPerSecond);
    if (unit == "s" || unit == "seconds") return span / kNanosPerSecond;
    if (unit == "ms" || unit == "millis") return span / kNanosPerMilli;
    if (unit == "micros") return span / kNanosPerMicro;
    if (unit == "nanos") return span;
    return std::nullopt;
}

}  // namespace taskcheck::es
