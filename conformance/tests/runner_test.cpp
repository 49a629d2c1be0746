// Runner acceptance tests against a fake server that breaks one rule per test: each failure
// must be reported at its JSON Pointer with expected and actual, with the right exit code, and
// no deadline may be overrun.
#include "conformance/runner.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>

#include "conformance/tests/fake_server.hpp"

using namespace taskcheck::conformance;
using namespace taskcheck::conformance::testing;

namespace {

using Clock = std::chrono::steady_clock;

void json_reply(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    res.set_content(body, "application/json");
}

std::string fixture(const std::string& name, const std::string& steps,
                    const std::string& extra = "") {
    return R"({"name": ")" + name + R"(", "profile": "meilisearch", )" + extra + R"("steps": )" +
           steps + "}";
}

const char* const kGetTask =
    R"([{"request": {"method": "GET", "path": "/tasks/1"},
         "expect": {"status": 200, "body": {"uid": 1, "status": "succeeded"}}}])";

RunResult run(const std::string& url, const std::vector<std::string>& files,
              std::optional<Expectations> expectations = std::nullopt) {
    RunnerOptions options;
    options.paths = files;
    options.target_url = url;
    options.steps.request_timeout_ms = 2000;
    options.expectations = std::move(expectations);
    return run_conformance(options);
}

std::string render(const std::vector<Difference>& differences) {
    std::string out;
    for (const Difference& d : differences) {
        out += d.pointer + " expected " + d.expected + " actual " + d.actual;
        if (!d.note.empty()) out += " (" + d.note + ")";
        out += "\n";
    }
    return out;
}

// A poll fixture over GET /tasks/1 watching /status.
std::string poll_fixture(const std::string& extra_poll = "") {
    return fixture("poll", R"([{"poll": {"request": {"method": "GET", "path": "/tasks/1"},
        "at": "/status", "terminal": ["succeeded", "failed", "canceled"],
        "expect": "succeeded", "interval_ms": 1)" +
                               extra_poll + "}}]");
}

