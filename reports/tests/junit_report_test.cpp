// JUnit XML is what CI dashboards read. The golden file pins the mapping (outcomes to
// failure/error/skipped, counts, system-out); junit_schema_test.cpp checks the schema.
#include "reports/junit_report.hpp"

#include <boost/test/unit_test.hpp>

#include "reports/tests/golden_file.hpp"
#include "reports/tests/sample_run.hpp"

using namespace taskcheck::reports;
using taskcheck::conformance::FixtureResult;
using taskcheck::conformance::RunResult;

BOOST_AUTO_TEST_SUITE(junit_report)

BOOST_AUTO_TEST_CASE(sample_run_matches_golden) {
    test::check_golden("sample.junit.xml", render_junit(test::sample_run()));
}

BOOST_AUTO_TEST_CASE(classname_is_the_file_path_with_dots) {
    BOOST_TEST(junit_classname("fixtures/meilisearch/cancel.json") ==
               "fixtures.meilisearch.cancel");
    BOOST_TEST(junit_classname("./es/a.b.json") == "es.a.b");
    BOOST_TEST(junit_classname("plain") == "plain");
}

BOOST_AUTO_TEST_CASE(an_empty_run_is_an_empty_testsuites_element) {
    RunResult run;
    BOOST_TEST(render_junit(run) ==
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"taskcheck conform\" tests=\"0\" failures=\"0\" errors=\"0\" "
               "time=\"0.000\">\n</testsuites>\n");
}

BOOST_AUTO_TEST_CASE(a_passing_fixture_is_an_empty_testcase) {
    RunResult run;
    FixtureResult fixture;
    fixture.name = "n";
    fixture.file = "a/b.json";
    fixture.profile = "meilisearch";
    fixture.duration_ns = 1'234'567'890;
    run.fixtures = {fixture};
    std::string xml = render_junit(run);
    BOOST_TEST(xml.find("    <testcase classname=\"a.b\" name=\"n\" time=\"1.234\"/>\n") !=
               std::string::npos);
    BOOST_TEST(xml.find("<testsuite name=\"meilisearch\" tests=\"1\" failures=\"0\" errors=\"0\" "
                        "skipped=\"0\" time=\"1.234\" timestamp=\"\">") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
