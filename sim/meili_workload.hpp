#pragma once
// The `meilisearch` profile's workload generator: the explicit list of client operations of one
// run, drawn up front (STYLE.md §14) so that replay and shrinking are list edits.
// Mix (weights out of 98): add_documents 28 (1 in 10 with a bad document), delete_documents 6,
// clear_documents 2, update_settings 6, create_index 6, update_index 2, delete_index 3,
// swap_indexes 2, create_dump 1, create_snapshot 1, cancel_tasks 12, delete_tasks 3,
// list_tasks 18, get_task 8. Times: half the gaps 0..2 ms (bursts), the others 0..2x the mean gap,
// capped at duration; clients uniform. Cancel/delete/list queries come from a fixed set of
// templates over statuses, types, indexUids and uids (uids near the number of tasks registered so
// far), lists with limit 1..5. Deterministic: draws only from `rng`, a fixed number per operation
// kind.

#include <cstdint>
#include <vector>

#include "model/common/time.hpp"
#include "sim/meili_operation.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

struct MeiliWorkloadOptions {
    std::uint32_t operations = 200;  // list length
    std::uint32_t clients = 2;       // >= 1
    std::uint32_t indexes = 2;       // index uids "idx0".."idx<n-1>"; >= 1
    Nanos duration = seconds(60);    // operations happen in [0, duration]; >= 0
};

// `options.operations` operations sorted by time (ties keep draw order).
std::vector<MeiliOperation> generate(Rng& rng, const MeiliWorkloadOptions& options);

}  // namespace taskcheck::sim
