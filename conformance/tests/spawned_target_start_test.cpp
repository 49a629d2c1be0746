// Spawned target start-up (issue 12): a taken port is retried on a new one and each try is
// reported; other early exits are not retried; data dirs are atomically unique and an existing
// directory is never removed; a target that leaves its process group (setsid) does not hang the
// runner and is killed; --ready-pattern reads the port a target chose itself. Uses
// taskcheck_fake_target (fake_target_main.cpp) and `taskcheck serve`.
#include <signal.h>

#include <boost/filesystem.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "conformance/runner.hpp"
#include "conformance/tests/fake_server.hpp"
#include "conformance/tests/fake_spawn.hpp"
#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;
using namespace taskcheck::conformance::testing;

namespace {

using Clock = std::chrono::steady_clock;

std::string fixture(const std::string& name, const std::string& steps) {
    return R"({"name": ")" + name + R"(", "profile": "meilisearch", "steps": )" + steps + "}";
}

bool is_zombie(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::size_t close = text.rfind(')');
    return close != std::string::npos && text.size() > close + 2 && text[close + 2] == 'Z';
}

// A spawn command that fails `failures` times as if its port were taken, then starts the fake.
std::string flaky_bind_command(const FixtureDir& dir, int failures) {
    std::string counter = dir.path() + "/starts";
    return "n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n+1)) > " + counter +
           "; if [ $n -lt " + std::to_string(failures) +
           " ]; then echo 'bind: Address already in use' >&2; exit 1; fi; exec " + kFake +
           " {port} {data_dir}";
}

std::string start_error(const SpawnOptions& spawn, std::vector<StartAttempt>* attempts) {
    try {
        SpawnedTarget target(spawn);
    } catch (const TargetStartError& e) {
        *attempts = e.attempts();
        return e.what();
    }
    return "(started)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spawned_target_start)

BOOST_AUTO_TEST_CASE(address_in_use_is_retried_on_a_new_port_and_reported) {
    FixtureDir dir;
    std::string file =
        dir.write("a.json", fixture("a", R"([{"request": {"method": "GET", "path": "/health"}}])"));
    RunnerOptions options;
    options.paths = {file};
    options.spawn = fake_spawn();
    options.spawn.command = flaky_bind_command(dir, 2);
    RunResult result = run_conformance(options);
    const FixtureResult& f = result.fixtures.at(0);
    BOOST_TEST(f.reason == "");
    BOOST_TEST(outcome_name(f.outcome) == "passed");
    BOOST_REQUIRE(f.target_starts.size() == 3u);
    BOOST_TEST(start_outcome_name(f.target_starts[0].outcome) == "address_in_use");
    BOOST_TEST(start_outcome_name(f.target_starts[1].outcome) == "address_in_use");
    BOOST_TEST(start_outcome_name(f.target_starts[2].outcome) == "ready");
    BOOST_TEST(f.target_starts[0].detail == "target exited with status 1 before it was ready");
    std::set<int> ports;
    for (const StartAttempt& attempt : f.target_starts)
        ports.insert(attempt.port);
    BOOST_TEST(ports.size() == 3u);
    BOOST_TEST(result.exit_code() == 0);
}

BOOST_AUTO_TEST_CASE(retries_are_bounded_and_every_attempt_is_in_the_error) {
    FixtureDir dir;
    SpawnOptions spawn = fake_spawn();
    spawn.command = flaky_bind_command(dir, 5);
    spawn.start_attempts = 2;
    std::vector<StartAttempt> attempts;
    std::string message = start_error(spawn, &attempts);
    BOOST_REQUIRE(attempts.size() == 2u);
    std::string expected_attempts = "port " + std::to_string(attempts[0].port) +
                                    " address_in_use, port " + std::to_string(attempts[1].port) +
                                    " address_in_use)";
    BOOST_TEST(message.find(": target exited with status 1 before it was ready (start attempt 2 "
                            "of at most 2; " +
                            expected_attempts +
                            "; last stderr lines:\n"
                            "bind: Address already in use") != std::string::npos);
    BOOST_TEST(message.starts_with("target-start: `n=$(cat "));
}

BOOST_AUTO_TEST_CASE(another_early_exit_is_not_retried) {
    SpawnOptions spawn;
    spawn.command = "echo boom >&2; exit 4";
    std::vector<StartAttempt> attempts;
    BOOST_TEST(start_error(spawn, &attempts) ==
               "target-start: `echo boom >&2; exit 4`: target exited with status 4 before it "
               "was ready; last stderr lines:\nboom");
    BOOST_REQUIRE(attempts.size() == 1u);
    BOOST_TEST(start_outcome_name(attempts[0].outcome) == "failed");
}

BOOST_AUTO_TEST_CASE(address_in_use_is_recognised_in_its_usual_spellings) {
    BOOST_TEST(
        mentions_address_in_use("listen-failed: 127.0.0.1:46499: cannot bind (address in use, or "
                                "not an address of this host)"));
    BOOST_TEST(mentions_address_in_use("OSError: [Errno 98] Address already in use"));
    BOOST_TEST(mentions_address_in_use("listen tcp :8080: bind: EADDRINUSE"));
    BOOST_TEST(!mentions_address_in_use("permission denied"));
}

BOOST_AUTO_TEST_CASE(data_dirs_are_fresh_and_an_existing_directory_is_never_removed) {
    FixtureDir work;
    // The names the old counter scheme would have picked: each must survive the run untouched.
    for (int i = 0; i < 200; ++i) {
        std::string old = work.path() + "/taskcheck-target-" + std::to_string(::getpid()) + "-" +
                          std::to_string(i);
        boost::filesystem::create_directories(old);
        std::ofstream(old + "/keep") << "x";
    }
    SpawnOptions spawn = fake_spawn();
    spawn.work_dir = work.path();
    std::string data_dir;
    {
        SpawnedTarget target(spawn);
        data_dir = target.data_dir();
        BOOST_TEST(boost::filesystem::is_empty(data_dir));
    }
    BOOST_TEST(!boost::filesystem::exists(data_dir));
    for (int i = 0; i < 200; ++i) {
        BOOST_TEST(boost::filesystem::exists(work.path() + "/taskcheck-target-" +
                                             std::to_string(::getpid()) + "-" + std::to_string(i) +
                                             "/keep"));
    }
}

// Probe finding 7: `setsid` leaves the group; the escaped process keeps stderr open.
BOOST_AUTO_TEST_CASE(a_target_that_leaves_its_process_group_does_not_hang_the_runner) {
    for (std::string prefix : {"", "true; "}) {  // with `exec` (setsid forks) and without
        FixtureDir dir;
        std::string pid_file = dir.path() + "/escaped.pid";
        SpawnOptions spawn;
        spawn.command = prefix + "setsid sh -c 'echo $$ > " + pid_file + "; exec sleep 60'";
        spawn.ready_timeout_ms = 300;
        auto start = Clock::now();
        std::vector<StartAttempt> attempts;
        std::string message = start_error(spawn, &attempts);
        auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        BOOST_TEST(took.count() < 5000);
        BOOST_TEST(message.find("left the target's process group (setsid or a daemon?) and still "
                                "held its stderr; killed it") != std::string::npos,
                   message);
        pid_t escaped = 0;
        std::ifstream(pid_file) >> escaped;
        BOOST_REQUIRE(escaped > 0);
        bool gone = false;
        for (int i = 0; i < 200 && !gone; ++i) {
            gone = ::kill(escaped, 0) != 0 || is_zombie(escaped);
            if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        BOOST_TEST(gone);
    }
}

// --ready-pattern: the target binds port 0 itself and announces it; a restart comes back on it.

const std::string kServe = std::string(TASKCHECK_BINARY) +
                           " serve --profile meilisearch --port {port} --data-dir {data_dir}";
const char* const kListening = R"(listening on http://127\.0\.0\.1:([0-9]+))";

BOOST_AUTO_TEST_CASE(port_is_read_from_the_targets_output_and_kept_across_a_restart) {
    FixtureDir dir;
    std::string file = dir.write("r.json", fixture("restart", R"([
        {"request": {"method": "GET", "path": "/health"}, "expect": {"status": 200}},
        {"fault": "restart"},
        {"request": {"method": "GET", "path": "/health"}, "expect": {"status": 200}}])"));
    RunnerOptions options;
    options.paths = {file};
    options.spawn.command = kServe;
    options.spawn.ready_path = "/health";
    options.spawn.ready_pattern = kListening;
    RunResult result = run_conformance(options);
    const FixtureResult& f = result.fixtures.at(0);
    BOOST_TEST(f.reason == "");
    BOOST_TEST(outcome_name(f.outcome) == "passed");
    BOOST_REQUIRE(f.target_starts.size() == 1u);
    BOOST_TEST(f.target_starts[0].port > 0);
    std::string restarted =
        "listening on http://127.0.0.1:" + std::to_string(f.target_starts[0].port);
    // The tail holds the lines written during the fixture: the restart's, on the same port.
    std::size_t starts = 0;
    for (std::size_t at = f.target_stderr_tail.find(restarted); at != std::string::npos;
         at = f.target_stderr_tail.find(restarted, at + 1)) {
        ++starts;
    }
    BOOST_TEST(starts == 1u, f.target_stderr_tail);
}

BOOST_AUTO_TEST_CASE(a_target_that_never_announces_its_port_fails_within_the_deadline) {
    SpawnOptions spawn;
    spawn.command = "echo starting; sleep 30";
    spawn.ready_pattern = kListening;
    spawn.ready_timeout_ms = 300;
    std::vector<StartAttempt> attempts;
    BOOST_TEST(start_error(spawn, &attempts) ==
               "target-start: `echo starting; sleep 30`: no stdout or stderr line matched "
               "--ready-pattern within 300 ms; last stderr lines:\nstarting");
}

BOOST_AUTO_TEST_CASE(a_pattern_without_a_group_is_refused) {
    SpawnOptions spawn;
    spawn.command = "true";
    spawn.ready_pattern = "listening";
    BOOST_TEST(*spawn.validate() == "--ready-pattern needs a group (...) around the port");
    spawn.ready_pattern = "(";
    BOOST_TEST(spawn.validate()->starts_with("--ready-pattern is not a valid regex: "));
}

BOOST_AUTO_TEST_SUITE_END()
