// sim.property_cases_per_s: how many cases of a 100-step stateful RapidCheck property of the
// meilisearch profile run per second of CPU time. One case = RapidCheck generates 100 state
// commands (sim/tests/meili_commands.hpp: documents, cancels, deletions, list walks, crashes and
// amnesia restarts, windowed faults, clock jumps), writes them into a scenario, and the driver
// runs it through the safety and liveness phases with every checker (run_scenario, trace off) —
// the property must hold. 2,000 cases, seed 1, no shrinking; best of three; CPU time
// (CLOCK_PROCESS_CPUTIME_ID) because the build machine is shared.
// Usage: bench_sim_property [cases [rounds]] (defaults 2000 and 3; fewer cases for profiling
// under perf or callgrind — the figure is always measured with the defaults).
// Prints: BENCH sim.property_cases_per_s <v> cases/s, and `#` context lines.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "sim/driver.hpp"
#include "sim/meili_profile.hpp"
#include "sim/tests/meili_commands.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;
using namespace taskcheck::sim::testing;

namespace {

constexpr std::size_t kSteps = 100;

double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Exactly kSteps commands (rc::state::gen::commands would vary the length with the size).
Scenario hundred_step_scenario() {
    const auto command = rc::state::gen::execOneOfWithArgs<AddDocuments, AddDocuments, AddDocuments,
                                                           CancelTasks, DeleteTasks, ListTasks,
                                                           CrashRestart, WindowFault, ClockJump>();
    ScenarioClock clock;
    const auto commands = *rc::gen::container<std::vector<std::shared_ptr<const MeiliCommand>>>(
        kSteps, command(clock));
    MeiliScenarioBuilder builder;
    for (const auto& step : commands) {
        step->run(clock, builder);
        step->apply(clock);
    }
    return std::move(builder).build();
}

std::uint64_t g_operations = 0;

}  // namespace

int main(int argc, char** argv) {
    const int cases = argc > 1 ? std::atoi(argv[1]) : 2000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    if (cases <= 0 || rounds <= 0) {
        std::fprintf(stderr, "usage: bench_sim_property [cases [rounds]] (both > 0)\n");
        return 2;
    }
    const std::string params =
        "seed=1 max_success=" + std::to_string(cases) + " max_size=100 noshrink=1";
    setenv("RC_PARAMS", params.c_str(), 1);
    double best = 0;
    for (int round = 0; round < rounds; ++round) {
        g_operations = 0;
        const double start = cpu_seconds();
        const bool ok = rc::check("100-step meilisearch scenarios pass every checker", [] {
            const Scenario scenario = hundred_step_scenario();
            g_operations += scenario.workload.size();
            RC_ASSERT(run_scenario(meilisearch_profile(), scenario, TraceMode::off).passed());
        });
        const double cpu = cpu_seconds() - start;
        if (!ok) return 1;
        best = std::max(best, cases / cpu);
        std::printf("# round %d: %d cases, %llu operations, %.3f s CPU\n", round, cases,
                    static_cast<unsigned long long>(g_operations), cpu);
    }
    std::printf("BENCH sim.property_cases_per_s %.0f cases/s\n", best);
    return 0;
}