// Serves GET /tasks/1 with the given statuses in turn, repeating the last.
std::function<void(httplib::Server&)> statuses(std::vector<std::string> sequence) {
    auto calls = std::make_shared<std::atomic<std::size_t>>(0);
    return [=](httplib::Server& server) {
        server.Get("/tasks/1", [=](const httplib::Request&, httplib::Response& res) {
            std::size_t i = std::min((*calls)++, sequence.size() - 1);
            json_reply(res, 200, R"({"uid": 1, "status": ")" + sequence[i] + R"("})");
        });
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runner)

BOOST_AUTO_TEST_CASE(matching_fixture_passes_with_captures_and_interpolation) {
    FakeServer server([](httplib::Server& s) {
        s.Post("/tasks", [](const httplib::Request& req, httplib::Response& res) {
            json_reply(res, 202, R"({"taskUid": 7, "echo": )" + req.body + "}");
        });
        s.Get("/tasks/7", [](const httplib::Request&, httplib::Response& res) {
            json_reply(res, 200, R"({"uid": 7})");
        });
    });
    FixtureDir dir;
    std::string file = dir.write("ok.json", fixture("ok", R"([
        {"request": {"method": "POST", "path": "/tasks", "body": {"n": 1}},
         "expect": {"status": 202, "headers": {"CONTENT-TYPE": {"$regex": "^application/json"}},
                    "body": {"taskUid": {"$capture": "t"}, "echo": {"n": 1}}}},
        {"request": {"method": "GET", "path": "/tasks/{{t}}"},
         "expect": {"body": {"uid": {"$capture": "t"}}}}])"));
    RunResult result = run(server.url(), {file});
    BOOST_TEST(result.fixtures.at(0).reason == "");
    BOOST_TEST(outcome_name(result.fixtures.at(0).outcome) == "passed");
    BOOST_TEST(result.fixtures.at(0).captures.dump() == R"({"t":7})");
    BOOST_TEST(result.fixtures.at(0).steps.at(1).label == "GET /tasks/7");
    BOOST_TEST(result.exit_code() == 0);
}

BOOST_AUTO_TEST_CASE(wrong_value_and_extra_key_are_all_reported) {
    FakeServer server([](httplib::Server& s) {
        s.Get("/tasks/1", [](const httplib::Request&, httplib::Response& res) {
            json_reply(res, 200, R"({"uid": 1, "status": "failed", "error": null})");
        });
    });
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("a.json", fixture("a", kGetTask))});
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(render(step.differences) ==
               "/status expected \"succeeded\" actual \"failed\"\n"
               "/error expected (absent) actual null (unexpected key)\n");
    BOOST_TEST(step.message == "2 differences");
    BOOST_TEST(result.fixtures.at(0).reason == "step 0 (GET /tasks/1): 2 differences");
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(wrong_status_is_reported_at_status_pseudo_pointer) {
    FakeServer server([](httplib::Server& s) {
        s.Get("/tasks/1", [](const httplib::Request&, httplib::Response& res) {
            json_reply(res, 202, R"({"uid": 1, "status": "succeeded"})");
        });
    });
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("a.json", fixture("a", kGetTask))});
    BOOST_TEST(render(result.fixtures.at(0).steps.at(0).differences) ==
               "/$status expected 200 actual 202\n");
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(wrong_terminal_state_fails_fast_with_observed_states) {
    FakeServer server(statuses({"enqueued", "processing", "failed"}));
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("p.json", poll_fixture())});
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "reached terminal \"failed\", expected \"succeeded\"");
    BOOST_TEST(render(step.differences) ==
               "/status expected \"succeeded\" actual \"failed\" (wrong terminal state)\n");
    BOOST_TEST((step.poll_states == std::vector<std::string>{"enqueued", "processing", "failed"}));
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(status_moving_backwards_is_a_failure) {
    FakeServer server(statuses({"enqueued", "processing", "enqueued", "succeeded"}));
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("p.json", poll_fixture())});
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "status moved backwards from processing to enqueued");
    BOOST_TEST(render(step.differences) ==
               "/status expected \"succeeded\" actual \"enqueued\" (moved backwards from "
               "processing)\n");
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(poll_reaching_expected_terminal_passes) {
    FakeServer server(statuses({"enqueued", "enqueued", "processing", "succeeded"}));
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("p.json", poll_fixture())});
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "");
    BOOST_TEST(
        (step.poll_states == std::vector<std::string>{"enqueued", "processing", "succeeded"}));
    BOOST_TEST(result.exit_code() == 0);
}

BOOST_AUTO_TEST_CASE(poll_never_waits_past_its_deadline) {
    // The server answers "processing" for ever, and after two answers hangs for 1.5 s.
    auto calls = std::make_shared<std::atomic<int>>(0);
    FakeServer server([=](httplib::Server& s) {
        s.Get("/tasks/1", [=](const httplib::Request&, httplib::Response& res) {
            if ((*calls)++ >= 2) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            json_reply(res, 200, R"({"uid": 1, "status": "processing"})");
        });
    });
    FixtureDir dir;
    auto start = Clock::now();
    RunResult result =
        run(server.url(), {dir.write("p.json", poll_fixture(R"(, "deadline_ms": 300)"))});
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "deadline of 300 ms passed; last value processing");
    BOOST_TEST(render(step.differences) ==
               "/status expected \"succeeded\" actual processing (deadline passed)\n");
    BOOST_TEST(elapsed.count() < 1000);
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(request_hang_is_cut_at_its_timeout) {
    FakeServer server([](httplib::Server& s) {
        s.Get("/tasks/1", [](const httplib::Request&, httplib::Response& res) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            json_reply(res, 200, "{}");
        });
    });
    FixtureDir dir;
    auto start = Clock::now();
    RunResult result = run(server.url(), {dir.write("h.json", fixture("h", R"([
        {"request": {"method": "GET", "path": "/tasks/1", "timeout_ms": 200},
         "expect": {"status": 200}}])"))});
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "no response within 200 ms");
    BOOST_TEST(render(step.differences) ==
               "/$status expected 200 actual (no response) (no response within 200 ms)\n");
    BOOST_TEST(elapsed.count() < 1000);
    BOOST_TEST(result.exit_code() == 1);
}

