// The JSON report is for tools, so besides the golden file the tests read it back as JSON and
// check that nothing was dropped: timings, poll states, captures, exchanges, provenance.
#include "reports/json_report.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "reports/tests/golden_file.hpp"
#include "reports/tests/sample_run.hpp"

using namespace taskcheck::reports;
using nlohmann::json;

BOOST_AUTO_TEST_SUITE(json_report)

BOOST_AUTO_TEST_CASE(sample_run_matches_golden) {
    test::check_golden("sample.json", render_json(test::sample_run()));
}

BOOST_AUTO_TEST_CASE(report_parses_back_with_everything_in_it) {
    json report = json::parse(render_json(test::sample_run()));
    BOOST_TEST(report["format"] == "taskcheck-run/1");
    BOOST_TEST(report["exit_code"] == 2);
    BOOST_TEST(report["summary"].dump() ==
               R"({"errors":1,"failed":1,"known_failures":1,"passed":1,"skipped":1,)"
               R"("unexpected_passes":1})");
    const json& passed = report["fixtures"][0];
    BOOST_TEST(passed["duration_ns"] == 44'900'000);
    BOOST_TEST(passed["steps"][1]["poll_states"].dump() ==
               R"(["enqueued","processing","succeeded"])");
    BOOST_TEST(passed["captures"].dump() == R"({"index":"movies","t":0})");
    BOOST_TEST(passed["provenance"]["quote"] ==
               "taskUid: the unique sequential identifier of the task");
    BOOST_TEST(passed["steps"][0]["exchange"]["status"] == 202);
    const json& failed = report["fixtures"][1];
    BOOST_TEST(failed["steps"][1]["differences"].size() == 5u);
    BOOST_TEST(failed["steps"][1]["differences"][1].dump() ==
               R"x({"actual":"1","expected":"(missing)","note":"unexpected key",)x"
               R"x("pointer":"/details/extra"})x");
    BOOST_TEST(failed["steps"][0]["exchange"].is_null());
}

BOOST_AUTO_TEST_CASE(control_characters_survive_and_bad_bytes_are_named) {
    json report = json::parse(render_json(test::sample_run()));
    std::string name = report["fixtures"][3]["name"];
    BOOST_TEST(name.find(std::string("nul:\0:", 6)) != std::string::npos);
    BOOST_TEST(name.find("esc:\x1b[31m:") != std::string::npos);
    BOOST_TEST(name.find("bad:\\xff\\xfe:") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
