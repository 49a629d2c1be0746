#include "sim/driver.hpp"

#include "model/common/assert.hpp"
#include "sim/clock.hpp"
#include "sim/options_block.hpp"

namespace taskcheck::sim {

Scenario scenario_from_seed(const Profile& profile, std::uint64_t seed) {
    Scenario scenario;
    scenario.profile = std::string(profile.name());
    scenario.seed = seed;
    Rng rng(seed);
    scenario.options = profile.draw_options(rng);
    Rng workload_rng = Rng(seed).stream("workload");
    scenario.workload = profile.generate_workload(workload_rng, scenario.options);
    scenario.faults =
        generate_fault_schedule(Rng(seed), scenario.options.fault_profile,
                                scenario.options.duration, scenario.options.network.node_count);
    return scenario;
}

RunOutcome run_scenario(const Profile& profile, const Scenario& scenario, Trace& trace) {
    std::unique_ptr<World> world = profile.make_world(scenario, trace);
    return run_world(*world, profile, scenario, trace);
}

RunOutcome run_world(World& world_ref, const Profile& profile, const Scenario& scenario,
                     const Trace& trace) {
    World* world = &world_ref;
    EventQueue& queue = world->queue();
    const Nanos duration = scenario.options.duration;
    while (!queue.empty() && queue.next_time() <= duration)
        world->handle(queue.pop());
    if (queue.now() < duration) queue.advance_to(duration);
    world->enter_liveness();
    const Nanos deadline = duration + profile.liveness_bound(scenario);
    std::optional<std::string> pending = world->pending();
    while (pending && !queue.empty() && queue.next_time() <= deadline) {
        world->handle(queue.pop());
        pending = world->pending();
    }
    RunOutcome outcome;
    outcome.events = world->events();
    outcome.trace_hash = trace.hash();
    outcome.end_time = queue.now();
    outcome.summary = world->summary();
    outcome.violation = world->check();
    if (outcome.violation || !pending) return outcome;
    outcome.failure_class = FailureClass::liveness;
    Violation v;
    v.invariant = kLivenessInvariant;
    v.time = queue.empty() ? queue.now() : deadline;
    v.event_index = outcome.events;
    v.detail = "not converged " + format_sim_time(deadline - duration) +
               " after faults stopped: " + *pending;
    outcome.violation = v;
    return outcome;
}

RunOutcome run_scenario(const Profile& profile, const Scenario& scenario, TraceMode mode) {
    Trace trace(mode);
    return run_scenario(profile, scenario, trace);
}

DeterminismReport check_determinism(const Profile& profile, const Scenario& scenario) {
    Trace a(TraceMode::full);
    Trace b(TraceMode::full);
    const RunOutcome first = run_scenario(profile, scenario, a);
    run_scenario(profile, scenario, b);
    DeterminismReport report;
    report.hash_a = a.hash();
    report.hash_b = b.hash();
    report.events = first.events;
    report.divergence = first_divergence(a, b);
    TC_ASSERT_EQ(report.divergence.has_value(), report.hash_a != report.hash_b);
    return report;
}

Scenario shrink_failure(const Profile& profile, const Scenario& scenario, const RunOutcome& failure,
                        ShrinkResult* result, const ShrinkOptions& options) {
    TC_ASSERT(failure.violation.has_value());
    const std::string invariant = failure.violation->invariant;
    const FailureClass failure_class = failure.failure_class;
    auto still_fails = [&](const Scenario& candidate) {
        const RunOutcome outcome = run_scenario(profile, candidate, TraceMode::off);
        return outcome.violation && outcome.failure_class == failure_class &&
               outcome.violation->invariant == invariant;
    };
    return shrink_scenario(scenario, still_fails, options, result);
}

std::string run_options_block(const Scenario& scenario) {
    nlohmann::ordered_json options;
    to_json(options, scenario.options);
    std::string out = "profile = " + scenario.profile + "\n";
    out += "seed = " + std::to_string(scenario.seed) + "\n";
    out += format_options_block("", options);
    out += "workload.operations = " + std::to_string(scenario.workload.size()) + "\n";
    out += "faults.entries = " + std::to_string(scenario.faults.size()) + "\n";
    return out;
}

}  // namespace taskcheck::sim