// Issue 12: httplib's timeouts are per read, so a target sending one byte every 0.5 s held a
// 1 s request for the ~20 s its response took. The deadline is for the whole response.
BOOST_AUTO_TEST_CASE(request_timeout_covers_a_trickled_response) {
    TrickleServer server;
    FixtureDir dir;
    RunnerOptions options;
    options.paths = {dir.write("t.json", fixture("t", R"([
        {"request": {"method": "GET", "path": "/tasks/1"}, "expect": {"status": 200}}])"))};
    options.target_url = server.url();
    options.steps.request_timeout_ms = 1000;
    auto start = Clock::now();
    RunResult result = run_conformance(options);
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "no response within 1000 ms");
    BOOST_TEST(elapsed.count() >= 1000);
    BOOST_TEST(elapsed.count() < 1000 + 1500);
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(poll_deadline_holds_against_a_trickled_response) {
    TrickleServer server;
    FixtureDir dir;
    auto start = Clock::now();
    RunResult result =
        run(server.url(), {dir.write("p.json", poll_fixture(R"(, "deadline_ms": 1000)"))});
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "deadline of 1000 ms passed; last value (none)");
    BOOST_TEST(elapsed.count() >= 900);  // a request cut within kSlack of it is the deadline
    BOOST_TEST(elapsed.count() < 1000 + 1500);
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(garbage_bytes_are_a_failure_not_a_crash) {
    GarbageServer server;
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("a.json", fixture("a", kGetTask))});
    const StepResult& step = result.fixtures.at(0).steps.at(0);
    BOOST_TEST(step.message == "connection closed or unreadable response");
    BOOST_TEST(outcome_name(step.outcome) == "failed");
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(body_that_is_not_json_is_a_difference_at_the_root) {
    FakeServer server([](httplib::Server& s) {
        s.Get("/tasks/1", [](const httplib::Request&, httplib::Response& res) {
            json_reply(res, 200, "\xff\xfe{oops");
        });
    });
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("a.json", fixture("a", kGetTask))});
    BOOST_TEST(render(result.fixtures.at(0).steps.at(0).differences) ==
               " expected {\"uid\":1,\"status\":\"succeeded\"} actual (not JSON) "
               "\"\xEF\xBF\xBD\xEF\xBF\xBD{oops\" (body is not JSON)\n");
    BOOST_TEST(result.exit_code() == 1);
}

// A body nested past kJsonDepthMax is a difference, not a stack overflow in the matcher, the
// capture or a report that dumps it.
BOOST_AUTO_TEST_CASE(response_nested_past_the_limit_is_a_difference_not_a_crash) {
    std::string deep;
    for (int i = 0; i < 100000; ++i)
        deep += "{\"a\":";
    deep += "1" + std::string(100000, '}');
    FakeServer server([=](httplib::Server& s) {
        s.Get("/tasks/1",
              [=](const httplib::Request&, httplib::Response& res) { json_reply(res, 200, deep); });
    });
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.write("a.json", fixture("a", R"([
        {"request": {"method": "GET", "path": "/tasks/1"}, "expect": {"body": {"a": 1}},
         "capture": {"v": "/a"}}])"))});
    std::string pointer;
    for (int i = 0; i < 128; ++i)
        pointer += "/a";
    BOOST_TEST(render(result.fixtures.at(0).steps.at(0).differences) ==
               " expected {\"a\":1} actual (JSON nested deeper than 128 arrays/objects at " +
                   pointer.substr(0, 200) + ") (body nests too deep)\n" +
                   "/a expected (a value to capture as v) actual (JSON nested deeper than 128 "
                   "arrays/objects at " +
                   pointer.substr(0, 200) + ") (capture v found nothing)\n");
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(later_steps_are_skipped_but_teardown_runs) {
    auto deletes = std::make_shared<std::atomic<int>>(0);
    FakeServer server([=](httplib::Server& s) {
        s.Get("/tasks/1",
              [](const httplib::Request&, httplib::Response& res) { json_reply(res, 404, "{}"); });
        s.Delete("/tasks", [=](const httplib::Request&, httplib::Response& res) {
            ++*deletes;
            json_reply(res, 200, "{}");
        });
    });
    FixtureDir dir;
    RunResult result = run(
        server.url(),
        {dir.write(
            "a.json",
            fixture("a", R"([
        {"request": {"method": "GET", "path": "/tasks/1"}, "expect": {"status": 200}},
        {"request": {"method": "GET", "path": "/tasks/1"}}])",
                    R"("teardown": [{"request": {"method": "DELETE", "path": "/tasks"}}], )"))});
    const FixtureResult& f = result.fixtures.at(0);
    BOOST_TEST(outcome_name(f.steps.at(1).outcome) == "skipped");
    BOOST_TEST(f.steps.at(1).message == "not run: an earlier step failed");
    BOOST_TEST(f.steps.at(2).phase == "teardown");
    BOOST_TEST(outcome_name(f.steps.at(2).outcome) == "passed");
    BOOST_TEST(*deletes == 1);
}

