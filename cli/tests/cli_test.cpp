// Command-line tests: the real `taskcheck` binary on bad input must exit 2 with one message that
// names the path or option, what is wrong and how to fix it — never crash, hang or pass with
// nothing done (issue 12). Each runs under `timeout 60`, so a hang fails instead of blocking.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

Run taskcheck(const std::string& args) {
    const std::string command = std::string("timeout 60 ") + TASKCHECK_BIN + " " + args + " 2>&1";
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        run.output.append(buffer, n);
    int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A fresh temporary folder, removed at the end of the test.
class TempDir {
  public:
    TempDir() {
        char pattern[] = "/tmp/taskcheck-cli-XXXXXX";
        path_ = ::mkdtemp(pattern);
    }
    ~TempDir() {
        std::error_code error;
        fs::remove_all(path_, error);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ + "/" + name) << text;
        return path_ + "/" + name;
    }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// A loopback port bound but not listening, held for the test: a connect to it is refused, and
// no other process can take the port meanwhile.
class ClosedPort {
  public:
    ClosedPort() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = std::to_string(ntohs(address.sin_port));
    }
    ~ClosedPort() { ::close(fd_); }
    const std::string& port() const { return port_; }

  private:
    int fd_ = -1;
    std::string port_;
};

const char* const kScenario = "fixtures/scenarios/meilisearch/cancel_racing_completion.json";

std::string health_fixture() {
    return R"({"name": "health", "profile": "meilisearch", "tags": ["health"],
               "steps": [{"request": {"method": "GET", "path": "/health"}}]})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

// Was exit 139 (a stack overflow) with no report at all.
BOOST_AUTO_TEST_CASE(conform_rejects_a_10k_deep_fixture_with_its_pointer) {
    TempDir dir;
    const std::string file =
        dir.write("deep.json", R"({"name": "deep", "profile": "meilisearch", "steps": [{"request":
        {"method": "GET", "path": "/", "body": )" +
                                   std::string(10000, '[') + std::string(10000, ']') + "}}]}");
    Run run = taskcheck("conform " + file + " --target http://127.0.0.1:9 --allow-empty");
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(contains(
        run.output,
        "fixture-invalid: " + file + ":2 /steps/0/request/body/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/"));
    BOOST_TEST(contains(run.output, ": nests deeper than 128 arrays/objects; flatten this value"));
}

// Was exit 0: a tag typo checked nothing and passed.
BOOST_AUTO_TEST_CASE(conform_with_no_fixture_selected_exits_2_unless_allow_empty) {
    TempDir dir;
    const std::string file = dir.write("health.json", health_fixture());
    Run run = taskcheck("conform " + file + " --target http://127.0.0.1:9 --tags helth");
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(contains(run.output,
                        "run error: no-fixtures: none of the 1 fixtures was selected (each is "
                        "reported skipped with its reason); check --profile, --version, --tags, "
                        "--exclude-tags and --filter, or pass --allow-empty if an empty run is "
                        "fine\n"));
    run = taskcheck("conform " + file + " --target http://127.0.0.1:9 --tags helth --allow-empty");
    BOOST_TEST(run.exit_code == 0);
}

// Was exit 1: every fixture "failed" with "cannot connect".
BOOST_AUTO_TEST_CASE(conform_against_an_unreachable_target_exits_2) {
    TempDir dir;
    const std::string file = dir.write("health.json", health_fixture());
    ClosedPort closed;
    const std::string url = "http://127.0.0.1:" + closed.port();
    Run run = taskcheck("conform " + file + " --target " + url);
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(contains(run.output, "run error: target-unreachable: " + url +
                                        ": cannot connect to 127.0.0.1:" + closed.port() +
                                        " (Connection refused); start the target or fix "
                                        "--target\n"));
}

BOOST_AUTO_TEST_CASE(conform_names_a_fifo_as_a_fifo) {
    TempDir dir;
    const std::string fifo = dir.path() + "/f.json";
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    Run run = taskcheck("conform " + fifo + " --target http://127.0.0.1:9");
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.output == "fixture-path: " + fifo +
                                 ": a fifo, not a regular file or directory; give fixture files "
                                 "or directories that hold them\n");
    run = taskcheck("conform " + dir.write("h.json", health_fixture()) +
                    " --target http://127.0.0.1:9 --expect " + fifo);
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.output == "expectations-unreadable: " + fifo +
                                 ": not a regular file; give the known-failures JSON file\n");
}

// Was exit 0 with nothing written.
BOOST_AUTO_TEST_CASE(sim_and_replay_trace_to_a_directory_exit_2_naming_it) {
    TempDir dir;
    const std::string message = "trace-unwritable: " + dir.path() +
                                ": cannot write the trace: it is a directory; give --trace a "
                                "file path in a folder you can write to\n";
    Run run = taskcheck("sim --profile meilisearch --seed 3 --trace " + dir.path());
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.output == message);
    run = taskcheck(std::string("replay ") + kScenario + " --trace " + dir.path());
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.output == message);
    run = taskcheck(std::string("replay ") + kScenario + " --trace " + dir.path() + "/no/t.jsonl");
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.output == "trace-unwritable: " + dir.path() +
                                 "/no/t.jsonl: cannot write the trace: No such file or directory; "
                                 "give --trace a file path in a folder you can write to\n");
}

BOOST_AUTO_TEST_CASE(sim_trace_to_a_file_is_written) {
    TempDir dir;
    Run run = taskcheck("sim --profile meilisearch --seed 3 --trace " + dir.path() + "/t.jsonl");
    BOOST_TEST(run.exit_code == 0);
    BOOST_TEST(fs::file_size(dir.path() + "/t.jsonl") > 0u);
}

// Was a silent run of seed 2^64 - 1.
BOOST_AUTO_TEST_CASE(sim_rejects_a_negative_or_garbage_seed) {
    for (const std::string seed : {"-1", "abc", "18446744073709551616", "1e3"}) {
        Run run = taskcheck("sim --profile meilisearch --seed " + seed);
        BOOST_TEST(run.exit_code == 2);
        BOOST_TEST(run.output ==
                   "sim-options: --seed: expected an unsigned integer from 0 to "
                   "18446744073709551615, found \"" +
                       seed + "\"; give a seed a run printed, e.g. --seed 8471923\n");
    }
}

BOOST_AUTO_TEST_CASE(replay_validates_the_expect_hash_format) {
    Run run = taskcheck(std::string("replay ") + kScenario + " --expect-hash xyz");
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.output ==
               "replay-usage: --expect-hash: expected 16 lowercase hex digits, found \"xyz\"; "
               "copy the trace_hash a replay prints, e.g. 00c0ffee00c0ffee\n");
}

BOOST_AUTO_TEST_SUITE_END()
