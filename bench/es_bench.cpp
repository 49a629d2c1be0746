// bench_es: renders group_by=parents and _cat/tasks for 10,000 running tasks in trees across
// 5 nodes and prints the median of 21 runs: `BENCH es.list_parents_10k_ms <v> ms`. The main
// figures are thread CPU time (the build machine is shared and often overloaded); the *_wall_ms
// lines give wall time for comparison.
// Trees: 1,000 roots, each with 3 children and 6 grandchildren, spread round-robin over nodes,
// started 1 µs apart. The cluster is built once; each run is one full request.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

#include "model/common/assert.hpp"
#include "model/es/cat_tasks.hpp"
#include "model/es/task_cluster.hpp"

using namespace taskcheck;
using namespace taskcheck::es;

namespace {

constexpr int kNodes = 5;
constexpr int kRoots = 1000;
constexpr Nanos kT0 = 1714557600123LL * kNanosPerMilli;

TaskId start(TaskCluster& cluster, int node, const char* action, const TaskId& parent, Nanos now) {
    TaskRegistration r;
    r.action = action;
    r.cancellable = true;
    r.parent = parent;
    r.headers = {{"X-Opaque-Id", "bench"}};
    auto id = cluster.start_task("node-" + std::to_string(node % kNodes), r, now);
    TC_ASSERT(id.ok());
    return id.value();
}

void build(TaskCluster& cluster, Nanos& now) {
    for (int n = 0; n < kNodes; ++n) {
        DiscoveryNode node;
        node.id = "node-" + std::to_string(n);
        node.name = "es-" + std::to_string(n);
        node.roles = {"data", "ingest", "master"};
        node.transport_port = 9300 + n;
        cluster.join(node);
    }
    int spread = 0;
    for (int r = 0; r < kRoots; ++r) {
        const TaskId root = start(cluster, spread++, "indices:data/write/reindex", {}, now += 1000);
        for (int c = 0; c < 3; ++c) {
            const TaskId child =
                start(cluster, spread++, "indices:data/write/bulk", root, now += 1000);
            for (int g = 0; g < 2; ++g) {
                start(cluster, spread++, "indices:data/write/bulk[s]", child, now += 1000);
            }
        }
    }
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Figures {
    double cpu_ms;   // median thread CPU time: robust on a shared, overloaded machine
    double wall_ms;  // median wall time
};

double median(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

Figures measure(const std::function<std::size_t()>& run) {
    std::vector<double> cpu, wall;
    std::size_t sink = 0;
    for (int i = 0; i < 21; ++i) {
        const double cpu_begin = thread_cpu_ms();
        const auto begin = std::chrono::steady_clock::now();
        sink += run();
        const auto end = std::chrono::steady_clock::now();
        cpu.push_back(thread_cpu_ms() - cpu_begin);
        wall.push_back(std::chrono::duration<double, std::milli>(end - begin).count());
    }
    TC_ASSERT(sink > 0);
    return Figures{median(cpu), median(wall)};
}

}  // namespace

int main() {
    TaskCluster cluster;
    Nanos now = kT0;
    build(cluster, now);
    now += seconds(1);
    ListTasksRequest list;
    list.group_by = "parents";
    const Figures list_ms = measure([&] {
        const Reply reply = cluster.list(list, RequestContext{}, now);
        return reply.result->value().size();
    });
    CatTasksRequest cat;
    const Figures cat_ms = measure([&] {
        const Reply reply = cat_tasks(cluster, cat, RequestContext{}, now);
        return reply.result->value().size();
    });
    std::printf("BENCH es.list_parents_10k_ms %.2f ms\n", list_ms.cpu_ms);
    std::printf("BENCH es.cat_10k_ms %.2f ms\n", cat_ms.cpu_ms);
    std::printf("BENCH es.list_parents_10k_wall_ms %.2f ms\n", list_ms.wall_ms);
    std::printf("BENCH es.cat_10k_wall_ms %.2f ms\n", cat_ms.wall_ms);
    return 0;
}
