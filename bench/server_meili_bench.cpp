// bench_server_meili [--tasks N] [--seconds S] [--journal-only DIR] [--enqueue-only 1]: the
// Meilisearch profile's
// server figures, against a real serve child process (server_meili_serve: the profile's run
// function without the CLI). Prints, one line each:
//   BENCH server.startup_1m_replay_s <s> s   spawn -> readiness line on a journal of N tasks and no
//                                            snapshot (the whole journal replayed, as after a
//                                            kill -9 before any snapshot); scaled to 1 M tasks
//   BENCH server.snapshot_write_1m_s <s> s   SIGTERM -> exit of that server: the clean stop that
//                                            writes the snapshot (meili_snapshot.hpp)
//   BENCH server.startup_1m_s <s> s          spawn -> readiness line again: snapshot + journal tail
//   BENCH server.rss_1m_mib <MiB> MiB        VmRSS of that server once ready
//   BENCH server.get_task_rps <n> req/s      wrk, GET /tasks/{uid}, 2 threads, 16 connections
//   BENCH server.list_1m_p99_ms <ms> ms      wrk, GET /tasks?statuses=failed&indexUids=i3&limit=20
//                                            (filtered list over the N tasks), 99th percentile
//   BENCH server.enqueue_durable_per_s <n> tasks/s  wrk POST /indexes/{uid}/documents over 64
//                                            keep-alive connections on a fresh data dir, serve
//                                            with 64 HTTP threads; each 202 is fsync'd first
//                                            (group commit); checked: every answer 202, and the
//                                            last acknowledged task there after a restart
// The journal of N tasks is written directly through MeiliState + Journal (the same commands the
// server journals): tasks enqueued 100 at a time, each group processed to the end before the
// next, one in 7 failing (a document without id), over 10 indexes, ids recycled modulo 1000 so
// the document mirror stays small. wrk figures are skipped with a reason if wrk is not
// installed (bench/server_meili.sh installs it).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "server/journal.hpp"
#include "server/meili_state.hpp"

using namespace taskcheck;
using namespace taskcheck::server;
using BenchClock = std::chrono::steady_clock;

namespace {

constexpr int kEnqueueClients = 64;  // wrk connections and serve's HTTP threads

double seconds_since(BenchClock::time_point start) {
    return std::chrono::duration<double>(BenchClock::now() - start).count();
}

void write(Journal& journal, MeiliState& state, const MeiliCommand& command) {
    state.apply(command);
    journal.submit(encode_meili_command(command));
}

void make_journal(const std::filesystem::path& dir, std::uint32_t tasks) {
    Journal journal(JournalOptions{dir});
    MeiliState state;
    Nanos now = 1'704'067'200 * kNanosPerSecond;
    for (std::uint32_t n = 0; n < tasks;) {
        for (std::uint32_t k = 0; k < 100 && n < tasks; ++k, ++n) {
            meili::AddDocuments add;
            add.index_uid = "i" + std::to_string(n % 10);
            add.documents =
                n % 7 == 3 ? nlohmann::ordered_json::parse(R"([{"title":"no id"}])")
                           : nlohmann::ordered_json::array({{{"id", n % 1000}, {"title", "t"}}});
            add.primary_key = "id";
            write(journal, state, MeiliEnqueue{now += us(10), add});
        }
        while (!state.queue().tasks().with_status(meili::Status::enqueued).empty()) {
            write(journal, state, MeiliStartBatch{now += us(10)});
            write(journal, state, MeiliFinishBatch{now += ms(1), std::nullopt});
        }
    }
    journal.flush();
}

struct Child {
    pid_t pid = -1;
    int port = 0;
    double ready_s = 0;
};

// Spawns serve and waits for its readiness line.
Child spawn_serve(const std::filesystem::path& dir, int threads) {
    int fds[2];
    if (pipe(fds) != 0) std::abort();
    const auto start = BenchClock::now();
    Child child;
    child.pid = fork();
    if (child.pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(TASKCHECK_MEILI_SERVE, TASKCHECK_MEILI_SERVE, dir.c_str(), "2",
              std::to_string(threads).c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    std::string line;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n')
        line += c;
    close(fds[0]);
    child.ready_s = seconds_since(start);
    const auto colon = line.rfind(':');
    if (colon == std::string::npos) {
        std::fprintf(stderr, "serve did not start: %s\n", line.c_str());
        std::exit(1);
    }
    child.port = std::stoi(line.substr(colon + 1));
    return child;
}

// SIGTERM and wait: the clean stop, which writes the snapshot. Returns how long it took.
double stop(Child& child) {
    const auto start = BenchClock::now();
    kill(child.pid, SIGTERM);
    waitpid(child.pid, nullptr, 0);
    return seconds_since(start);
}

double rss_mib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
        out += buffer;
    pclose(pipe);
    return out;
}

// wrk's latency in ms from "99%    1.23ms" (or us / s), and its "Requests/sec".
double wrk_value(const std::string& output, const std::string& pattern, bool latency) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(pattern + R"(\s+([0-9.]+)(us|ms|s)?)"))) return -1;
    double value = std::stod(m[1]);
    if (!latency) return value;
    if (m[2] == "us") return value / 1000;
    if (m[2] == "s") return value * 1000;
    return value;
}

