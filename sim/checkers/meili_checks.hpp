#pragma once
// check_meili_history: every Meilisearch checker over one history, and the violation with the
// smallest event index (ties: the order below). The checkers, one per file in sim/checkers/:
// check_priority_order, check_status_machine, check_cancellation, check_uid_monotonic,
// check_no_acked_task_lost, check_pagination_complete.
// MeiliChecks runs them online: the world hands each record to observe() as it adds it, every
// checker reads the one shared TaskLedger (the records before this one) and keeps only its own
// small state, so a run need not keep its records to be checked. Each checker stops at its own
// first violation; first() picks among them exactly as check_meili_history does (a cancelation
// whose batch did not cancel what it captured is reported at its batch_finished record, found
// only a few records later, so the pick waits for every checker rather than the first to fire).
// Fed the same records, MeiliChecks::first() equals check_meili_history().
// Deterministic: a pure function of the records.

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/checkers/cancellation.hpp"
#include "sim/checkers/no_acked_task_lost.hpp"
#include "sim/checkers/pagination_complete.hpp"
#include "sim/checkers/priority_order.hpp"
#include "sim/checkers/status_machine.hpp"
#include "sim/checkers/task_ledger.hpp"
#include "sim/checkers/uid_monotonic.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

class MeiliChecks {
  public:
    // Feeds record `index` to every checker, then to the ledger. Requires: records are observed
    // in order, `index` counting from 0.
    void observe(const MeiliRecord& record, std::uint64_t index);
    // The violation with the smallest event index over the records observed so far (ties: the
    // checker order above), or nothing.
    std::optional<Violation> first() const;

  private:
    TaskLedger ledger_;
    PriorityOrderCheck priority_order_;
    StatusMachineCheck status_machine_;
    CancellationCheck cancellation_;
    UidMonotonicCheck uid_monotonic_;
    NoAckedTaskLostCheck no_acked_task_lost_;
    PaginationCompleteCheck pagination_complete_;
};

std::optional<Violation> check_meili_history(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
