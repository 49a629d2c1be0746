// bench_runner [--steps N] [--repeats R] [--seconds S] [--newman-repeats M]: the conformance
// runner's speed (issue 6) against runner_fast_target, a trivial server started here that answers
// every request with the same JSON. Prints, one line each:
//   BENCH runner.steps_per_s <n> steps/s       `taskcheck conform --target URL F --json R` on one
//                                              fixture of N steps `GET /tasks/1` (default 1,000),
//                                              each expecting status 200 and the exact body; steps
//                                              over the fixture's own duration_ns from R (process
//                                              start, fixture loading and report writing
//                                              excluded); median of R runs (default 5)
//   BENCH runner.process_steps_per_s <n> steps/s  the same, over the whole process's wall time
//   BENCH runner.ceiling_rps <n> req/s         `wrk -t1 -c1 -dSs URL/tasks/1` (default 5 s)
//   BENCH runner.ceiling_pct <p> %             steps_per_s / ceiling_rps (target >= 50)
//   BENCH runner.post_steps_per_s, runner.process_post_steps_per_s, runner.post_ceiling_rps,
//         runner.post_ceiling_pct              the same with `POST /indexes/movies/documents` and
//                                              a JSON body (wrk gets it from a Lua script)
//   BENCH runner.newman_steps_per_s <n> steps/s  `newman run` of the same N requests with the same
//                                              assertions, over run.timings from its JSON report
//                                              (process start excluded); median of M runs
//                                              (default 1)
//   BENCH runner.newman_x <x> x                steps_per_s / newman_steps_per_s (target >= 10)
// wrk and Newman figures print BENCH_SKIPPED with the reason when the tool is missing; Newman is
// installed with `npm install` into RUNNER_NEWMAN_DIR (in the build dir) on first use.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/runner_fast_target_body.hpp"
#include "bench/runner_workload.hpp"

using namespace taskcheck::bench;
using BenchClock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

struct BenchOptions {
    std::size_t steps = 1000;
    int repeats = 5;
    int seconds = 5;
    int newman_repeats = 1;  // a Newman run of 1,000 steps takes seconds to minutes
};

struct FastTarget {
    pid_t pid = -1;
    std::string url;
};

// The command's stdout (stderr is left alone); sets `status` to its exit status.
std::string run(const std::string& command, int& status) {
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        status = -1;
        return output;
    }
    char buffer[4096];
    while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr)
        output += buffer;
    int raw = ::pclose(pipe);
    status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return output;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "bench_runner: %s\n", what.c_str());
    std::exit(1);
}

