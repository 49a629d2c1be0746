// Meilisearch v1.1 queue benchmark (issue 2 figures). Registers 1,000,000 tasks on 10 indexes
// (one of them `movies`), every 7th document addition without an id field so that it fails,
// processes them all, then times the query
//   statuses=failed&types=documentAdditionOrUpdate&indexUids=movies&limit=20
// Prints `BENCH <figure> <value> <unit>` lines. The wall clock is read here, never in the model.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "model/meili/task_queue.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kTasks = 1'000'000;
constexpr int kChunk = 10'000;

double resident_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

AddDocuments request(int i) {
    AddDocuments r;
    r.index_uid = i % 10 == 0 ? "movies" : "index" + std::to_string(i % 10);
    nlohmann::ordered_json doc;
    if (i % 7 == 0) {
        doc["title"] = i;
    } else {
        doc["id"] = i;
    }
    r.documents = nlohmann::ordered_json::array({doc});
    return r;
}

}  // namespace

int main() {
    TaskQueue queue;
    Nanos now = make_instant(CivilDate{2023, 4, 1}, 0, 0, 0, 0);
    double register_ns = 0;
    for (int base = 0; base < kTasks; base += kChunk) {
        std::vector<TaskRequest> chunk;
        chunk.reserve(kChunk);
        for (int i = base; i < base + kChunk; ++i)
            chunk.emplace_back(request(i));
        auto t0 = Clock::now();
        for (const TaskRequest& r : chunk)
            queue.enqueue(r, now += us(10));
        register_ns += std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
        // Process as we go, like a server would, so payloads do not pile up.
        while (!queue.start_next_batch(now += us(10)).empty())
            queue.finish_batch(now += ms(1));
    }
    std::printf("BENCH meili.register_ns %.0f ns\n", register_ns / kTasks);

    TaskQuery q;
    q.limit = 20;
    q.statuses = std::vector<Status>{Status::failed};
    q.types = std::vector<Kind>{Kind::document_addition_or_update};
    q.index_uids = std::vector<std::string>{"movies"};
    std::vector<double> samples;
    std::size_t checksum = 0;
    for (int i = 0; i < 2000; ++i) {
        auto t0 = Clock::now();
        TaskPage page = queue.list_tasks(q);
        samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        checksum += page.results.size();
    }
    std::sort(samples.begin(), samples.end());
    if (checksum != 2000u * 20u) {
        std::fprintf(stderr, "unexpected page size: %zu\n", checksum);
        return 1;
    }
    std::printf("BENCH meili.query_1m_p50_us %.1f us\n", samples[samples.size() / 2]);
    std::printf("BENCH meili.rss_1m_mib %.0f MiB\n", resident_mib());
    return 0;
}
