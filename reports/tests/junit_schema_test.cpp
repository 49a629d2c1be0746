// CI tools reject or silently drop JUnit files they cannot read. This validates our output with
// xmllint against the Jenkins JUnit schema (junit.xsd beside this file), and shows the check can
// fail by feeding it a file the schema forbids. Needs `xmllint` (Debian libxml2-utils, installed
// by scripts/install-deps.sh); the test installs nothing.
#include <boost/test/unit_test.hpp>

#include "reports/junit_report.hpp"
#include "reports/tests/sample_run.hpp"
#include "reports/tests/scratch_dir.hpp"
#include "reports/tests/shell_command.hpp"

using namespace taskcheck::reports;
using test::shell_quote;

namespace {

test::ShellOutput validate(const std::filesystem::path& xml) {
    return test::run_shell("xmllint --noout --schema " + shell_quote(TASKCHECK_JUNIT_XSD) + " " +
                           shell_quote(xml.string()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(junit_schema)

BOOST_AUTO_TEST_CASE(xmllint_is_installed) {
    test::ShellOutput version = test::run_shell("xmllint --version");
    BOOST_TEST(version.exit_status == 0,
               "xmllint missing (apt-get install libxml2-utils): " << version.output);
}

BOOST_AUTO_TEST_CASE(sample_report_validates_against_the_schema) {
    test::ScratchDir dir;
    auto xml = dir.write("junit.xml", render_junit(test::sample_run()));
    test::ShellOutput result = validate(xml);
    BOOST_TEST(result.exit_status == 0, result.output);
    BOOST_TEST(result.output.find("validates") != std::string::npos, result.output);
}

BOOST_AUTO_TEST_CASE(every_byte_value_in_a_body_still_gives_well_formed_xml) {
    std::string all_bytes;
    for (int c = 0; c < 256; ++c)
        all_bytes += static_cast<char>(c);
    taskcheck::conformance::RunResult run = test::sample_run();
    run.fixtures[1].steps[1].differences[0].actual = all_bytes;
    run.fixtures[3].target_stderr_tail = all_bytes;
    run.fixtures[3].name = all_bytes;
    test::ScratchDir dir;
    test::ShellOutput result = validate(dir.write("junit.xml", render_junit(run)));
    BOOST_TEST(result.exit_status == 0, result.output);
}

BOOST_AUTO_TEST_CASE(the_check_fires_on_a_file_the_schema_forbids) {
    // A <testcase> without its required name, and a <skipped> after a <failure>.
    test::ScratchDir dir;
    auto xml = dir.write("bad.xml",
                         "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"s\" tests=\"1\">"
                         "<testcase classname=\"c\"><failure/><skipped/></testcase>"
                         "</testsuite></testsuites>\n");
    test::ShellOutput result = validate(xml);
    BOOST_TEST(result.exit_status != 0);
    BOOST_TEST(result.output.find("The attribute 'name' is required") != std::string::npos,
               result.output);
}

BOOST_AUTO_TEST_SUITE_END()
