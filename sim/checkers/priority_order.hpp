#pragma once
// check_priority_order: every batch is the one v1.1's scheduler must pick from what is enqueued
// at that moment (spec/meilisearch.md §3, B create_next_batch): the newest enqueued
// taskCancelation alone; else the oldest taskDeletion alone; else every snapshotCreation; else
// the oldest dumpCreation; else a batch that starts with the oldest enqueued task and is a
// prefix, in uid order, of the enqueued tasks of that task's index (autobatching never skips a
// task of the index, §0.16).
// When: at each batch_started record, against the ledger rebuilt from the records before it.
// "Enqueued" includes tasks still shown processing from an aborted batch: they are stored
// enqueued (§0.11, §0.15).
// Skipped on purpose: how long a prefix the autobatcher takes (its rules are the model's, tested
// in model/meili/tests/autobatcher_test.cpp), and the batch of an indexSwap with no pairs.
// PriorityOrderCheck is the same check fed one record at a time (MeiliChecks).

#include <optional>
#include <vector>

#include "sim/checkers/task_ledger.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

class PriorityOrderCheck {
  public:
    // Checks record `index`; `ledger` holds the records before it. Stops at the first violation.
    void observe(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    std::optional<Violation> result(const TaskLedger&) const { return violation_; }

  private:
    std::optional<Violation> violation_;
};

std::optional<Violation> check_priority_order(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
