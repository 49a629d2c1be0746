// sim.compression_x: how many simulated seconds the elasticsearch profile runs per second of CPU
// time, for a 5-node cluster receiving 100 tasks/s (a start_tree of one task every 10 ms, each
// running 100 ms..2 s in 100 ms steps) for 600 simulated seconds, with no faults and the trace
// off. CPU time (std::clock) because the shared build machine is heavily loaded; best of three.
// Prints: BENCH sim.compression_x <v> x
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "sim/es_world.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;

int main() {
    const Nanos duration = seconds(600);
    Scenario scenario;
    scenario.profile = "elasticsearch";
    scenario.seed = 1;
    scenario.options.duration = duration;
    scenario.options.network.node_count = 5;
    std::vector<EsOperation> ops;
    for (Nanos at = 0; at < duration; at += ms(10)) {
        EsOperation op;
        op.at = at;
        op.node = static_cast<std::uint32_t>(ops.size() % 5);
        op.tree = static_cast<std::uint32_t>(ops.size());
        ops.push_back(op);
    }
    double best = 0;
    std::printf("# sizeof(EsRecord)=%zu\n", sizeof(EsRecord));
    for (int round = 0; round < 3; ++round) {
        Trace trace(TraceMode::off);
        EsWorld world(scenario, EsProfileOptions{}, ops, trace);
        const std::clock_t start = std::clock();
        while (!world.queue().empty() && world.queue().next_time() <= duration)
            world.handle(world.queue().pop());
        const double cpu = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
        best = std::max(best, (static_cast<double>(duration) / 1e9) / cpu);
        std::printf("# round %d: %llu records, %.3f s CPU\n", round,
                    static_cast<unsigned long long>(world.events()), cpu);
    }
    std::printf("BENCH sim.compression_x %.0f x\n", best);
    return 0;
}
