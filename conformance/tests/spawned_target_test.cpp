// Spawned targets: readiness, kill/restart on the same data dir, pause/resume, a crash
// mid-fixture reported with exit status and stderr, a target that never gets ready, and the
// whole process group gone when the run ends. Uses taskcheck_fake_target (fake_target_main.cpp).
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>

#include "conformance/http_client.hpp"
#include "conformance/runner.hpp"
#include "conformance/tests/fake_server.hpp"
#include "conformance/tests/fake_spawn.hpp"
#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;
using namespace taskcheck::conformance::testing;

namespace {

using Clock = std::chrono::steady_clock;

RunResult run_spawned(const std::vector<std::string>& paths,
                      SpawnMode mode = SpawnMode::per_fixture, int jobs = 1) {
    RunnerOptions options;
    options.paths = paths;
    options.spawn = fake_spawn();
    options.spawn_mode = mode;
    options.jobs = jobs;
    options.steps.request_timeout_ms = 2000;
    return run_conformance(options);
}

std::string fixture(const std::string& name, const std::string& steps) {
    return R"({"name": ")" + name + R"(", "profile": "meilisearch", "steps": )" + steps + "}";
}

const char* const kEnqueue =
    R"({"request": {"method": "POST", "path": "/tasks"},
        "expect": {"status": 202, "body": {"taskUid": {"$capture": "t"}, "status": "enqueued"}}})";

// A killed process nobody has reaped yet (PID 1 in a container may never reap it).
bool is_zombie(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::size_t close = text.rfind(')');
    return close != std::string::npos && text.size() > close + 2 && text[close + 2] == 'Z';
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spawned_target)

BOOST_AUTO_TEST_CASE(restart_keeps_the_data_dir_and_port) {
    FixtureDir dir;
    std::string file = dir.write("r.json", fixture("restart", std::string("[") + kEnqueue + R"(,
        {"fault": "restart"},
        {"request": {"method": "GET", "path": "/tasks/{{t}}"},
         "expect": {"status": 200, "body": {"uid": {"$capture": "t"}, "status": "succeeded"}}},
        {"request": {"method": "POST", "path": "/tasks"}, "expect": {"body": {"$subset": {"taskUid": 1}}}}])"));
    RunResult result = run_spawned({file});
    const FixtureResult& f = result.fixtures.at(0);
    BOOST_TEST(f.reason == "");
    BOOST_TEST(outcome_name(f.outcome) == "passed");
    // Two starts, each announcing itself on stderr.
    BOOST_TEST(f.target_stderr_tail.find("listening") != std::string::npos);
    BOOST_TEST(result.exit_code() == 0);
}

BOOST_AUTO_TEST_CASE(kill_leaves_the_target_down_without_blaming_it) {
    FixtureDir dir;
    std::string file = dir.write("k.json", fixture("kill", R"([{"fault": "kill"},
        {"request": {"method": "GET", "path": "/health", "timeout_ms": 500}}])"));
    RunResult result = run_spawned({file});
    const FixtureResult& f = result.fixtures.at(0);
    BOOST_TEST(outcome_name(f.steps.at(0).outcome) == "passed");
    BOOST_TEST(f.steps.at(1).message == "cannot connect");
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(pause_stops_answers_and_resume_brings_them_back) {
    SpawnedTarget target(fake_spawn());
    HttpClient client(target.host(), target.port());
    BOOST_TEST(!target.inject(FaultKind::pause));
    auto start = Clock::now();
    HttpResponse paused = client.send("GET", "/health", {}, "", "", 300);
    BOOST_TEST(paused.status == 0);
    BOOST_TEST(paused.error == "no response within 300 ms");
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count() <
               1000);
    BOOST_TEST(!target.inject(FaultKind::resume));
    client.reset();
    BOOST_TEST(client.send("GET", "/health", {}, "", "", 2000).status == 200);
    BOOST_TEST(!target.unexpected_exit());
}

