#pragma once
// check_es_allocation_ids: allocation ids of persistent tasks, as the master publishes them
// (spec/elasticsearch.md §5.1, §5.2).
// Checks, over the `published` records of one cluster lifetime:
//  - last_allocation_id never decreases;
//  - at most one live allocation per task: within one published state no two tasks share an
//    allocation id (each id names one placement; the state has one entry per task id);
//  - a task's allocation id never decreases, and when it changes (a new task, a reassignment, a
//    local abort) the new id is above the last_allocation_id of the previous state and at most
//    the state's own last_allocation_id.
// When: after the run, over the whole history.
// Skips: the first state after a full cluster restart (master_elected full_restart=true), which
// reloads every task with allocation id 0 (§5.1: the id is not persisted); it starts a new
// lifetime.
// Deterministic: a pure function of the records.

#include <optional>
#include <vector>

#include "sim/es_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_es_allocation_ids(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
