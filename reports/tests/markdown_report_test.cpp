// The Markdown report lands in a CI step summary: the golden file pins it, and the cases below
// check the parts that keep it small and unbreakable.
#include "reports/markdown_report.hpp"

#include <boost/test/unit_test.hpp>

#include "reports/tests/golden_file.hpp"
#include "reports/tests/sample_run.hpp"

using namespace taskcheck::reports;
using taskcheck::conformance::FixtureResult;
using taskcheck::conformance::Outcome;
using taskcheck::conformance::RunResult;

BOOST_AUTO_TEST_SUITE(markdown_report)

BOOST_AUTO_TEST_CASE(sample_run_matches_golden) {
    test::check_golden("sample.md", render_markdown(test::sample_run()));
}

BOOST_AUTO_TEST_CASE(passing_run_is_a_title_a_line_and_the_counts) {
    RunResult run;
    run.tool_version = "taskcheck 0.1.0";
    run.target = "http://localhost:1";
    run.fixtures.resize(2);
    BOOST_TEST(render_markdown(run) ==
               "## taskcheck conform: 2 passed, 0 failed, 0 skipped\n\n"
               "taskcheck 0.1.0 against http://localhost:1, took 0 us\n\n"
               "| outcome | fixtures |\n|---|---:|\n| passed | 2 |\n| failed | 0 |\n"
               "| skipped | 0 |\n| error | 0 |\n| known failure | 0 |\n"
               "| unexpected pass | 0 |\n");
}

BOOST_AUTO_TEST_CASE(diff_blocks_stop_at_the_cap_and_say_how_many_are_left_out) {
    RunResult run;
    FixtureResult failed;
    failed.outcome = Outcome::failed;
    failed.reason = "r";
    run.fixtures.assign(kMarkdownDiffsMax + 3, failed);
    std::string text = render_markdown(run);
    std::size_t blocks = 0;
    for (std::size_t at = text.find("#### failed"); at != std::string::npos;
         at = text.find("#### failed", at + 1)) {
        ++blocks;
    }
    BOOST_TEST(blocks == kMarkdownDiffsMax);
    BOOST_TEST(text.find("\n3 more failures are left out here; the JSON and HTML reports have "
                         "them all.\n") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
