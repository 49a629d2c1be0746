// TimeValue text and _cat time units (spec/elasticsearch.md §3.1, §3.5).
#include "model/es/time_value.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck;
using namespace taskcheck::es;

BOOST_AUTO_TEST_SUITE(es_time_value)

BOOST_AUTO_TEST_CASE(one_truncated_fraction_digit_in_the_largest_unit) {
    BOOST_TEST(format_time_value(0) == "0s");
    BOOST_TEST(format_time_value(999) == "999nanos");
    BOOST_TEST(format_time_value(293139) == "293.1micros");
    BOOST_TEST(format_time_value(92133) == "92.1micros");
    BOOST_TEST(format_time_value(1000) == "1micros");
    BOOST_TEST(format_time_value(1099) == "1micros");  // 1.099 -> fraction digit 0 dropped
    BOOST_TEST(format_time_value(ms(2)) == "2ms");
    BOOST_TEST(format_time_value(seconds(90)) == "1.5m");
    BOOST_TEST(format_time_value(seconds(3600 * 36)) == "1.5d");
    BOOST_TEST(format_time_value(-5) == "-5");
}

BOOST_AUTO_TEST_CASE(cat_units_truncate) {
    BOOST_TEST(*time_value_in_unit(ms(1999), "s") == 1);
    BOOST_TEST(*time_value_in_unit(293139, "micros") == 293);
    BOOST_TEST(*time_value_in_unit(seconds(7200), "hours") == 2);
    BOOST_TEST(!time_value_in_unit(5, "fortnights").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
