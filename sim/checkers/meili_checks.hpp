#pragma once
// check_meili_history: every Meilisearch checker over one history, and the violation with the
// smallest event index (ties: the order below). The checkers, one per file in sim/checkers/:
// check_priority_order, check_status_machine, check_cancellation, check_uid_monotonic,
// check_no_acked_task_lost, check_pagination_complete.
// Deterministic: pure function of the records.

#include <optional>
#include <vector>

#include "sim/meili_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_meili_history(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