// Starts runner_fast_target on a free port; it stops by itself after `seconds_max`.
FastTarget start_target(int seconds_max) {
    int fds[2];
    if (::pipe(fds) != 0) fail("pipe failed");
    FastTarget target;
    target.pid = ::fork();
    if (target.pid == 0) {
        ::dup2(fds[1], 1);
        ::close(fds[0]);
        std::string seconds = std::to_string(seconds_max);
        ::execl(RUNNER_TARGET_BINARY, RUNNER_TARGET_BINARY, "--port", "0", "--seconds",
                seconds.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string line;
    char c;
    while (::read(fds[0], &c, 1) == 1 && c != '\n')
        line += c;
    ::close(fds[0]);
    const std::string prefix = "listening on ";
    if (!line.starts_with(prefix)) fail("runner_fast_target did not start: \"" + line + "\"");
    target.url = "http://" + line.substr(prefix.size());
    return target;
}

void stop_target(const FastTarget& target) {
    ::kill(target.pid, SIGTERM);
    ::waitpid(target.pid, nullptr, 0);
}

void write_file(const fs::path& path, const nlohmann::ordered_json& json) {
    std::ofstream out(path, std::ios::trunc);
    out << json.dump(1) << "\n";
    if (!out) fail("cannot write " + path.string());
}

nlohmann::json read_json(const fs::path& path) {
    std::ifstream in(path);
    nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded()) fail(path.string() + " is not JSON");
    return json;
}

// One `taskcheck conform` run of `fixture`: {steps/s over the fixture's duration, steps/s over
// the whole process}.
std::pair<double, double> runner_once(const FastTarget& target, const fs::path& dir,
                                      const std::string& fixture_file, std::size_t steps) {
    fs::path report = dir / "report.json";
    std::string command = std::string(TASKCHECK_BINARY) + " conform --target " + target.url + " " +
                          (dir / fixture_file).string() + " --json " + report.string() + " > " +
                          (dir / "conform.out").string() + " 2>&1";
    auto start = BenchClock::now();
    int status = 0;
    run(command, status);
    double wall_s = std::chrono::duration<double>(BenchClock::now() - start).count();
    nlohmann::json result = read_json(report);
    const nlohmann::json& fixture = result["fixtures"][0];
    if (status != 0 || fixture["outcome"] != "passed" || fixture["steps"].size() != steps) {
        fail("taskcheck conform did not pass all " + std::to_string(steps) + " steps (exit " +
             std::to_string(status) + "); see " + (dir / "conform.out").string());
    }
    double fixture_s = fixture["duration_ns"].get<double>() / 1e9;
    return {static_cast<double>(steps) / fixture_s, static_cast<double>(steps) / wall_s};
}

// Median steps/s of `repeats` runs of `fixture_file`; prints <figure> and the process figure.
double runner_figures(const FastTarget& target, const fs::path& dir,
                      const std::string& fixture_file, const std::string& figure,
                      const BenchOptions& options) {
    std::vector<double> fixture_rates, process_rates;
    for (int i = 0; i < options.repeats; ++i) {
        auto [fixture_rate, process_rate] = runner_once(target, dir, fixture_file, options.steps);
        fixture_rates.push_back(fixture_rate);
        process_rates.push_back(process_rate);
    }
    double steps_per_s = median(fixture_rates);
    std::printf("BENCH runner.%s %.0f steps/s\n", figure.c_str(), steps_per_s);
    std::printf("BENCH runner.process_%s %.0f steps/s\n", figure.c_str(), median(process_rates));
    return steps_per_s;
}

// wrk's Requests/sec with one thread and one connection sending `workload`'s request (a Lua
// script sets the method and body), or nullopt when wrk is missing.
std::optional<double> ceiling_rps(const FastTarget& target, const fs::path& dir,
                                  const RunnerWorkload& workload, const std::string& figure,
                                  int seconds) {
    int status = 0;
    if (trimmed(run("command -v wrk", status)).empty()) {
        std::printf("BENCH_SKIPPED runner.%s wrk not installed (bench/runner.sh)\n",
                    figure.c_str());
        return std::nullopt;
    }
    fs::path script = dir / "request.lua";
    {
        std::ofstream lua(script, std::ios::trunc);
        lua << "wrk.method = \"" << workload.method << "\"\n";
        if (!workload.request_body.empty()) {
            lua << "wrk.body = " << nlohmann::json(workload.request_body).dump() << "\n"
                << "wrk.headers[\"Content-Type\"] = \"application/json\"\n";
        }
    }
    std::string output = run("wrk -t1 -c1 -d" + std::to_string(seconds) + "s -s " +
                                 script.string() + " " + target.url + workload.path + " 2>&1",
                             status);
    std::size_t at = output.find("Requests/sec:");
    if (at == std::string::npos) fail("wrk printed no Requests/sec:\n" + output);
    double rps = std::stod(output.substr(at + 13));
    std::printf("BENCH runner.%s %.0f req/s\n", figure.c_str(), rps);
    return rps;
}

// Path of the newman executable, installing it first if needed; nullopt (with a skip line
// naming the reason) when it cannot be had.
std::optional<std::string> newman_binary() {
    fs::path dir = RUNNER_NEWMAN_DIR;
    fs::path binary = dir / "node_modules" / ".bin" / "newman";
    if (fs::exists(binary)) return binary.string();
    int status = 0;
    if (trimmed(run("command -v npm", status)).empty()) {
        std::printf("BENCH_SKIPPED runner.newman_steps_per_s npm not installed\n");
        return std::nullopt;
    }
    fs::create_directories(dir);
    fs::path log = dir / "npm-install.log";
    run("timeout 300 npm install --prefix '" + dir.string() +
            "' --no-audit --no-fund newman@6 > '" + log.string() + "' 2>&1",
        status);
    if (status == 0 && fs::exists(binary)) return binary.string();
    std::string last_line =
        trimmed(run("grep -v '^npm warn' '" + log.string() + "' | tail -1", status));
    std::printf("BENCH_SKIPPED runner.newman_steps_per_s npm install newman failed: %s\n",
                last_line.c_str());
    return std::nullopt;
}

// One `newman run`: steps/s over its own run.timings (process start excluded).
double newman_once(const std::string& newman, const FastTarget& target, const fs::path& dir,
                   std::size_t steps) {
    fs::path report = dir / "newman.json";
    std::string command = newman + " run " + (dir / "collection.json").string() +
                          " --env-var base=" + target.url + " -r json --reporter-json-export " +
                          report.string() + " > " + (dir / "newman.out").string() + " 2>&1";
    int status = 0;
    run(command, status);
    const nlohmann::json run = read_json(report)["run"];
    const nlohmann::json& stats = run["stats"];
    if (status != 0 || stats["requests"]["total"] != steps ||
        stats["assertions"]["total"] != 2 * steps || stats["assertions"]["failed"] != 0) {
        fail("newman did not pass all " + std::to_string(steps) + " requests (exit " +
             std::to_string(status) + "); see " + report.string());
    }
    double ms = run["timings"]["completed"].get<double>() - run["timings"]["started"].get<double>();
    return static_cast<double>(steps) / (ms / 1e3);
}

std::optional<double> newman_figure(const FastTarget& target, const fs::path& dir,
                                    const BenchOptions& options) {
    std::optional<std::string> newman = newman_binary();
    if (!newman) return std::nullopt;
    std::vector<double> rates;
    for (int i = 0; i < options.newman_repeats; ++i)
        rates.push_back(newman_once(*newman, target, dir, options.steps));
    double steps_per_s = median(rates);
    std::printf("BENCH runner.newman_steps_per_s %.0f steps/s\n", steps_per_s);
    return steps_per_s;
}

BenchOptions parse_options(int argc, char** argv) {
    BenchOptions options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--steps")
            options.steps = std::stoul(argv[i + 1]);
        else if (flag == "--repeats")
            options.repeats = std::stoi(argv[i + 1]);
        else if (flag == "--seconds")
            options.seconds = std::stoi(argv[i + 1]);
        else if (flag == "--newman-repeats")
            options.newman_repeats = std::stoi(argv[i + 1]);
        else
            fail("unknown option " + flag +
                 " (use --steps N --repeats R --seconds S --newman-repeats M)");
    }
    if (options.steps == 0 || options.repeats < 1 || options.seconds < 1 ||
        options.newman_repeats < 1) {
        fail("--steps, --repeats, --seconds and --newman-repeats must be at least 1");
    }
    return options;
}

