#pragma once
// The simulation driver shared by every profile (sim/profile.hpp): builds a run from a seed,
// runs it through the safety and liveness phases, checks determinism, and shrinks failures.
// It knows nothing of Meilisearch or Elasticsearch; the Profile supplies the world.
//
//   seed --draw_options, generate_workload, generate_fault_schedule--> Scenario
//   Scenario --run_scenario--> RunOutcome (events, trace hash, violation or liveness reason)
//
// Determinism: a Scenario is everything a run depends on; scenario_from_seed draws it from
// Rng(seed) in a fixed order (options, then Rng::stream("workload"), then the fault streams), so
// run_scenario(scenario_from_seed(p, s)) and run_scenario(load_scenario_file(saved)) give the
// same trace hash. No wall clock, no globals.

#include <cstdint>
#include <optional>
#include <string>

#include "sim/profile.hpp"
#include "sim/scenario_file.hpp"
#include "sim/shrink.hpp"
#include "sim/trace.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// The invariant name a liveness failure carries in its Violation.
inline constexpr const char* kLivenessInvariant = "liveness";

struct RunOutcome {
    std::uint64_t events = 0;      // World::events()
    std::uint64_t trace_hash = 0;  // the trace's hash (kTraceHashSeed when the trace is off)
    Nanos end_time = 0;            // simulated time when the run stopped
    FailureClass failure_class = FailureClass::safety;
    std::optional<Violation> violation;  // empty iff the run passed
    std::string summary;                 // World::summary()

    bool passed() const { return !violation.has_value(); }
};

// The scenario of `seed` for `profile`: options from Rng(seed) (draw_options), the workload from
// Rng(seed).stream("workload"), the faults from generate_fault_schedule(Rng(seed), ...).
Scenario scenario_from_seed(const Profile& profile, std::uint64_t seed);

// Runs `scenario` (protocol in sim/profile.hpp) recording into `trace`. A safety violation from
// World::check() wins over a liveness failure; a liveness failure is a Violation with invariant
// "liveness", the time the bound ran out, and pending()'s reason as detail.
// Requires: profile.validate(scenario) passed.
RunOutcome run_scenario(const Profile& profile, const Scenario& scenario, Trace& trace);

// Runs an already built `world` for `scenario` (what run_scenario does after make_world), for
// tests that need the world afterwards. Requires: world came from profile.make_world(scenario,
// trace) and has not run yet.
RunOutcome run_world(World& world, const Profile& profile, const Scenario& scenario,
                     const Trace& trace);

// run_scenario with the trace in `mode`, for callers that need only the outcome.
RunOutcome run_scenario(const Profile& profile, const Scenario& scenario,
                        TraceMode mode = TraceMode::hash);

// Runs `scenario` twice with full traces. `divergence` is engaged iff the traces differ (and then
// names the first differing line).
struct DeterminismReport {
    std::uint64_t hash_a = 0;
    std::uint64_t hash_b = 0;
    std::uint64_t events = 0;
    std::optional<TraceDivergence> divergence;
};
DeterminismReport check_determinism(const Profile& profile, const Scenario& scenario);

// The smallest sub-scenario (ddmin over operations, then faults) that still fails with the same
// failure class and invariant as `failure`. Requires: failure.violation is engaged.
Scenario shrink_failure(const Profile& profile, const Scenario& scenario, const RunOutcome& failure,
                        ShrinkResult* result = nullptr, const ShrinkOptions& options = {});

// The block that opens a run: "profile = ...", "seed = N", then every option of the scenario
// (format_options_block of its options JSON), then "workload.operations = N" and
// "faults.entries = N".
std::string run_options_block(const Scenario& scenario);

}  // namespace taskcheck::sim