BOOST_AUTO_TEST_CASE(crash_mid_fixture_reports_exit_status_and_stderr) {
    FixtureDir dir;
    std::string file = dir.write("c.json", fixture("crash", std::string("[") + kEnqueue + R"(,
        {"request": {"method": "GET", "path": "/crash"}},
        {"request": {"method": "GET", "path": "/tasks/{{t}}"}}])"));
    RunResult result = run_spawned({file});
    const FixtureResult& f = result.fixtures.at(0);
    BOOST_TEST(outcome_name(f.outcome) == "failed");
    BOOST_TEST(f.steps.at(1).message.starts_with(
        "target exited with status 3 during this step; last stderr lines:\n"
        "fake_target: listening on "));
    BOOST_TEST(f.steps.at(1).message.ends_with("\nfatal: crash requested"));
    BOOST_TEST(f.steps.at(2).message == "not run: the target is down");
    BOOST_TEST(f.target_stderr_tail.ends_with("fatal: crash requested"));
    BOOST_TEST(result.exit_code() == 1);
}

BOOST_AUTO_TEST_CASE(target_that_never_gets_ready_is_a_run_error_within_its_deadline) {
    FixtureDir dir;
    std::string file = dir.write("a.json", fixture("a", R"([{"sleep_ms": 1}])"));
    RunnerOptions options;
    options.paths = {file};
    options.spawn.command = "sleep 30";
    options.spawn.ready_timeout_ms = 300;
    auto start = Clock::now();
    RunResult result = run_conformance(options);
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count() <
               2000);
    BOOST_TEST(result.fixtures.at(0).reason ==
               "target-start: `sleep 30`: not ready after 300 ms (GET / got no response below "
               "500); it wrote nothing to stderr");
    BOOST_TEST(result.exit_code() == 2);
}

BOOST_AUTO_TEST_CASE(target_that_exits_at_once_names_status_and_stderr) {
    SpawnOptions spawn;
    spawn.command = "echo boom >&2; exit 4";
    try {
        SpawnedTarget target(spawn);
        BOOST_FAIL("started");
    } catch (const taskcheck::InputError& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "target-start: `echo boom >&2; exit 4`: target exited with status 4 before it "
                   "was ready; last stderr lines:\nboom");
    }
}

BOOST_AUTO_TEST_CASE(whole_process_group_is_killed_when_the_target_goes) {
    FixtureDir dir;
    std::string pid_file = dir.path() + "/grandchild.pid";
    SpawnOptions spawn = fake_spawn();
    spawn.command = "sleep 300 & echo $! > " + pid_file + "; exec " + kFake + " {port} {data_dir}";
    std::string data_dir;
    {
        SpawnedTarget target(spawn);
        data_dir = target.data_dir();
        BOOST_TEST(boost::filesystem::is_directory(data_dir));
    }
    pid_t grandchild = 0;
    std::ifstream(pid_file) >> grandchild;
    BOOST_REQUIRE(grandchild > 0);
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
        gone = ::kill(grandchild, 0) != 0 || is_zombie(grandchild);
        if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    BOOST_TEST(gone);
    BOOST_TEST(!boost::filesystem::exists(data_dir));
}

BOOST_AUTO_TEST_CASE(parallel_spawned_targets_each_get_their_own_port_and_data_dir) {
    FixtureDir dir;
    // Each fixture's first task must get uid 0: a shared data dir would hand out 1, 2, ...
    for (char c = 'a'; c <= 'd'; ++c) {
        dir.write(std::string(1, c) + ".json",
                  fixture(std::string(1, c), R"([{"request": {"method": "POST", "path": "/tasks"},
                          "expect": {"body": {"taskUid": 0, "status": "enqueued"}}}])"));
    }
    RunResult result = run_spawned({dir.path()}, SpawnMode::per_fixture, 2);
    BOOST_TEST(result.summary().passed == 4);
    RunResult shared = run_spawned({dir.path()}, SpawnMode::once, 1);
    BOOST_TEST(shared.summary().passed == 1);
    BOOST_TEST(shared.summary().failed == 3);
}

BOOST_AUTO_TEST_SUITE_END()
