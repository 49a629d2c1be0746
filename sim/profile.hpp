#pragma once
// Profile and World: the seam between the shared simulation driver (sim/driver.hpp) and one
// system under simulation ("meilisearch", "elasticsearch"). The driver owns the run — options
// from the seed, the event loop, the two phases, determinism checks, replay, shrinking and the
// verdict; a profile supplies only what is specific to its system:
//   - options:   draw_options() draws every option of a run from the seed (swarm testing);
//   - workload:  generate_workload() draws the explicit operation list up front (STYLE.md §14);
//   - world:     make_world() builds nodes, clients and network from a Scenario and schedules its
//                operations and faults; the World executes events (operations, deliveries,
//                faults, node work) and records what happened in the trace;
//   - checkers:  World::check() runs the profile's invariants and returns the first violation;
//   - liveness:  World::enter_liveness() heals and stops faults; World::pending() says in one
//                line why the system has not converged yet, or nothing once it has.
//
// Run protocol (what the driver does, in order; a World may rely on it):
//   1. world = profile.make_world(scenario, trace)   — events for every operation and fault of
//      the scenario are scheduled on world->queue();
//   2. safety phase: pop and handle() every event with time <= scenario.options.duration;
//   3. world->enter_liveness() once, at time duration; faults scheduled later must be ignored;
//   4. liveness phase: pop and handle() events while pending() is engaged, the queue is not empty
//      and the next event is before duration + liveness_bound(scenario); checks pending() after
//      every event;
//   5. world->check() — the checkers over everything recorded in both phases. A violation there
//      is a safety failure; otherwise an engaged pending() is a liveness failure with its reason.
//
// Determinism promise a profile must keep: make_world and every World call draw randomness only
// from Rng(scenario.seed).stream(...) streams, never read a real clock, never let unordered
// container order or pointer values reach the trace; the same Scenario gives the same trace.
// Replay needs nothing else: the scenario's workload and faults are explicit.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/time.hpp"
#include "sim/event_queue.hpp"
#include "sim/rng.hpp"
#include "sim/scenario_file.hpp"
#include "sim/trace.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// One run in progress. Built by Profile::make_world; owned and driven by the driver.
class World {
  public:
    virtual ~World() = default;

    // The run's agenda and clock; the driver pops from it.
    virtual EventQueue& queue() = 0;
    // Executes one popped event (an operation, a delivery, a fault, node work).
    virtual void handle(const Event& event) = 0;
    // Heals every partition and burst, brings crashed or paused nodes back, and ignores later
    // fault events (STYLE.md §13). Called once, at the end of the safety phase.
    virtual void enter_liveness() = 0;
    // Nothing iff the system has converged (e.g. every task terminal, nothing in flight);
    // otherwise one line such as "task 41 still processing on meili-0".
    virtual std::optional<std::string> pending() const = 0;
    // The profile's checkers over everything recorded so far; the violation with the smallest
    // event index, or nothing.
    virtual std::optional<Violation> check() const = 0;
    // Events recorded (trace lines, counted even when the trace is off).
    virtual std::uint64_t events() const = 0;
    // One line of figures for the run summary, e.g. "tasks=120 succeeded=97 canceled=12 ...".
    virtual std::string summary() const = 0;
};

class Profile {
  public:
    virtual ~Profile() = default;

    // "meilisearch", "elasticsearch": the --profile value and the scenario's "profile".
    virtual std::string_view name() const = 0;

    // Every option of a run drawn from `rng` in a fixed order: duration, network (node_count
    // included), fault profile and the profile's own options. The driver prints them before the
    // run and stores them in the scenario file.
    virtual ScenarioOptions draw_options(Rng& rng) const = 0;

    // The explicit workload for `options`, drawn from `rng` (STYLE.md §14).
    virtual std::vector<nlohmann::ordered_json> generate_workload(
        Rng& rng, const ScenarioOptions& options) const = 0;

    // Throws InputError (scenario-invalid, with `file_name` and the JSON Pointer of the offending
    // value) when the scenario's profile options or workload are not this profile's.
    virtual void validate(const Scenario& scenario, const std::string& file_name) const = 0;

    // Simulated time after `duration` within which the liveness phase must converge.
    virtual Nanos liveness_bound(const Scenario& scenario) const = 0;

    // A world for `scenario` with every operation and fault scheduled. `trace` must outlive the
    // world. Requires: validate(scenario) passed.
    virtual std::unique_ptr<World> make_world(const Scenario& scenario, Trace& trace) const = 0;
};

// The profile named `name`, or nullptr. The table is in sim/profiles.cpp: one line per profile,
// naming the function that returns it (meilisearch_profile() in sim/meili_profile.hpp; a new
// profile adds its line there and its library to taskcheck_sim_profiles in sim/CMakeLists.txt).
const Profile* find_profile(std::string_view name);

// The names accepted by find_profile, in a fixed order, for --help and error messages.
std::vector<std::string> profile_names();

}  // namespace taskcheck::sim