BOOST_AUTO_TEST_CASE(malformed_fixture_is_an_error_and_others_still_run) {
    FakeServer server(statuses({"succeeded"}));
    FixtureDir dir;
    dir.write("a_bad.json", R"({"name": "bad", "profile": "meilisearch", "steps": [{}]})");
    dir.write("b_ok.json", poll_fixture());
    RunResult result = run(server.url(), {dir.path()});
    BOOST_REQUIRE(result.fixtures.size() == 2u);
    BOOST_TEST(outcome_name(result.fixtures[0].outcome) == "error");
    BOOST_TEST(result.fixtures[0].reason ==
               "fixture-invalid: " + dir.path() +
                   "/a_bad.json:1 /steps/0: a step has exactly "
                   "one of \"request\", \"poll\", \"fault\", \"sleep_ms\" or (alone) \"capture\"; "
                   "split it into several steps");
    BOOST_TEST(outcome_name(result.fixtures[1].outcome) == "passed");
    BOOST_TEST(result.exit_code() == 2);
}

BOOST_AUTO_TEST_CASE(fault_fixture_is_skipped_against_a_url_and_selection_skips_with_reason) {
    FakeServer server(statuses({"succeeded"}));
    FixtureDir dir;
    dir.write("a.json", fixture("faulty", R"([{"fault": "kill"}])"));
    dir.write("b.json", fixture("new", kGetTask, R"("versions": ">=1.12", )"));
    RunnerOptions options;
    options.paths = {dir.path()};
    options.target_url = server.url();
    options.selection.version = "1.1";
    options.selection.allow_empty = true;
    RunResult result = run_conformance(options);
    BOOST_TEST(result.fixtures.at(0).reason ==
               "uses fault steps, which need a spawned target (--spawn), not a URL");
    BOOST_TEST(result.fixtures.at(1).reason == "versions >=1.12 does not include 1.1");
    BOOST_TEST(result.summary().skipped == 2);
    BOOST_TEST(result.run_errors.empty());
    BOOST_TEST(result.exit_code() == 0);
}

// Issue 12: a tag typo selected nothing and the run passed, having checked nothing.
BOOST_AUTO_TEST_CASE(a_run_that_selects_no_fixture_is_a_run_error_unless_allowed) {
    FakeServer server(statuses({"succeeded"}));
    FixtureDir dir;
    dir.write("a.json", fixture("a", kGetTask, R"("tags": ["cancel"], )"));
    RunnerOptions options;
    options.paths = {dir.path()};
    options.target_url = server.url();
    options.selection.tags = {"cancle"};
    RunResult result = run_conformance(options);
    BOOST_TEST(result.summary().skipped == 1);
    BOOST_TEST(result.run_errors ==
                   std::vector<std::string>{
                       "no-fixtures: none of the 1 fixtures was selected (each is reported "
                       "skipped with its reason); check --profile, --version, --tags, "
                       "--exclude-tags and --filter, or pass --allow-empty if an empty run is "
                       "fine"},
               boost::test_tools::per_element());
    BOOST_TEST(result.exit_code() == 2);
    options.selection.allow_empty = true;
    BOOST_TEST(run_conformance(options).exit_code() == 0);
}

