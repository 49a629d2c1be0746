// The console is what a person watching a run reads; its last line is what CI greps. The golden
// files pin the whole text, with and without colour.
#include "reports/console_report.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdio>

#include "reports/closing_line.hpp"
#include "reports/tests/golden_file.hpp"
#include "reports/tests/sample_run.hpp"
#include "reports/tests/scratch_dir.hpp"

using namespace taskcheck::reports;
using taskcheck::conformance::FixtureResult;
using taskcheck::conformance::Outcome;
using taskcheck::conformance::RunResult;

BOOST_AUTO_TEST_SUITE(console_report)

BOOST_AUTO_TEST_CASE(sample_run_matches_golden) {
    test::check_golden("sample.console.txt", render_console(test::sample_run(), {}));
}

BOOST_AUTO_TEST_CASE(sample_run_in_colour_matches_golden) {
    test::check_golden("sample.console-colour.txt",
                       render_console(test::sample_run(), ConsoleOptions{true}));
}

BOOST_AUTO_TEST_CASE(closing_line_is_last_and_alone_even_in_colour) {
    for (bool colour : {false, true}) {
        std::string text = render_console(test::sample_run(), ConsoleOptions{colour});
        const std::string last = "\n1 passed, 3 failed, 2 skipped\n";
        BOOST_REQUIRE(text.size() >= last.size());
        BOOST_TEST(text.substr(text.size() - last.size()) == last);
    }
}

BOOST_AUTO_TEST_CASE(output_has_no_raw_control_characters_without_colour) {
    std::string text = render_console(test::sample_run(), {});
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        BOOST_TEST((byte >= 0x20 || c == '\n'), "control byte " << int(byte));
        BOOST_TEST(byte != 0x7f);
    }
}

BOOST_AUTO_TEST_CASE(an_all_passing_run_prints_only_progress_and_the_closing_line) {
    RunResult run;
    FixtureResult fixture;
    fixture.name = "create an index";
    fixture.file = "a.json";
    fixture.duration_ns = 12'345'678;
    run.fixtures = {fixture, fixture};
    BOOST_TEST(render_console(run, {}) ==
               "[1/2] PASS  create an index (a.json) 12 ms\n"
               "[2/2] PASS  create an index (a.json) 12 ms\n"
               "2 passed, 0 failed, 0 skipped\n");
}

BOOST_AUTO_TEST_CASE(progress_pads_the_count_and_accepts_an_unknown_total) {
    FixtureResult fixture;
    fixture.name = "n";
    fixture.file = "f.json";
    fixture.outcome = Outcome::skipped;
    fixture.reason = "version 1.0 is outside >=1.1";
    BOOST_TEST(progress_line(fixture, 3, 12, {}) ==
               "[ 3/12] SKIP  n (f.json): version 1.0 is outside >=1.1\n");
    BOOST_TEST(progress_line(fixture, 3, 0, {}) ==
               "[3] SKIP  n (f.json): version 1.0 is outside >=1.1\n");
}

BOOST_AUTO_TEST_CASE(console_progress_numbers_lines_as_fixtures_finish) {
    test::ScratchDir dir;
    std::FILE* out = std::fopen((dir.path() / "out.txt").c_str(), "w");
    BOOST_REQUIRE(out != nullptr);
    FixtureResult first, second;
    first.name = "first";
    first.file = "1.json";
    second.name = "second";
    second.file = "2.json";
    second.outcome = Outcome::failed;
    second.duration_ns = 2'000'000;
    FixtureCallback progress = console_progress(out, 2, {});
    progress(second);
    progress(first);
    std::fclose(out);
    BOOST_TEST(test::read_file(dir.path() / "out.txt") ==
               "[1/2] FAIL  second (2.json) 2 ms\n[2/2] PASS  first (1.json) 0 us\n");
}

BOOST_AUTO_TEST_CASE(closing_counts_fold_six_outcomes_into_three) {
    taskcheck::conformance::RunSummary summary{4, 3, 2, 1, 5, 6};
    BOOST_TEST(closing_line(summary) == "4 passed, 10 failed, 7 skipped");
    BOOST_TEST(breakdown_line(summary) == "1 error, 5 known failures, 6 unexpected passes");
    BOOST_TEST(breakdown_line({1, 1, 1, 0, 0, 0}) == "");
}

BOOST_AUTO_TEST_SUITE_END()
