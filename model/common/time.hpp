#pragma once
// Time as the models see it: signed 64-bit nanoseconds. An instant counts from the Unix epoch
// (UTC, no leap seconds); a span is a plain count. The models never read a clock: every command
// carries its `now` (DESIGN.md "The model").
//
// Text forms, each pinned to the system that emits it:
//  - format_rfc3339: Meilisearch dates (time 0.3.17): UTC with `Z`, fraction trimmed to 1-9
//    digits, omitted when zero (spec/meilisearch.md §2).
//  - parse_rfc3339: Meilisearch date filters: `T`/`t`, `Z`/`z` or ±HH:MM, seconds required, any
//    number of fraction digits (digits past the 9th are dropped).
//  - format_meili_duration: `P[nD]T<s>[.fff|.ffffff|.fffffffff]S` (spec/meilisearch.md §2).
//  - format_iso_millis: Elasticsearch `strict_date_optional_time` output, UTC, 3 fraction digits.
// Instants outside the int64 range (before 1677-09-21, after 2262-04-11) saturate to the
// extremes, which keeps exclusive-bound comparisons right for every representable task date.
// Deterministic: pure functions, no locale, no clock.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace taskcheck {

using Nanos = std::int64_t;

constexpr Nanos kNanosPerMicro = 1'000;
constexpr Nanos kNanosPerMilli = 1'000'000;
constexpr Nanos kNanosPerSecond = 1'000'000'000;
constexpr Nanos kNanosPerDay = 86'400 * kNanosPerSecond;

constexpr Nanos us(std::int64_t n) { return n * kNanosPerMicro; }
constexpr Nanos ms(std::int64_t n) { return n * kNanosPerMilli; }
constexpr Nanos seconds(std::int64_t n) { return n * kNanosPerSecond; }

struct CivilDate {
    int year = 1970;  // proleptic Gregorian
    int month = 1;    // 1..12
    int day = 1;      // 1..31
};

// Days since 1970-01-01 for a valid civil date (H. Hinnant's algorithm), and back.
std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days);
bool is_valid_civil_date(CivilDate date);

// Builds an instant from UTC parts; saturates outside the int64 range.
Nanos make_instant(CivilDate date, int hour, int minute, int second, std::int64_t nanos);

// Meilisearch's RFC 3339 rendering, e.g. "2021-09-08T09:08:45.3961665Z", "2021-09-08T09:08:45Z".
std::string format_rfc3339(Nanos instant);

// Parses an RFC 3339 date-time as time 0.3.17 does; nullopt iff the text is not one.
std::optional<Nanos> parse_rfc3339(std::string_view text);

// Parses exactly `YYYY-MM-DD` (two-digit month and day) as that day's midnight UTC.
std::optional<Nanos> parse_plain_date(std::string_view text);

// Meilisearch task duration: "PT0.001192S", "PT1S", "P1D", "P2DT3.5S"... nullopt for a negative
// span (Meilisearch serializes it as null).
std::optional<std::string> format_meili_duration(Nanos span);

// Elasticsearch human date: "2024-05-01T10:00:00.123Z" (millisecond precision, truncated).
std::string format_iso_millis(Nanos instant);

}  // namespace taskcheck
