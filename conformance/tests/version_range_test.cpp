// Version ranges: the syntax fixtures use in "versions" and how --version is compared.
#include "conformance/version_range.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::conformance;

namespace {

bool in(const char* range, const char* version) {
    return VersionRange::parse(range)->contains(*parse_version(version));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(version_range)

BOOST_AUTO_TEST_CASE(comparators_and_alternatives) {
    BOOST_TEST(in(">=1.1", "1.1"));
    BOOST_TEST(in(">=1.1", "1.1.0"));
    BOOST_TEST(!in(">=1.1", "1.0.9"));
    BOOST_TEST(in(">=1.1 <1.12", "1.11.99"));
    BOOST_TEST(!in(">=1.1 <1.12", "1.12"));
    BOOST_TEST(in("<7.17 || >=8.2", "8.2.1"));
    BOOST_TEST(!in("<7.17 || >=8.2", "8.1"));
    BOOST_TEST(in("1.1.1", "1.1.1"));
    BOOST_TEST(in("*", "0.1"));
    BOOST_TEST(in("", "99"));
}

BOOST_AUTO_TEST_CASE(malformed_ranges_are_rejected) {
    BOOST_TEST(!VersionRange::parse(">=1.x"));
    BOOST_TEST(!VersionRange::parse(">= 1.1"));
    BOOST_TEST(!VersionRange::parse("1.1 ||"));
    BOOST_TEST(!parse_version("1..2"));
    BOOST_TEST(!parse_version("-1"));
}

BOOST_AUTO_TEST_SUITE_END()