// The GET workload (wrk's ceiling and Newman use the same) and a POST with a JSON body, which
// shows whether a request written in two parts stalls on Nagle's algorithm.
std::pair<RunnerWorkload, RunnerWorkload> workloads(std::size_t steps) {
    RunnerWorkload get;
    get.steps = steps;
    get.expected_body = kRunnerTargetBody;
    RunnerWorkload post = get;
    post.method = "POST";
    post.path = "/indexes/movies/documents";
    post.request_body = R"([{"id":1,"title":"Carol"}])";
    for (const RunnerWorkload* workload : {&get, &post}) {
        if (std::string problem = workload->problem(); !problem.empty()) fail(problem);
    }
    return {get, post};
}

void print_ratio(const char* figure, const char* unit, double value) {
    std::printf("BENCH runner.%s %.1f %s\n", figure, value, unit);
}

}  // namespace

int main(int argc, char** argv) {
    BenchOptions options = parse_options(argc, argv);
    auto [get, post] = workloads(options.steps);
    fs::path dir =
        fs::temp_directory_path() / ("taskcheck-bench-runner-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    write_file(dir / "get.json", runner_fixture_json(get));
    write_file(dir / "post.json", runner_fixture_json(post));
    write_file(dir / "collection.json", newman_collection_json(get));
    FastTarget target = start_target(1200);
    int status = 0;
    std::printf("# %s; %zu steps of %s %s; load: %s\n", target.url.c_str(), options.steps,
                get.method.c_str(), get.path.c_str(), trimmed(run("uptime", status)).c_str());
    double steps_per_s = runner_figures(target, dir, "get.json", "steps_per_s", options);
    if (auto ceiling = ceiling_rps(target, dir, get, "ceiling_rps", options.seconds)) {
        print_ratio("ceiling_pct", "%", 100.0 * steps_per_s / *ceiling);
    }
    double post_per_s = runner_figures(target, dir, "post.json", "post_steps_per_s", options);
    if (auto ceiling = ceiling_rps(target, dir, post, "post_ceiling_rps", options.seconds)) {
        print_ratio("post_ceiling_pct", "%", 100.0 * post_per_s / *ceiling);
    }
    if (auto newman = newman_figure(target, dir, options)) {
        print_ratio("newman_x", "x", steps_per_s / *newman);
    }
    stop_target(target);
    fs::remove_all(dir);
    return 0;
}
