#pragma once
// EsProfileOptions: the `elasticsearch` profile's own options (a scenario's
// options.profile_options): workload size, how long tree tasks run, and the cluster's timing
// (follower checks, election, request retries) and the liveness bound. The node count is the
// network's (options.network.node_count, 3..7 for this profile). Drawn per seed by
// draw_es_options() and printed in the run's options block as profile.<key>.
// JSON: {"operations":200,"task_run_min_ns":..,"task_run_max_ns":..,"step_interval_ns":..,
//  "follower_check_interval_ns":..,"follower_check_retries":3,"election_delay_ns":..,
//  "retry_interval_ns":..,"liveness_bound_ns":..} — every key, in this order.
// Deterministic: integers only.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "sim/option_problem.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

struct EsProfileOptions {
    std::uint32_t operations = 200;              // workload length when generated; 0..100000
    Nanos task_run_min = ms(100);                // a tree task runs at least this; >= 1 ns
    Nanos task_run_max = seconds(2);             // ... and at most this; >= task_run_min
    Nanos step_interval = ms(100);               // a running task does one work step per; >= 1 ns
    Nanos follower_check_interval = seconds(1);  // master pings every node this often; >= 1 ms
    std::uint32_t follower_check_retries = 3;    // missed pings before a node is removed; 1..100
    Nanos election_delay = seconds(2);           // a lost master is replaced after; >= 1 ms
    Nanos retry_interval = ms(500);              // unanswered requests are resent after; >= 1 ms
    Nanos liveness_bound = seconds(60);          // liveness phase length at most; >= 1 s

    std::optional<OptionProblem> validate() const;
};

void to_json(nlohmann::ordered_json& out, const EsProfileOptions& options);
// Missing keys keep their defaults; unknown keys are rejected; the result is validated.
Result<EsProfileOptions, OptionProblem> es_options_from_json(const nlohmann::ordered_json& in);

// Draws options for one seed: 50..400 operations, task runs 50..500 ms min and up to 5 s max,
// steps 50..200 ms, follower checks every 0.5..2 s with 2..4 retries, elections 1..3 s, retries
// 200..1000 ms, bound 60 s. Always the same number of draws.
EsProfileOptions draw_es_options(Rng& rng);

}  // namespace taskcheck::sim
