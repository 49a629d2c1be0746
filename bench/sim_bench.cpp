// bench_sim: events per second of the simulator's event loop, with and without a trace, next to a
// bare std::priority_queue loop doing the same work.
//
// Method (the "hold" model of event-set benchmarks): keep `pending` events in the queue; each
// iteration pops the earliest and schedules one new event 1 ns..1 ms later, drawn from our Rng,
// and dispatches on the kind with a switch, as a world does. Every loop does the same draws, so
// the difference between loops is the queue (and the trace). Best of three runs, timed in process
// CPU time (CLOCK_PROCESS_CPUTIME_ID), not wall time: the build machines are shared and often run
// several times more jobs than cores, and CPU time is what the loop itself costs. The benchmark
// is the only place in sim/ that reads a clock.
// Prints `BENCH <figure> <value> <unit>` lines; `#` lines are context.

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <queue>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/rng.hpp"
#include "sim/trace.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;

namespace {

constexpr std::uint64_t kEvents = 5'000'000;
constexpr std::uint64_t kPending = 1024;
constexpr Nanos kDelayMax = 1'000'000;

struct BareEvent {
    Nanos time;
    std::uint64_t sequence;
    std::uint64_t arg;
    bool operator>(const BareEvent& other) const {
        return time > other.time || (time == other.time && sequence > other.sequence);
    }
};

std::uint64_t dispatch(EventKind kind, std::uint64_t arg) {
    switch (kind) {
        case EventKind::timer:
            return arg;
        case EventKind::message_delivery:
            return arg * 3;
        default:
            return 1;
    }
}

// Returns a checksum so the loop cannot be optimised away.
std::uint64_t run_event_queue(std::uint64_t events, Trace* trace) {
    EventQueue queue;
    Rng rng(1);
    for (std::uint64_t i = 0; i < kPending; ++i) {
        queue.schedule(rng.int_inclusive(1, kDelayMax), EventKind::timer, 0, i);
    }
    std::uint64_t checksum = 0;
    for (std::uint64_t i = 0; i < events; ++i) {
        const Event event = queue.pop();
        checksum += dispatch(event.kind, event.arg);
        if (trace && trace->enabled()) {
            trace->begin(event.time, event.node, "timer").field("arg", event.arg).end();
        }
        queue.schedule_after(rng.int_inclusive(1, kDelayMax), event.kind,
                             static_cast<NodeId>(i & 7), event.arg + 1);
    }
    return checksum + (trace ? trace->hash() : 0);
}

std::uint64_t run_bare_heap(std::uint64_t events) {
    std::priority_queue<BareEvent, std::vector<BareEvent>, std::greater<BareEvent>> queue;
    Rng rng(1);
    std::uint64_t sequence = 0;
    for (std::uint64_t i = 0; i < kPending; ++i) {
        queue.push(BareEvent{rng.int_inclusive(1, kDelayMax), sequence++, i});
    }
    std::uint64_t checksum = 0;
    for (std::uint64_t i = 0; i < events; ++i) {
        const BareEvent event = queue.top();
        queue.pop();
        checksum += dispatch(EventKind::timer, event.arg);
        queue.push(
            BareEvent{event.time + rng.int_inclusive(1, kDelayMax), sequence++, event.arg + 1});
    }
    return checksum;
}

double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double best_rate(const std::function<std::uint64_t()>& run, std::uint64_t events) {
    double best = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const double start = cpu_seconds();
        const std::uint64_t checksum = run();
        const double took = cpu_seconds() - start;
        std::printf("# run %d: %.3f cpu s checksum %llu\n", attempt, took,
                    static_cast<unsigned long long>(checksum));
        best = std::max(best, static_cast<double>(events) / took);
    }
    return best;
}

}  // namespace

int main() {
    std::printf("# %llu events, %llu pending, delays 1 ns..1 ms, best of 3\n",
                static_cast<unsigned long long>(kEvents),
                static_cast<unsigned long long>(kPending));
    const double bare = best_rate([] { return run_bare_heap(kEvents); }, kEvents);
    const double off = best_rate(
        [] {
            Trace trace(TraceMode::off);
            return run_event_queue(kEvents, &trace);
        },
        kEvents);
    const double traced = best_rate(
        [] {
            Trace trace(TraceMode::hash);
            return run_event_queue(kEvents, &trace);
        },
        kEvents);
    constexpr std::uint64_t kKeptEvents = 1'000'000;
    const double kept = best_rate(
        [] {
            Trace trace(TraceMode::full);
            return run_event_queue(kKeptEvents, &trace);
        },
        kKeptEvents);
    std::printf("BENCH sim.bare_heap_events_per_s %.0f events/s\n", bare);
    std::printf("BENCH sim.events_per_s %.0f events/s\n", off);
    std::printf("BENCH sim.events_per_s_traced %.0f events/s\n", traced);
    std::printf("BENCH sim.events_per_s_traced_kept %.0f events/s\n", kept);
    std::printf("BENCH sim.events_vs_bare_heap %.2f x\n", off / bare);
    return 0;
}
