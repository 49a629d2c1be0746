#pragma once
// MeiliProfileOptions: the `meilisearch` profile's own options (a scenario's
// options.profile_options): how many clients and indexes the workload uses, how long a batch
// takes, and how long the liveness phase may run. Drawn per seed by draw_meili_options() and
// printed in the run's options block as profile.<key>.
// JSON: {"clients":2,"operations":200,"indexes":2,"batch_cost_base_ns":5000000,
//  "batch_cost_per_task_ns":2000000,"batch_cost_per_document_ns":100000,
//  "scheduler_wake_ns":1000000,"liveness_bound_ns":120000000000} — every key, in this order.
// Deterministic: integers only.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "sim/option_problem.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

struct MeiliProfileOptions {
    std::uint32_t clients = 2;                // client nodes 1..clients; 1..16
    std::uint32_t operations = 200;           // workload length when generated; 0..100000
    std::uint32_t indexes = 2;                // index uids the workload uses; 1..8
    Nanos batch_cost_base = ms(5);            // every batch; >= 0
    Nanos batch_cost_per_task = ms(2);        // per task in the batch; >= 0
    Nanos batch_cost_per_document = us(100);  // per document added or deleted; >= 0
    Nanos scheduler_wake = ms(1);             // idle scheduler notices new work after; >= 1 ns
    Nanos liveness_bound = seconds(120);      // liveness phase length at most; >= 1 s

    std::optional<OptionProblem> validate() const;
};

void to_json(nlohmann::ordered_json& out, const MeiliProfileOptions& options);
// Missing keys keep their defaults; unknown keys are rejected; the result is validated.
Result<MeiliProfileOptions, OptionProblem> meili_options_from_json(
    const nlohmann::ordered_json& in);

// Draws options for one seed: 1..4 clients, 20..400 operations, 1..3 indexes, batch costs
// 1..50 ms base, 0..5 ms per task, 0..1 ms per document; scheduler_wake 1 ms; bound 120 s.
MeiliProfileOptions draw_meili_options(Rng& rng);

}  // namespace taskcheck::sim
