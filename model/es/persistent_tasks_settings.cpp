#include "model/es/persistent_tasks_settings.hpp"

#include <cctype>
#include <charconv>
#include <limits>

namespace taskcheck::es {
namespace {

std::string lower_trimmed(std::string_view text) {
    std::string out;
    for (char c : text)
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto first = out.find_first_not_of(" \t\n\r");
    if (first == std::string::npos) return "";
    return out.substr(first, out.find_last_not_of(" \t\n\r") - first + 1);
}

std::string setting_value_prefix(std::string_view raw) {
    return "failed to parse setting [" + std::string(kRecheckIntervalSetting) + "] with value [" +
           std::string(raw) + "] as a time value: ";
}

// ElasticsearchParseException, re-thrown by Setting.get as an IllegalArgumentException with the
// same message and the parse exception as its cause.
EsError wrapped_parse_error(std::string reason) {
    EsError cause;
    cause.http_status = 400;
    cause.type = "parse_exception";
    cause.reason = reason;
    return illegal_argument(std::move(reason)).with_cause(std::move(cause));
}

bool looks_fractional(const std::string& number) {
    bool digit = false;
    std::size_t dots = 0;
    for (std::size_t i = 0; i < number.size(); ++i) {
        const char c = number[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digit = true;
        } else if (c == '.') {
            ++dots;
        } else if (!(i == 0 && (c == '-' || c == '+'))) {
            return false;
        }
    }
    return digit && dots == 1;
}

// TimeValue.parse: the number before the unit, with its three failure texts.
Result<std::int64_t, EsError> parse_amount(std::string_view raw, const std::string& normalized,
                                           std::size_t unit_length) {
    std::string number = normalized.substr(0, normalized.size() - unit_length);
    number = lower_trimmed(number);
    std::int64_t value = 0;
    const char* end = number.data() + number.size();
    const auto [ptr, ec] =
        std::from_chars(number.data() + (number.rfind('+', 0) == 0 ? 1 : 0), end, value);
    if (number.empty() || ec != std::errc() || ptr != end) {
        const std::string input(raw);
        if (looks_fractional(number)) {
            return Err(wrapped_parse_error("failed to parse [" + input +
                                           "], fractional time values are not supported"));
        }
        return Err(wrapped_parse_error("failed to parse [" + input + "]"));
    }
    if (value < -1) {
        return Err(
            illegal_argument(setting_value_prefix(raw) + "negative durations are not supported"));
    }
    return value;
}

struct TimeUnitSuffix {
    std::string_view suffix;
    Nanos nanos_per_unit;
};

// Checked in TimeValue.parseTimeValue's order; "nanos" before "s", "ms" before "s".
constexpr TimeUnitSuffix kUnits[] = {
    {"nanos", 1},           {"micros", kNanosPerMicro},  {"ms", kNanosPerMilli},
    {"s", kNanosPerSecond}, {"m", 60 * kNanosPerSecond}, {"h", 3600 * kNanosPerSecond},
    {"d", kNanosPerDay},
};

Result<Nanos, EsError> parse_time_value(std::string_view raw) {
    const std::string normalized = lower_trimmed(raw);
    for (const TimeUnitSuffix& unit : kUnits) {
        // Minutes are matched on the raw text: "M" would mean months (TimeValue's own comment).
        const std::string_view subject = unit.suffix == "m" ? raw : std::string_view(normalized);
        if (!subject.ends_with(unit.suffix)) continue;
        auto amount = parse_amount(raw, normalized, unit.suffix.size());
        if (!amount.ok()) return Err(amount.error());
        if (*amount > std::numeric_limits<Nanos>::max() / unit.nanos_per_unit) {
            return std::numeric_limits<Nanos>::max();  // saturates; far above the minimum
        }
        return *amount * unit.nanos_per_unit;
    }
    if (normalized.find_first_not_of('0') == std::string::npos && !normalized.empty()) {
        return Nanos{0};
    }
    if (normalized.size() >= 2 && normalized[0] == '-' &&
        normalized.find_first_not_of('0', 1) == normalized.size() - 1 && normalized.back() == '1') {
        return Nanos{-1};
    }
    return Err(illegal_argument(setting_value_prefix(raw) + "unit is missing or unrecognized"));
}

}  // namespace

std::string to_string(AssignmentEnable enable) {
    return enable == AssignmentEnable::all ? "all" : "none";
}

Result<AssignmentEnable, EsError> parse_assignment_enable(std::string_view text) {
    std::string upper;
    for (char c : text)
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "ALL") return AssignmentEnable::all;
    if (upper == "NONE") return AssignmentEnable::none;
    return Err(illegal_argument("Illegal value [" + upper + "] for [" +
                                std::string(kAssignmentEnableSetting) + "]"));
}

Result<Nanos, EsError> parse_recheck_interval(std::string_view text) {
    auto value = parse_time_value(text);
    if (!value.ok()) return value;
    if (*value < seconds(10)) {
        return Err(illegal_argument("failed to parse value [" + std::string(text) +
                                    "] for setting [" + std::string(kRecheckIntervalSetting) +
                                    "], must be >= [10s]"));
    }
    return value;
}

}  // namespace taskcheck::es
