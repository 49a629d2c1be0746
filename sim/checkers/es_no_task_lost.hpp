#pragma once
// check_es_no_task_lost: a persistent task the master created stays in the cluster state until
// the master accepts its completion (spec/elasticsearch.md §5.2: node loss reassigns, it never
// removes; a full restart reloads every task).
// Checks every `published` state after a persistent_accepted create: the task is in it, unless a
// persistent_accepted complete for it came in between.
// When: after the run, over the whole history.
// Skips: tasks never acknowledged as created (a create lost with its coordinator).
// Deterministic: a pure function of the records.

#include <optional>
#include <vector>

#include "sim/es_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_es_no_task_lost(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
