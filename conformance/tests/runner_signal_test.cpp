// SIGTERM/SIGINT to a running `taskcheck conform --spawn ...` (issue 12): the runner ends by that
// signal and leaves no target data dir and no target process behind (process_group_registry.hpp).
// The signal is sent as soon as the first data dir exists, i.e. around the target's spawn: the
// moment a group started but not yet recorded used to survive the runner.
// Runs the real binary with TMPDIR pointed at a private directory, so "nothing left" is exact.
#include <sys/wait.h>

#include <boost/filesystem.hpp>
#include <boost/process.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "conformance/tests/fake_server.hpp"

namespace bp = boost::process;
namespace fs = boost::filesystem;
using taskcheck::conformance::testing::FixtureDir;

namespace {

const std::string kTaskcheck = TASKCHECK_BINARY;
const std::string kFake = TASKCHECK_FAKE_TARGET;

// The entries of `dir` whose name starts with "taskcheck-target-".
std::vector<std::string> target_dirs(const fs::path& dir) {
    std::vector<std::string> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with("taskcheck-target-")) found.push_back(name);
    }
    return found;
}

// Live (not zombie) processes whose command line mentions `text`: here, the targets, whose
// {data_dir} argument lies under the private TMPDIR.
std::vector<pid_t> live_processes_mentioning(const std::string& text) {
    std::vector<pid_t> found;
    for (const fs::directory_entry& entry : fs::directory_iterator("/proc")) {
        pid_t pid = std::atoi(entry.path().filename().c_str());
        if (pid <= 0) continue;
        std::ifstream cmdline(entry.path() / "cmdline");
        std::string args((std::istreambuf_iterator<char>(cmdline)), {});
        if (args.find(text) == std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line((std::istreambuf_iterator<char>(stat)), {});
        std::size_t close = line.rfind(')');
        if (close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z')
            continue;
        found.push_back(pid);
    }
    return found;
}

// Polls `condition` every 10 ms for at most `limit_ms`; true iff it held.
bool within_ms(int limit_ms, const auto& condition) {
    for (int waited = 0; waited < limit_ms; waited += 10) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runner_signal)

BOOST_AUTO_TEST_CASE(sigterm_leaves_no_data_dir_behind) {
    for (int signal : {SIGTERM, SIGINT}) {
        FixtureDir dir;
        fs::path tmp = fs::path(dir.path()) / "tmp";
        fs::create_directories(tmp);
        std::string file = dir.write(
            "slow.json",
            R"({"name": "slow", "profile": "meilisearch", "steps": [{"sleep_ms": 30000}]})");
        bp::child runner(kTaskcheck, "conform", file, "--spawn", kFake + " {port} {data_dir}",
                         "--ready-path", "/health", "-j", "2", bp::env["TMPDIR"] = tmp.string(),
                         bp::std_out > bp::null, bp::std_err > bp::null);
        BOOST_REQUIRE(within_ms(10000, [&] { return !target_dirs(tmp).empty(); }));
        ::kill(runner.id(), signal);
        BOOST_REQUIRE(runner.wait_for(std::chrono::seconds(10)));
        int status = runner.native_exit_code();
        BOOST_TEST(WIFSIGNALED(status));
        BOOST_TEST(WTERMSIG(status) == signal);
        BOOST_TEST(target_dirs(tmp).empty());
        // SIGKILLed targets may take a moment to go; none may survive the runner.
        BOOST_TEST(
            within_ms(2000, [&] { return live_processes_mentioning(tmp.string()).empty(); }));
    }
}

BOOST_AUTO_TEST_SUITE_END()
