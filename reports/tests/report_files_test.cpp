// write_reports is the one place reports/ touches the file system: file names are part of the
// interface (CI configuration names them) and failures are InputErrors the CLI turns into exit 2.
#include "reports/report_files.hpp"

#include <boost/test/unit_test.hpp>

#include "model/common/input_error.hpp"
#include "reports/html_report.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_report.hpp"
#include "reports/markdown_report.hpp"
#include "reports/tests/sample_run.hpp"
#include "reports/tests/scratch_dir.hpp"

using namespace taskcheck::reports;

BOOST_AUTO_TEST_SUITE(report_files)

BOOST_AUTO_TEST_CASE(every_format_is_written_under_its_fixed_name) {
    test::ScratchDir dir;
    auto run = test::sample_run();
    auto written = write_reports(dir.path() / "out" / "nested", run,
                                 {ReportFormat::junit, ReportFormat::json, ReportFormat::markdown,
                                  ReportFormat::html, ReportFormat::json});
    BOOST_REQUIRE(written.size() == 4u);
    auto out = dir.path() / "out" / "nested";
    BOOST_TEST(written[0] == out / "junit.xml");
    BOOST_TEST(written[3] == out / "report.html");
    BOOST_TEST(test::read_file(out / "junit.xml") == render_junit(run));
    BOOST_TEST(test::read_file(out / "report.json") == render_json(run));
    BOOST_TEST(test::read_file(out / "report.md") == render_markdown(run));
    BOOST_TEST(test::read_file(out / "report.html") == render_html(run));
}

BOOST_AUTO_TEST_CASE(format_names_parse_back) {
    for (ReportFormat format :
         {ReportFormat::junit, ReportFormat::json, ReportFormat::markdown, ReportFormat::html}) {
        BOOST_TEST((parse_report_format(format_name(format)) == format));
    }
    BOOST_TEST((parse_report_format("md") == ReportFormat::markdown));
    BOOST_TEST(!parse_report_format("xml").has_value());
}

BOOST_AUTO_TEST_CASE(an_unwritable_directory_is_an_input_error) {
    test::ScratchDir dir;
    auto blocker = dir.write("file", "not a directory");
    try {
        write_reports(blocker / "reports", test::sample_run(), {ReportFormat::json});
        BOOST_ERROR("no InputError");
    } catch (const taskcheck::InputError& e) {
        BOOST_TEST(e.id() == "report-dir-failed");
        BOOST_TEST(std::string(e.what()) ==
                   "report-dir-failed: " + (blocker / "reports").string() +
                       ": cannot create the report directory: Not a directory; choose a "
                       "writable --report-dir");
    }
}

BOOST_AUTO_TEST_SUITE_END()
