// bench_server [--records N] [--appends N]: the journal's durability and start-up figures.
// Prints, one line each:
//   BENCH server.journal_append_8t_per_s <n> appends/s  8 threads, ~180-byte commands, each
//         append() returning only once its record is fsync'd (group commit shares the fsyncs)
//   BENCH server.journal_append_64t_per_s <n> appends/s  the same from 64 threads (as many
//         requests in flight as a server with a 64-thread pool)
// The journal alone, without HTTP or the model: the ceiling of server.enqueue_durable_per_s,
// which bench_server_meili measures end to end.
//   BENCH server.journal_replay_1m_s <s> s            open + check pass + delivering pass over
//         1 M records (the journal part of server.startup_1m_s, budget 2 s); with
//         --records N the time is scaled to 1 M
//   BENCH server.journal_replay_1m_cpu_s <s> s        the CPU time of the same (user + system)
// The journals live in a fresh directory under the system temp dir, removed at the end.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "server/journal.hpp"

using namespace taskcheck::server;
using BenchClock = std::chrono::steady_clock;

namespace {

double seconds_since(BenchClock::time_point start) {
    return std::chrono::duration<double>(BenchClock::now() - start).count();
}

// User + system CPU time of this process: on a shared machine, wall time also counts waiting.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto to_s = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return to_s(usage.ru_utime) + to_s(usage.ru_stime);
}

// A command shaped like a Meilisearch documentAdditionOrUpdate enqueue, ~180 bytes.
std::string sample_command(std::uint64_t n) {
    return R"({"kind":"enqueue","now":1714557600123456789,"task":{"type":"documentAdditionOrUpdate",)"
           R"("indexUid":"movies","details":{"receivedDocuments":100},"n":)" +
           std::to_string(n) + "}}";
}

JournalOptions options_in(const std::filesystem::path& dir) {
    JournalOptions options;
    options.data_dir = dir;
    return options;
}

// Appends `appends` records from `threads` threads; prints `figure` in appends/s.
void bench_durable_appends(const std::filesystem::path& dir, const char* figure, int threads_n,
                           int appends) {
    Journal journal(options_in(dir));
    std::atomic<int> next = 0;
    auto start = BenchClock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < threads_n; ++t) {
        threads.emplace_back([&] {
            for (int n = next++; n < appends; n = next++)
                journal.append(sample_command(n));
        });
    }
    for (auto& thread : threads)
        thread.join();
    double elapsed = seconds_since(start);
    std::printf("BENCH %s %.0f appends/s\n", figure, appends / elapsed);
    std::fflush(stdout);
    std::fprintf(stderr, "bench_server: %d threads, %d appends in %llu groups (%.1f per group)\n",
                 threads_n, appends, static_cast<unsigned long long>(journal.groups_written()),
                 static_cast<double>(appends) / static_cast<double>(journal.groups_written()));
}

void fill_journal(const std::filesystem::path& dir, int records) {
    Journal journal(options_in(dir));
    for (int n = 0; n < records; ++n) {
        journal.submit(sample_command(n));
        if ((n + 1) % 16'384 == 0) journal.flush();
    }
    journal.flush();
}

void bench_replay(const std::filesystem::path& dir, int records) {
    fill_journal(dir, records);
    auto start = BenchClock::now();
    double cpu_start = cpu_seconds();
    Journal journal(options_in(dir));
    std::uint64_t bytes = 0;
    std::uint64_t count =
        journal.replay([&](const JournalRecord& r) { bytes += r.command.size(); });
    double elapsed = seconds_since(start);
    double cpu = cpu_seconds() - cpu_start;
    if (count != static_cast<std::uint64_t>(records)) {
        std::fprintf(stderr, "bench_server: replayed %llu of %d records\n",
                     static_cast<unsigned long long>(count), records);
        std::exit(1);
    }
    double scale = 1'000'000.0 / records;
    std::printf("BENCH server.journal_replay_1m_s %.3f s\n", elapsed * scale);
    std::printf("BENCH server.journal_replay_1m_cpu_s %.3f s\n", cpu * scale);
    std::fprintf(stderr, "bench_server: replayed %d records, %llu bytes, in %.3f s (%.3f s CPU)\n",
                 records, static_cast<unsigned long long>(bytes), elapsed, cpu);
}

int flag_value(int argc, char** argv, const char* name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
    }
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    int appends = flag_value(argc, argv, "--appends", 40'000);
    int records = flag_value(argc, argv, "--records", 1'000'000);
    std::filesystem::path root = std::filesystem::temp_directory_path() /
                                 ("taskcheck-bench-server-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    bench_durable_appends(root / "appends-8", "server.journal_append_8t_per_s", 8, appends);
    bench_durable_appends(root / "appends-64", "server.journal_append_64t_per_s", 64, appends);
    bench_replay(root / "replay", records);
    std::filesystem::remove_all(root);
    return 0;
}
