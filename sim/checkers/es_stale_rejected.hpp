#pragma once
// check_es_stale_rejected: the master fences persistent-task requests by allocation id
// (spec/elasticsearch.md §5.2: updatePersistentTaskState and completePersistentTask act only if
// the task exists with that exact allocation id, else 404).
// Checks every persistent_accepted update / complete against the state the master had
// published just before it: the allocation id must be the task's current one. Also checks the
// converse for rejections: a request naming the current allocation of an existing task must not
// be refused.
// When: after the run, over the whole history.
// Skips: create (it has no allocation id yet); requests for a task absent from the state
// (rejected, rightly, with 404 — nothing to compare).
// Deterministic: a pure function of the records.

#include <optional>
#include <vector>

#include "sim/es_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_es_stale_rejected(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
