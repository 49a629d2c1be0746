#pragma once
// check_es_least_loaded: the default persistent-task executor assigns a task to a least-loaded
// data node, load being the number of tasks with the same name assigned there
// (spec/elasticsearch.md §5.2, selectLeastLoadedNode; ties are broken by a random shuffle).
// Checks every `published` state: each task whose (executor, allocation id) changed from the
// previous state and is now assigned to node X has X among the state's nodes, and
// count(name, X) - 1 <= count(name, Y) for every node Y of the state — X had the smallest load
// when it was picked (later assignments in the same update only go to least-loaded nodes, so
// the bound still holds in the published state).
// When: online, as each record is added (EsHistory), or over a list of records.
// Skips: tasks that stayed where they were (load may drift as tasks complete: ES does not
// rebalance); unassigned tasks (their explanation is the executor's business).
// Requires of the world: every node is data-capable and none has a shutdown record, and
// cluster.persistent_tasks.allocation.enable stays "all" (the simulated cluster never changes it).
// Deterministic: a pure function of the records.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/es_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// The check fed one record at a time, in order. observe() returns the violation `record`
// (number `index` of the run) shows, if any; after a violation the state is unspecified and
// observing more records is pointless.
class EsLeastLoadedCheck {
  public:
    std::optional<Violation> observe(const EsRecord& record, std::uint64_t index);

  private:
    using Placement = std::pair<std::string, std::int64_t>;  // executor, allocation id
    std::map<std::string, Placement> current_;               // task id -> placement, last state
};

// Every record through one EsLeastLoadedCheck; the first violation.
std::optional<Violation> check_es_least_loaded(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
