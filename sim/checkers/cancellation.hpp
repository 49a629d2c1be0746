#pragma once
// check_cancellation: taskCancelation does what spec/meilisearch.md §3 "Cancelation" says.
//  1. When cancelation C's batch ends, every task C captured that was not terminal when C's
//     batch started is now canceled with canceledBy = C (including tasks of a batch C aborted).
//  2. A task becomes canceled only during the batch of the cancelation named in its canceledBy,
//     and only if that cancelation captured it.
//  3. No captured task starts after its cancelation succeeded.
//  4. C's canceledTasks counts the documentAdditionOrUpdate tasks it canceled — v1.1 counts only
//     tasks with a payload file (§0.10).
// The cancel/complete race ending in exactly one terminal state is rule 2 plus
// check_status_machine's "terminal is final".
// When: rules 1, 2 and 4 when C's batch ends (after the status records of that step); rule 3 at
// every batch_started.
// Skipped on purpose: which tasks the query captures (the model's filter code, tested in
// model/meili/tests/task_queue_query_test.cpp); the history records the captured set.
// CancellationCheck is the same check fed one record at a time (MeiliChecks).

#include <optional>
#include <vector>

#include "sim/checkers/task_ledger.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

class CancellationCheck {
  public:
    // Checks record `index`; `ledger` holds the records before it. Stops at the first violation.
    void observe(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    // The first violation, including rule 1 for a cancelation whose batch ended at the last
    // records seen; `ledger` must hold every record observed.
    std::optional<Violation> result(const TaskLedger& ledger) const;

  private:
    // The cancelation whose batch is running, and what it must cancel.
    struct RunningCancel {
        meili::TaskUid uid = 0;
        std::vector<meili::TaskUid> open;  // captured and not terminal when the batch started
        bool ended = false;
        MeiliRecord end;  // the batch_finished record (time and node; kind and fields unused)
        std::uint64_t end_index = 0;
    };
    std::optional<Violation> check_end(const TaskLedger& ledger) const;
    void on_batch_started(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    void on_status(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);

    std::optional<RunningCancel> run_;
    std::vector<bool> done_;  // by uid: captured by a cancelation that succeeded
    std::optional<Violation> violation_;
};

std::optional<Violation> check_cancellation(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
