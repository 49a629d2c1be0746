#pragma once
// check_no_acked_task_lost: a task the server acknowledged survives crashes and restarts until
// a taskDeletion removes it (spec/meilisearch.md §0.15, §3 "Deletion"; the server journals a
// registration before it answers).
//  1. An acknowledgement names the uid the server registered for that operation.
//  2. After every restart, each acknowledged task not yet deleted is among the recovered tasks.
//  3. A task disappears only while a taskDeletion that captured it is ending, and only when it
//     was terminal — anything else is a loss, acknowledged or not.
// When: rule 1 at acked records, rule 2 at recovered records, rule 3 at deleted records.
// Skipped on purpose: acknowledgements that never arrived (a lost answer proves nothing about
// the task, which may or may not exist); duplicate registrations from replayed requests.

#include <optional>
#include <vector>

#include "sim/meili_history.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_no_acked_task_lost(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
