#pragma once
// check_es_history: every checker of the `elasticsearch` profile over one run's records, and the
// violation with the smallest event index (ties: the first checker in this list):
//   check_es_cancellation     sim/checkers/es_cancellation.hpp
//   check_es_allocation_ids   sim/checkers/es_allocation_ids.hpp
//   check_es_stale_rejected   sim/checkers/es_stale_rejected.hpp
//   check_es_no_task_lost     sim/checkers/es_no_task_lost.hpp
//   check_es_least_loaded     sim/checkers/es_least_loaded.hpp
// Liveness (every persistent task running on a live member, every cancel acknowledged, every
// tree task finished) is EsWorld::pending(), checked by the driver after the heal.
// Deterministic: a pure function of the records.

#include <optional>
#include <vector>

#include "sim/es_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_es_history(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
