#pragma once
// check_status_machine: every observed status change is a legal move of v1.1's task status
// machine, and a terminal status is final (spec/meilisearch.md §2, §3):
//   enqueued   -> processing | canceled
//   processing -> succeeded | failed | canceled
//   processing -> enqueued   only right after a restart (processing is never stored, §0.15) or
//                            when the next batch starts after an aborted one (§0.11)
//   succeeded | failed | canceled -> nothing
// and each change starts from the status last observed; a task is deleted only when terminal.
// When: at each status and deleted record.
// Skipped on purpose: tasks the history never registered (a hand-made history may start late).
// StatusMachineCheck is the same check fed one record at a time (MeiliChecks).

#include <optional>
#include <vector>

#include "sim/checkers/task_ledger.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

class StatusMachineCheck {
  public:
    // Checks record `index`; `ledger` holds the records before it. Stops at the first violation.
    void observe(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    std::optional<Violation> result(const TaskLedger&) const { return violation_; }

  private:
    void check_change(const MeiliRecord& record, std::uint64_t index, const LedgerTask& task);
    MeiliRecordKind context_ = MeiliRecordKind::liveness;  // the last record not a status/deleted
    std::optional<Violation> violation_;
};

std::optional<Violation> check_status_machine(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
