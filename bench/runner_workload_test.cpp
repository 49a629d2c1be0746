// The runner benchmark's workload and fast target: the fixture it generates loads and passes
// against runner_fast_target through the real runner, a wrong expectation fails there (so the
// benchmark measures steps that check something), and the Newman collection asks the same.
#include "bench/runner_workload.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "bench/runner_fast_target_body.hpp"
#include "conformance/fixture_loader.hpp"
#include "conformance/runner.hpp"

namespace {

using namespace taskcheck::bench;
using namespace taskcheck::conformance;

RunnerWorkload workload_of(std::size_t steps, std::string expected_body = kRunnerTargetBody) {
    RunnerWorkload workload;
    workload.steps = steps;
    workload.expected_body = std::move(expected_body);
    return workload;
}

// Runs the workload's fixture with the real runner against a spawned runner_fast_target.
RunResult run_against_fast_target(const RunnerWorkload& workload) {
    std::string file =
        "/tmp/taskcheck-runner-workload-test-" + std::to_string(::getpid()) + ".json";
    {
        std::ofstream out(file, std::ios::trunc);
        out << runner_fixture_json(workload).dump();
    }
    RunnerOptions options;
    options.paths = {file};
    options.spawn.command = std::string(RUNNER_TARGET_BINARY) + " --port {port} --seconds 60";
    RunResult result = run_conformance(options);
    std::remove(file.c_str());
    return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runner_workload)

BOOST_AUTO_TEST_CASE(fixture_has_one_exact_body_request_step_per_step) {
    std::vector<Fixture> fixtures =
        parse_fixtures(runner_fixture_json(workload_of(3)).dump(), "bench.json");
    BOOST_REQUIRE_EQUAL(fixtures.size(), 1u);
    BOOST_TEST(fixtures[0].name == "runner bench: 3 x GET /tasks/1");
    BOOST_REQUIRE_EQUAL(fixtures[0].steps.size(), 3u);
    const nlohmann::ordered_json step = runner_fixture_json(workload_of(3))["steps"][2];
    BOOST_TEST(step.dump() ==
               R"({"request":{"method":"GET","path":"/tasks/1"},"expect":{"status":200,"body":)" +
                   nlohmann::ordered_json::parse(kRunnerTargetBody).dump() + "}}");
}

BOOST_AUTO_TEST_CASE(fixture_passes_every_step_against_the_fast_target) {
    RunResult result = run_against_fast_target(workload_of(50));
    BOOST_REQUIRE_EQUAL(result.fixtures.size(), 1u);
    BOOST_TEST(result.fixtures[0].reason == "");
    BOOST_TEST(outcome_name(result.fixtures[0].outcome) == "passed");
    BOOST_TEST(result.fixtures[0].steps.size() == 50u);
    BOOST_TEST(result.fixtures[0].steps[49].exchange->response_body == kRunnerTargetBody);
}

BOOST_AUTO_TEST_CASE(a_wrong_expected_body_fails_against_the_fast_target) {
    std::string body = kRunnerTargetBody;
    body.replace(body.find("\"uid\":1"), 7, "\"uid\":2");
    RunResult result = run_against_fast_target(workload_of(5, body));
    BOOST_REQUIRE_EQUAL(result.fixtures.size(), 1u);
    BOOST_TEST(outcome_name(result.fixtures[0].outcome) == "failed");
    BOOST_TEST(result.fixtures[0].reason == "step 0 (GET /tasks/1): 1 difference");
    const Difference& difference = result.fixtures[0].steps[0].differences.at(0);
    BOOST_TEST(difference.pointer == "/uid");
    BOOST_TEST(difference.expected == "2");
    BOOST_TEST(difference.actual == "1");
}

BOOST_AUTO_TEST_CASE(post_steps_do_not_wait_for_delayed_acks) {
    // httplib sends a POST's headers and body in two writes; without TCP_NODELAY on the
    // client each such step waits ~40-50 ms for a delayed ACK (19 steps/s measured), so 20
    // steps would take >= 800 ms. With it they take ~1 ms each even on a loaded machine.
    RunnerWorkload post = workload_of(20);
    post.method = "POST";
    post.path = "/indexes/movies/documents";
    post.request_body = R"([{"id":1}])";
    RunResult result = run_against_fast_target(post);
    BOOST_REQUIRE_EQUAL(result.fixtures.size(), 1u);
    BOOST_TEST(outcome_name(result.fixtures[0].outcome) == "passed");
    BOOST_TEST(result.fixtures[0].steps[0].exchange->request_body == R"([{"id":1}])");
    BOOST_TEST(result.fixtures[0].duration_ns < 400'000'000);
}

BOOST_AUTO_TEST_CASE(newman_collection_asks_the_same_status_and_exact_body) {
    nlohmann::ordered_json collection = newman_collection_json(workload_of(4));
    BOOST_REQUIRE_EQUAL(collection["item"].size(), 4u);
    const nlohmann::ordered_json& item = collection["item"][3];
    BOOST_TEST(item["name"] == "step 3");
    BOOST_TEST(item["request"].dump() == R"({"method":"GET","url":"{{base}}/tasks/1"})");
    const nlohmann::ordered_json& exec = item["event"][0]["script"]["exec"];
    BOOST_TEST(item["event"][0]["listen"] == "test");
    BOOST_TEST(exec[0] == "pm.test('status', function () { pm.response.to.have.status(200); });");
    BOOST_TEST(exec[1] == "pm.test('body', function () { pm.expect(pm.response.json()).to.eql(" +
                              nlohmann::ordered_json::parse(kRunnerTargetBody).dump() + "); });");
}

BOOST_AUTO_TEST_CASE(newman_collection_sends_a_request_body_raw_as_json) {
    RunnerWorkload post = workload_of(1);
    post.method = "POST";
    post.request_body = R"([ {"id": 1} ])";
    BOOST_TEST(newman_collection_json(post)["item"][0]["request"].dump() ==
               R"({"method":"POST","url":"{{base}}/tasks/1",)"
               R"("header":[{"key":"Content-Type","value":"application/json"}],)"
               R"("body":{"mode":"raw","raw":"[{\"id\":1}]"}})");
}

BOOST_AUTO_TEST_CASE(problem_names_what_cannot_be_rendered) {
    BOOST_TEST(workload_of(0).problem() == "steps must be at least 1");
    BOOST_TEST(workload_of(1, "{nope").problem() == "expected_body is not JSON");
    RunnerWorkload relative = workload_of(1);
    relative.path = "tasks";
    BOOST_TEST(relative.problem() == "path \"tasks\" must start with /");
    RunnerWorkload bad_request = workload_of(1);
    bad_request.request_body = "[";
    BOOST_TEST(bad_request.problem() == "request_body is not JSON");
    BOOST_TEST(workload_of(1).problem() == "");
}

BOOST_AUTO_TEST_SUITE_END()