BOOST_AUTO_TEST_CASE(an_empty_directory_is_a_run_error) {
    FakeServer server(statuses({"succeeded"}));
    FixtureDir dir;
    RunResult result = run(server.url(), {dir.path()});
    BOOST_TEST(
        result.run_errors ==
            std::vector<std::string>{"no-fixtures: no *.json fixture file under " + dir.path() +
                                     "; check the paths, or pass --allow-empty if an "
                                     "empty run is fine"},
        boost::test_tools::per_element());
    BOOST_TEST(result.exit_code() == 2);
}

// Issue 12: a --target nobody listens on was counted as conformance failures (exit 1). The
// port is bound but not listening, so a connect is refused and no other process can take it.
BOOST_AUTO_TEST_CASE(an_unreachable_target_is_a_run_error_and_nothing_runs) {
    ClosedPort closed;
    FixtureDir dir;
    RunResult result = run(closed.url(), {dir.write("a.json", fixture("a", kGetTask))});
    BOOST_TEST(result.run_errors ==
                   std::vector<std::string>{
                       "target-unreachable: " + closed.url() +
                       ": cannot connect to 127.0.0.1:" + std::to_string(closed.port()) +
                       " (Connection refused); start the target or fix "
                       "--target"},
               boost::test_tools::per_element());
    BOOST_TEST(result.fixtures.at(0).reason == "not run: the target is unreachable");
    BOOST_TEST(result.exit_code() == 2);
}

BOOST_AUTO_TEST_CASE(a_target_url_with_a_path_prefix_prefixes_every_request) {
    FakeServer server([](httplib::Server& s) {
        s.Get("/search/tasks/1", [](const httplib::Request&, httplib::Response& res) {
            json_reply(res, 200, R"({"uid": 1, "status": "succeeded"})");
        });
    });
    FixtureDir dir;
    RunResult result =
        run(server.url() + "/search/", {dir.write("a.json", fixture("a", kGetTask))});
    BOOST_TEST(result.summary().passed == 1);
    BOOST_TEST(result.fixtures.at(0).steps.at(0).exchange->path == "/tasks/1");
}

BOOST_AUTO_TEST_CASE(known_failure_is_accepted_and_unexpected_pass_fails_the_run) {
    FakeServer server(statuses({"failed"}));
    FixtureDir dir;
    dir.write("a.json", fixture("fails", kGetTask));
    dir.write("b.json", fixture("passes", R"([{"request": {"method": "GET", "path": "/tasks/1"},
                                              "expect": {"status": 200}}])"));
    Expectations expectations = parse_expectations(
        R"({"known_failures": [{"fixture": "fails", "reason": "issue 12"},
                                {"fixture": "passes", "reason": "was broken"}]})",
        "expect.json");
    RunResult result = run(server.url(), {dir.path()}, expectations);
    BOOST_TEST(outcome_name(result.fixtures.at(0).outcome) == "known_failure");
    BOOST_TEST(outcome_name(result.fixtures.at(1).outcome) == "unexpected_pass");
    BOOST_TEST(result.fixtures.at(1).reason == "listed as a known failure (was broken) but passed");
    BOOST_TEST(result.exit_code() == 1);
    BOOST_TEST(render_expectations(expectations_from_run(result, expectations)) ==
               "{\n  \"known_failures\": [\n    {\n      \"fixture\": \"fails\",\n      "
               "\"reason\": \"issue 12\"\n    }\n  ]\n}\n");
}

BOOST_AUTO_TEST_CASE(parallel_workers_keep_fixture_order) {
    FakeServer server(statuses({"succeeded"}));
    FixtureDir dir;
    for (char c = 'a'; c <= 'f'; ++c) {
        dir.write(std::string(1, c) + ".json", fixture(std::string(1, c), kGetTask));
    }
    RunnerOptions options;
    options.paths = {dir.path()};
    options.target_url = server.url();
    options.jobs = 3;
    RunResult result = run_conformance(options);
    std::string names;
    for (const FixtureResult& f : result.fixtures)
        names += f.name;
    BOOST_TEST(names == "abcdef");
    BOOST_TEST(result.summary().passed == 6);
}

BOOST_AUTO_TEST_SUITE_END()
