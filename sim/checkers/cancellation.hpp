#pragma once
// check_cancellation: taskCancelation does what spec/meilisearch.md §3 "Cancelation" says.
//  1. When cancelation C's batch ends, every task C captured that was not terminal when C's
//     batch started is now canceled with canceledBy = C (including tasks of a batch C aborted).
//  2. A task becomes canceled only during the batch of the cancelation named in its canceledBy,
//     and only if that cancelation captured it.
//  3. No captured task starts after its cancelation succeeded.
//  4. C's canceledTasks counts the documentAdditionOrUpdate tasks it canceled — v1.1 counts only
//     tasks with a payload file (§0.10).
// The cancel/complete race ending in exactly one terminal state is rule 2 plus
// check_status_machine's "terminal is final".
// When: rules 1, 2 and 4 when C's batch ends (after the status records of that step); rule 3 at
// every batch_started.
// Skipped on purpose: which tasks the query captures (the model's filter code, tested in
// model/meili/tests/task_queue_query_test.cpp); the history records the captured set.

#include <optional>
#include <vector>

#include "sim/meili_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_cancellation(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