void wrk_figures(int port, std::uint32_t tasks, int seconds) {
    if (run("command -v wrk").empty()) {
        std::printf(
            "BENCH_SKIPPED server.get_task_rps wrk not installed (bench/server_meili.sh)\n");
        std::printf("BENCH_SKIPPED server.list_1m_p99_ms wrk not installed\n");
        return;
    }
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    const std::string d = std::to_string(seconds) + "s";
    std::string get = run("wrk -t2 -c16 -d" + d + " --latency " + base + "/tasks/" +
                          std::to_string(tasks / 2) + " 2>&1");
    std::printf("BENCH server.get_task_rps %.0f req/s\n", wrk_value(get, "Requests/sec:", false));
    std::string list = run("wrk -t2 -c16 -d" + d + " --latency '" + base +
                           "/tasks?statuses=failed&indexUids=i3&limit=20' 2>&1");
    std::printf("BENCH server.list_1m_p99_ms %.2f ms\n", wrk_value(list, "99%", true));
    std::printf("BENCH server.list_1m_rps %.0f req/s\n", wrk_value(list, "Requests/sec:", false));
}

// The wrk script of the enqueue figure: one-document additions spread over four indexes.
constexpr const char* kEnqueueScript = R"(wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/indexes/e" .. (n % 4) .. "/documents", nil, '[{"id":' .. n .. '}]')
end
)";

// wrk's "<n> requests in <t>s": how many responses it read.
long wrk_requests(const std::string& output) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(R"(([0-9]+) requests in)"))) return -1;
    return std::stol(m[1]);
}

// GET path on a fresh connection; the status, or -1 when there is no answer.
int get_status(int port, const std::string& path) {
    httplib::Client client("127.0.0.1", port);
    auto res = client.Get(path.c_str());
    return res ? res->status : -1;
}

