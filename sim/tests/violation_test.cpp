// The verdict block: exact text for a pass, a safety failure and a liveness failure.
#include "sim/violation.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck;
using namespace taskcheck::sim;

namespace {

Violation status_went_back() {
    return Violation{"check_status_monotonic",
                     72'004'000'000,
                     "meili-0",
                     18231,
                     "",
                     "",
                     "task=77: status went from \"succeeded\" back to \"processing\""};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verdict)

BOOST_AUTO_TEST_CASE(a_pass_is_one_line_with_seed_events_and_hash) {
    Verdict verdict;
    verdict.profile = "meilisearch";
    verdict.seed = 8471923;
    verdict.events = 18231;
    verdict.trace_hash = 0x00c0ffee00c0ffeeULL;
    BOOST_TEST(render_verdict(verdict) ==
               "PASSED seed=8471923 events=18231 trace_hash=00c0ffee00c0ffee\n");
}

BOOST_AUTO_TEST_CASE(a_safety_failure_names_time_node_event_and_replay) {
    Verdict verdict;
    verdict.profile = "meilisearch";
    verdict.seed = 8471923;
    verdict.violation = status_went_back();
    verdict.scenario_path = "out/seed-8471923.scenario.json";
    verdict.minimal_path = "out/seed-8471923.min.scenario.json";
    BOOST_TEST(render_verdict(verdict) ==
               "FAILED safety: check_status_monotonic\n"
               "  t=00:01:12.004 node=meili-0 event=#18231 task=77: status went from "
               "\"succeeded\" back to \"processing\"\n"
               "  seed=8471923  reproduce: taskcheck replay out/seed-8471923.scenario.json\n"
               "  minimal: out/seed-8471923.min.scenario.json\n");
}

BOOST_AUTO_TEST_CASE(a_liveness_failure_without_files_reproduces_by_seed) {
    Verdict verdict;
    verdict.profile = "elasticsearch";
    verdict.seed = 5;
    verdict.failure_class = FailureClass::liveness;
    verdict.violation = Violation{"converges",
                                  seconds(130),
                                  "",
                                  900,
                                  "every task terminal",
                                  "task n1:4 running",
                                  "after the liveness bound"};
    BOOST_TEST(render_verdict(verdict) ==
               "FAILED liveness: converges\n"
               "  t=00:02:10.000 node=- event=#900 after the liveness bound\n"
               "  expected: every task terminal  found: task n1:4 running\n"
               "  seed=5  reproduce: taskcheck sim --profile elasticsearch --seed 5\n");
}

BOOST_AUTO_TEST_CASE(violations_serialize_in_a_fixed_key_order) {
    const nlohmann::ordered_json json = status_went_back();
    BOOST_TEST(json.dump() ==
               R"({"invariant":"check_status_monotonic","time_ns":72004000000,"node":"meili-0",)"
               R"("event_index":18231,"expected":"","found":"",)"
               R"("detail":"task=77: status went from \"succeeded\" back to \"processing\""})");
}

BOOST_AUTO_TEST_SUITE_END()
