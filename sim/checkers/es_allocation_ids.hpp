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
// When: online, as each record is added (EsHistory), or over a list of records.
// Skips: the first state after a full cluster restart (master_elected full_restart=true), which
// reloads every task with allocation id 0 (§5.1: the id is not persisted); it starts a new
// lifetime.
// Deterministic: a pure function of the records.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/es_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// The check fed one record at a time, in order. observe() returns the violation `record`
// (number `index` of the run) shows, if any; after a violation the state is unspecified and
// observing more records is pointless.
class EsAllocationIdsCheck {
  public:
    std::optional<Violation> observe(const EsRecord& record, std::uint64_t index);

  private:
    std::int64_t last_ = 0;
    std::map<std::string, std::int64_t> current_;  // task id -> allocation id, last state
    bool reloaded_ = false;
};

// Every record through one EsAllocationIdsCheck; the first violation.
std::optional<Violation> check_es_allocation_ids(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
