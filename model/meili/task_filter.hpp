#pragma once
// find_tasks: the uids a TaskQuery selects, answered from the TaskStore's indexes (index-scheduler
// v1.1 `get_task_ids` + `get_task_ids_from_authorized_indexes`, spec/meilisearch.md §1.1):
//  - values inside one filter are ORed, filters are ANDed;
//  - an engaged empty list matches nothing, and so does a canceledBy whose tasks canceled
//    nothing (§0.5);
//  - `statuses=processing` matches only the processing overlay, and a statuses filter without
//    `processing` removes the overlay's tasks (§1.1);
//  - date bounds are exclusive; a task without the date never matches a bound on it; the
//    startedAt of an overlay task is the batch start;
//  - a concrete indexUids filter hides every global kind, indexSwap included (§0.6).
// The work is proportional to the smallest filter's candidate set, not to the number of tasks:
// the smallest index set (or date range, or uid list) drives, the rest are membership tests.
// Deterministic: pure function of its arguments.

#include <cstdint>
#include <vector>

#include "model/meili/processing_set.hpp"
#include "model/meili/task_query.hpp"
#include "model/meili/task_store.hpp"

namespace taskcheck::meili {

// Up to `limit` matching uids <= `from` (all when nullopt), in descending order.
// `query.limit` and `query.from` are ignored: the caller passes what it wants.
std::vector<TaskUid> find_tasks(const TaskStore& store, const TaskQuery& query,
                                const ProcessingSet& processing, std::optional<TaskUid> from,
                                std::uint64_t limit);

}  // namespace taskcheck::meili
