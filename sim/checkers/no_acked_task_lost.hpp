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

#include <map>
#include <optional>
#include <vector>

#include "sim/checkers/task_ledger.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// NoAckedTaskLostCheck is the same check fed one record at a time (MeiliChecks).
class NoAckedTaskLostCheck {
  public:
    // Checks record `index`; `ledger` holds the records before it. Stops at the first violation.
    void observe(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    std::optional<Violation> result(const TaskLedger&) const { return violation_; }

  private:
    void on_acked(const MeiliRecord& record, std::uint64_t index);
    void on_recovered(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    void on_deleted(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);

    std::map<meili::TaskUid, std::uint32_t> acked_;                        // uid -> op
    std::map<std::uint32_t, std::vector<meili::TaskUid>> registered_for_;  // op -> uids
    std::optional<meili::TaskUid> batch_deletion_;  // the taskDeletion whose batch runs
    // ... and whose end is being observed. A flag and a value rather than std::optional: GCC 12
    // at -O3 reports a false -Wmaybe-uninitialized on reading an optional<unsigned> here.
    bool deleting_ = false;
    meili::TaskUid deleting_uid_ = 0;
    std::optional<Violation> violation_;
};

std::optional<Violation> check_no_acked_task_lost(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
