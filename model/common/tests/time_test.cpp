// Time text forms: each case pins a string the real system emits or accepts
// (spec/meilisearch.md §1.1 dates, §2 task dates and durations).
#include <boost/test/unit_test.hpp>

#include "model/common/time.hpp"

using namespace taskcheck;

namespace {
Nanos at(int y, int mo, int d, int h, int mi, int s, std::int64_t ns = 0) {
    return make_instant(CivilDate{y, mo, d}, h, mi, s, ns);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(common_time)

BOOST_AUTO_TEST_CASE(rfc3339_fraction_is_trimmed_to_its_significant_digits) {
    BOOST_TEST(format_rfc3339(at(2021, 9, 8, 9, 8, 45, 396166500)) == "2021-09-08T09:08:45.3961665Z");
    BOOST_TEST(format_rfc3339(at(2021, 9, 8, 9, 34, 48, 171900000)) == "2021-09-08T09:34:48.1719Z");
    BOOST_TEST(format_rfc3339(at(2021, 9, 8, 9, 34, 16, 261191226)) ==
               "2021-09-08T09:34:16.261191226Z");
}

BOOST_AUTO_TEST_CASE(rfc3339_whole_second_has_no_fraction) {
    BOOST_TEST(format_rfc3339(at(2021, 12, 3, 0, 0, 0)) == "2021-12-03T00:00:00Z");
    BOOST_TEST(format_rfc3339(0) == "1970-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(rfc3339_before_epoch_formats_forward_fraction) {
    BOOST_TEST(format_rfc3339(-1) == "1969-12-31T23:59:59.999999999Z");
}

BOOST_AUTO_TEST_CASE(rfc3339_parse_accepts_time_crate_forms) {
    BOOST_TEST(parse_rfc3339("2021-12-03T10:00:00Z").value() == at(2021, 12, 3, 10, 0, 0));
    BOOST_TEST(parse_rfc3339("2021-12-03t10:00:00z").value() == at(2021, 12, 3, 10, 0, 0));
    BOOST_TEST(parse_rfc3339("2021-12-03T10:00:00+01:00").value() == at(2021, 12, 3, 9, 0, 0));
    BOOST_TEST(parse_rfc3339("2021-12-03T10:00:00-00:30").value() == at(2021, 12, 3, 10, 30, 0));
    BOOST_TEST(parse_rfc3339("2021-12-03T10:00:00.5Z").value() ==
               at(2021, 12, 3, 10, 0, 0, 500000000));
    BOOST_TEST(parse_rfc3339("2021-12-03T10:00:00.1234567891234Z").value() ==
               at(2021, 12, 3, 10, 0, 0, 123456789));
}

BOOST_AUTO_TEST_CASE(rfc3339_parse_rejects_what_time_crate_rejects) {
    for (const char* bad : {"2021-12-03", "2021-12-03T10:00Z", "2021-12-03T10:00:00",
                            "2021-12-03 10:00:00Z", "2021-12-03T10:00:00.Z", "2021-02-29T10:00:00Z",
                            "2021-12-03T24:00:00Z", "2021-12-03T10:00:00+1:00", "21-12-03T10:00:00Z",
                            "2021-12-03T10:00:00Zjunk", "2021-13-03T10:00:00Z"}) {
        BOOST_TEST_INFO("input " << bad);
        BOOST_TEST(!parse_rfc3339(bad).has_value());
    }
}

BOOST_AUTO_TEST_CASE(plain_date_is_midnight_utc_and_exactly_ten_chars) {
    BOOST_TEST(parse_plain_date("2021-12-03").value() == at(2021, 12, 3, 0, 0, 0));
    BOOST_TEST(!parse_plain_date("2021-12-3").has_value());
    BOOST_TEST(!parse_plain_date("2021-12-03T").has_value());
    BOOST_TEST(parse_plain_date("2024-02-29").has_value());
    BOOST_TEST(!parse_plain_date("2023-02-29").has_value());
}

BOOST_AUTO_TEST_CASE(dates_outside_int64_range_saturate) {
    BOOST_TEST(parse_rfc3339("0001-01-01T00:00:00Z").value() == std::numeric_limits<Nanos>::min());
    BOOST_TEST(parse_plain_date("9999-12-31").value() == std::numeric_limits<Nanos>::max());
}

BOOST_AUTO_TEST_CASE(meili_duration_picks_3_6_or_9_fraction_digits) {
    BOOST_TEST(*format_meili_duration(us(1192)) == "PT0.001192S");
    BOOST_TEST(*format_meili_duration(seconds(9) + 317060500) == "PT9.317060500S");
    BOOST_TEST(*format_meili_duration(seconds(39) + us(941318)) == "PT39.941318S");
    BOOST_TEST(*format_meili_duration(ms(1500)) == "PT1.500S");
    BOOST_TEST(*format_meili_duration(seconds(1)) == "PT1S");
    BOOST_TEST(*format_meili_duration(0) == "PT0S");
}

BOOST_AUTO_TEST_CASE(meili_duration_days_part_only_from_one_day) {
    BOOST_TEST(*format_meili_duration(kNanosPerDay) == "P1D");
    BOOST_TEST(*format_meili_duration(2 * kNanosPerDay + ms(3500)) == "P2DT3.500S");
    BOOST_TEST(*format_meili_duration(kNanosPerDay - 1) == "PT86399.999999999S");
}

BOOST_AUTO_TEST_CASE(meili_duration_negative_is_null) {
    BOOST_TEST(!format_meili_duration(-1).has_value());
}

BOOST_AUTO_TEST_CASE(iso_millis_truncates_to_milliseconds) {
    BOOST_TEST(format_iso_millis(at(2024, 5, 1, 10, 0, 0, 123999999)) == "2024-05-01T10:00:00.123Z");
    BOOST_TEST(format_iso_millis(at(2024, 5, 1, 10, 0, 0)) == "2024-05-01T10:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(civil_days_round_trip) {
    for (std::int64_t d : {-719468LL, -1LL, 0LL, 11016LL, 19000LL, 2932896LL}) {
        BOOST_TEST(days_from_civil(civil_from_days(d)) == d);
    }
    BOOST_TEST(days_from_civil(CivilDate{2000, 3, 1}) == 11017);
}

BOOST_AUTO_TEST_SUITE_END()
