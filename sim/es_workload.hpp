#pragma once
// The `elasticsearch` profile's workload generator: the explicit list of client operations of one
// run, drawn up front (STYLE.md §14) so that replay and shrinking are list edits.
// Mix (weights out of 100): start_tree 40, cancel_task 10, cancel_actions 4, cancel_children 6,
// create_persistent 14, update_persistent 16, complete_persistent 10. Times are uniform over
// [0, duration] and sorted; coordinating nodes uniform. Trees are labelled 0, 1, 2 ... in draw
// order and cancels name a tree drawn so far; persistent ids are "job-0", "job-1" ... with
// executor "sim/job-a" or "sim/job-b", and updates / completions name an id created so far.
// Cancel patterns: "indices:data/write/reindex" or "indices:data/write/bulk*".
// Deterministic: draws only from `rng`, the same number for every operation.

#include <cstdint>
#include <vector>

#include "model/common/time.hpp"
#include "sim/es_operation.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

struct EsWorkloadOptions {
    std::uint32_t operations = 200;  // list length
    std::uint32_t node_count = 3;    // >= 1
    Nanos duration = seconds(60);    // operations happen in [0, duration]; >= 0
};

// `options.operations` operations sorted by time (ties keep draw order).
std::vector<EsOperation> generate_es_workload(Rng& rng, const EsWorkloadOptions& options);

}  // namespace taskcheck::sim