// server.enqueue_durable_per_s: wrk (one thread, 64 keep-alive connections) POSTs one-document
// additions to serve (64 HTTP threads) on a fresh data dir; every 202 is sent after its record's
// fsync (group commit). The figure only counts if every answer was a 202 and, after a clean stop
// and a restart, the task of the last acknowledged uid is there (uids are consecutive from 0, so
// every acknowledged task is). wrk is the client because the bench's own httplib client, with a
// thread per connection, took half of the two cores and measured itself (docs/benchmarks.md).
void enqueue_figure(const std::filesystem::path& dir, int seconds) {
    if (run("command -v wrk").empty()) {
        std::printf(
            "BENCH_SKIPPED server.enqueue_durable_per_s wrk not installed "
            "(bench/server_meili.sh)\n");
        return;
    }
    std::filesystem::create_directories(dir);
    const std::filesystem::path script = dir.parent_path() / "enqueue.lua";
    std::ofstream(script) << kEnqueueScript;
    Child child = spawn_serve(dir, kEnqueueClients);
    const std::string out = run("wrk -t1 -c" + std::to_string(kEnqueueClients) + " -d" +
                                std::to_string(seconds) + "s --latency -s " + script.string() +
                                " http://127.0.0.1:" + std::to_string(child.port) + " 2>&1");
    stop(child);
    const long answered = wrk_requests(out);
    const bool all_202 = out.find("Non-2xx") == std::string::npos;
    // Timeouts (no answer within 2 s) are not counted as answered; say so if there were any.
    std::smatch errors;
    if (std::regex_search(out, errors, std::regex("Socket errors:[^\\n]*")))
        std::printf("# enqueue: wrk %s\n", errors[0].str().c_str());
    Child again = spawn_serve(dir, 4);
    const int last =
        answered > 0 ? get_status(again.port, "/tasks/" + std::to_string(answered - 1)) : -1;
    stop(again);
    std::printf("# enqueue: %ld requests answered, %s; task %ld after a restart: HTTP %d\n",
                answered, all_202 ? "every one 202" : "NOT every one 202", answered - 1, last);
    std::printf("# enqueue: wrk latency p50 %.2f ms, p99 %.2f ms\n", wrk_value(out, "50%", true),
                wrk_value(out, "99%", true));
    if (!all_202 || last != 200) {
        std::printf("BENCH_FAILED server.enqueue_durable_per_s (wrk output follows)\n%s",
                    out.c_str());
        std::exit(1);
    }
    std::printf("BENCH server.enqueue_durable_per_s %.0f tasks/s\n",
                wrk_value(out, "Requests/sec:", false));
}

}  // namespace

int main(int argc, char** argv) {
    std::uint32_t tasks = 1'000'000;
    int seconds = 10;
    std::string journal_only;   // --journal-only DIR: write the loaded journal there and stop
    bool enqueue_only = false;  // --enqueue-only 1: only server.enqueue_durable_per_s
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--tasks") == 0) tasks = std::stoul(argv[i + 1]);
        if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::stoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--journal-only") == 0) journal_only = argv[i + 1];
        if (std::strcmp(argv[i], "--enqueue-only") == 0) enqueue_only = argv[i + 1][0] == '1';
    }
    if (!journal_only.empty()) {
        make_journal(journal_only, tasks);
        return 0;
    }
    const auto root = std::filesystem::temp_directory_path() /
                      ("taskcheck-bench-server-meili-" + std::to_string(getpid()));
    std::filesystem::remove_all(root);
    if (enqueue_only) {
        enqueue_figure(root / "fresh", seconds);
        std::filesystem::remove_all(root);
        return 0;
    }
    const auto built = BenchClock::now();
    make_journal(root / "loaded", tasks);
    std::fprintf(stderr, "journal of %u tasks written in %.1f s\n", tasks, seconds_since(built));

    const double scale = 1e6 / tasks;
    Child replaying = spawn_serve(root / "loaded", 16);
    std::printf("BENCH server.startup_1m_replay_s %.2f s\n", replaying.ready_s * scale);
    std::printf("BENCH server.snapshot_write_1m_s %.2f s\n", stop(replaying) * scale);
    Child child = spawn_serve(root / "loaded", 16);
    std::printf("BENCH server.startup_1m_s %.2f s\n", child.ready_s * scale);
    std::printf("BENCH server.rss_1m_mib %.0f MiB\n", rss_mib(child.pid));
    wrk_figures(child.port, tasks, seconds);
    stop(child);
    enqueue_figure(root / "fresh", seconds);
    std::filesystem::remove_all(root);
    return 0;
}
