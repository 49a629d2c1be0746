#pragma once
// MeiliProfile: the `meilisearch` simulation profile (sim/profile.hpp) — one Meilisearch v1.1
// instance and 1..4 clients (sim/meili_world.hpp), a generated workload of every route
// (sim/meili_workload.hpp) and the six checkers of sim/checkers/.
// Options drawn per seed, in this order from Rng(seed): duration 5..60 s; the profile options
// (draw_meili_options); network: node_count = clients + 1, one-way delay min 0..2 ms and mean
// min..20 ms, no baseline loss (bursts bring it); then swarm_fault_profile over every fault class
// with amnesia_probability forced to 0 (one instance cannot survive a lost disk).
// A MeiliProfile built with a planted bug (sim/meili_planted_bug.hpp) is for tests only; the
// registered profile (meilisearch_profile()) has none.
// Deterministic: every draw from the Rng passed in or Rng(seed) streams.

#include <memory>
#include <vector>

#include "sim/meili_operation.hpp"
#include "sim/meili_options.hpp"
#include "sim/meili_planted_bug.hpp"
#include "sim/meili_world.hpp"
#include "sim/profile.hpp"

namespace taskcheck::sim {

class MeiliProfile final : public Profile {
  public:
    explicit MeiliProfile(MeiliPlantedBug bug = MeiliPlantedBug::none) : bug_(bug) {}

    std::string_view name() const override { return "meilisearch"; }
    ScenarioOptions draw_options(Rng& rng) const override;
    std::vector<nlohmann::ordered_json> generate_workload(
        Rng& rng, const ScenarioOptions& options) const override;
    void validate(const Scenario& scenario, const std::string& file_name) const override;
    Nanos liveness_bound(const Scenario& scenario) const override;
    std::unique_ptr<World> make_world(const Scenario& scenario, Trace& trace) const override;

    // make_world with the concrete type, for tests that read the history (MeiliRecords::keep)
    // or the model.
    std::unique_ptr<MeiliWorld> make_meili_world(
        const Scenario& scenario, Trace& trace,
        MeiliRecords keeping = MeiliRecords::check_only) const;

  private:
    MeiliPlantedBug bug_;
};

// The registered `meilisearch` profile (no planted bug).
const Profile& meilisearch_profile();

// The profile options and operations of a scenario that passed MeiliProfile::validate.
MeiliProfileOptions meili_options_of(const Scenario& scenario);
std::vector<MeiliOperation> meili_operations_of(const Scenario& scenario);
// The same when the caller has the options already: `clients` = profile_options.clients.
std::vector<MeiliOperation> meili_operations_of(const Scenario& scenario, std::uint32_t clients);

}  // namespace taskcheck::sim
