#pragma once
// EsProfile: the `elasticsearch` simulation profile (sim/profile.hpp) — 3..5 nodes with a master,
// task trees across nodes with cancellation, and persistent tasks (sim/es_world.hpp), a
// generated workload (sim/es_workload.hpp) and the checkers of sim/checkers/es_checkers.hpp.
// Options drawn per seed, in this order from Rng(seed): duration 5..30 s; network node_count
// 3..5, one-way delay min 0..2 ms and mean min..10 ms, no baseline loss (bursts bring it); the
// profile options (draw_es_options); then swarm_fault_profile over every fault class (amnesia
// included: a wiped node rejoins with a new node id and the replicated cluster state survives).
// An EsProfile built with a planted bug (sim/es_planted_bug.hpp) is for tests only; the
// registered profile (elasticsearch_profile()) has none.
// Deterministic: every draw from the Rng passed in or Rng(seed) streams.

#include <memory>
#include <string>
#include <vector>

#include "sim/es_operation.hpp"
#include "sim/es_options.hpp"
#include "sim/es_planted_bug.hpp"
#include "sim/es_world.hpp"
#include "sim/profile.hpp"

namespace taskcheck::sim {

class EsProfile final : public Profile {
  public:
    explicit EsProfile(EsPlantedBug bug = EsPlantedBug::none) : bug_(bug) {}

    std::string_view name() const override { return "elasticsearch"; }
    ScenarioOptions draw_options(Rng& rng) const override;
    std::vector<nlohmann::ordered_json> generate_workload(
        Rng& rng, const ScenarioOptions& options) const override;
    // Rejects (InputError scenario-invalid, with the JSON Pointer) bad profile options, a
    // node_count outside 1..64 and any operation es_operation_from_json refuses.
    void validate(const Scenario& scenario, const std::string& file_name) const override;
    Nanos liveness_bound(const Scenario& scenario) const override;
    std::unique_ptr<World> make_world(const Scenario& scenario, Trace& trace) const override;

    // make_world with the concrete type, for tests that read the history or the cluster.
    std::unique_ptr<EsWorld> make_es_world(const Scenario& scenario, Trace& trace,
                                           EsRecords keeping = EsRecords::check_only) const;

  private:
    EsPlantedBug bug_;
};

// The registered `elasticsearch` profile (no planted bug).
const Profile& elasticsearch_profile();

// The profile options and operations of a scenario that passed EsProfile::validate.
EsProfileOptions es_options_of(const Scenario& scenario);
std::vector<EsOperation> es_operations_of(const Scenario& scenario);

}  // namespace taskcheck::sim
