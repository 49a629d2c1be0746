#include "model/common/time.hpp"

#include <cstdio>
#include <limits>

namespace taskcheck {
namespace {

constexpr Nanos kMin = std::numeric_limits<Nanos>::min();
constexpr Nanos kMax = std::numeric_limits<Nanos>::max();

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` ASCII digits at `pos`; nullopt if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Parses "YYYY-MM-DD" at the start of text into a valid date.
std::optional<CivilDate> read_date(std::string_view text) {
    auto year = read_digits(text, 0, 4);
    auto month = read_digits(text, 5, 2);
    auto day = read_digits(text, 8, 2);
    if (!year || !month || !day || text.size() < 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    CivilDate date{*year, *month, *day};
    if (!is_valid_civil_date(date)) return std::nullopt;
    return date;
}

Nanos saturating_add(Nanos a, Nanos b) {
    Nanos out;
    if (__builtin_add_overflow(a, b, &out)) return b > 0 ? kMax : kMin;
    return out;
}

}  // namespace

std::int64_t days_from_civil(CivilDate date) {
    std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    std::int64_t yoe = y - era * 400;
    std::int64_t mp = (date.month + 9) % 12;
    std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
    std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    std::int64_t doe = days - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return CivilDate{year, month, day};
}

bool is_valid_civil_date(CivilDate date) {
    return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

Nanos make_instant(CivilDate date, int hour, int minute, int second, std::int64_t nanos) {
    __int128 total = static_cast<__int128>(days_from_civil(date)) * 86'400;
    total += hour * 3600 + minute * 60 + second;
    total = total * kNanosPerSecond + nanos;
    if (total < kMin) return kMin;
    if (total > kMax) return kMax;
    return static_cast<Nanos>(total);
}

std::string format_rfc3339(Nanos instant) {
    std::int64_t secs = instant / kNanosPerSecond;
    std::int64_t frac = instant % kNanosPerSecond;
    if (frac < 0) {
        frac += kNanosPerSecond;
        secs -= 1;
    }
    std::int64_t days = secs / 86'400;
    std::int64_t rem = secs % 86'400;
    if (rem < 0) {
        rem += 86'400;
        days -= 1;
    }
    CivilDate d = civil_from_days(days);
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day,
                          static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                          static_cast<int>(rem % 60));
    std::string out(buf, static_cast<std::size_t>(n));
    if (frac != 0) {
        char digits[16];
        std::snprintf(digits, sizeof digits, "%09lld", static_cast<long long>(frac));
        std::string f(digits);
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += "." + f;
    }
    out += "Z";
    return out;
}

std::optional<Nanos> parse_rfc3339(std::string_view text) {
    auto date = read_date(text);
    if (!date || text.size() < 20) return std::nullopt;
    if (text[10] != 'T' && text[10] != 't') return std::nullopt;
    auto hour = read_digits(text, 11, 2);
    auto minute = read_digits(text, 14, 2);
    auto second = read_digits(text, 17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':') return std::nullopt;
    if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
    std::size_t pos = 19;
    std::int64_t nanos = 0;
    if (text[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 9) nanos = nanos * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t i = digits; i < 9; ++i) nanos *= 10;
    }
    if (pos >= text.size()) return std::nullopt;
    Nanos offset = 0;
    char sign = text[pos];
    if (sign == 'Z' || sign == 'z') {
        ++pos;
    } else if (sign == '+' || sign == '-') {
        auto oh = read_digits(text, pos + 1, 2);
        auto om = read_digits(text, pos + 4, 2);
        if (!oh || !om || text[pos + 3] != ':' || *oh > 23 || *om > 59) return std::nullopt;
        offset = (static_cast<Nanos>(*oh) * 3600 + *om * 60) * kNanosPerSecond;
        if (sign == '-') offset = -offset;
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    Nanos local = make_instant(*date, *hour, *minute, *second, nanos);
    return saturating_add(local, -offset);
}

std::optional<Nanos> parse_plain_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    auto date = read_date(text);
    if (!date) return std::nullopt;
    return make_instant(*date, 0, 0, 0, 0);
}

std::optional<std::string> format_meili_duration(Nanos span) {
    if (span < 0) return std::nullopt;
    std::int64_t secs = span / kNanosPerSecond;
    std::int64_t nanos = span % kNanosPerSecond;
    std::int64_t days = secs / 86'400;
    secs -= days * 86'400;
    bool has_date = days != 0;
    bool has_time = secs != 0 || nanos != 0 || !has_date;
    std::string out = "P";
    if (has_date) out += std::to_string(days) + "D";
    if (has_time) {
        char buf[48];
        long long s = secs;
        if (nanos == 0)
            std::snprintf(buf, sizeof buf, "T%lldS", s);
        else if (nanos % kNanosPerMilli == 0)
            std::snprintf(buf, sizeof buf, "T%lld.%03lldS", s,
                          static_cast<long long>(nanos / kNanosPerMilli));
        else if (nanos % kNanosPerMicro == 0)
            std::snprintf(buf, sizeof buf, "T%lld.%06lldS", s,
                          static_cast<long long>(nanos / kNanosPerMicro));
        else
            std::snprintf(buf, sizeof buf, "T%lld.%09lldS", s, static_cast<long long>(nanos));
        out += buf;
    }
    return out;
}

std::string format_iso_millis(Nanos instant) {
    Nanos floored = instant - ((instant % kNanosPerMilli) + kNanosPerMilli) % kNanosPerMilli;
    std::string full = format_rfc3339(floored - (floored % kNanosPerSecond + kNanosPerSecond) %
                                                    kNanosPerSecond);
    std::int64_t millis = ((floored % kNanosPerSecond + kNanosPerSecond) % kNanosPerSecond) /
                          kNanosPerMilli;
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(millis));
    return full.substr(0, full.size() - 1) + buf + "Z";
}

}  // namespace taskcheck
