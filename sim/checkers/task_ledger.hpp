#pragma once
// TaskLedger: a checker's own reconstruction of every task from a Meilisearch history — kind,
// index links, last observed status, canceledBy and (for cancel/delete tasks) the captured set —
// built only from the records (sim/meili_history.hpp), never from the model, so that a checker
// judges the model against an independent account.
// Index links follow successful swaps: when an indexSwap is observed succeeding, every older
// task linked to one side is relinked to the other (spec/meilisearch.md §0.13).
// Also kept: the open tasks — registered, not deleted, last seen enqueued or processing —
// ascending, which is what check_priority_order compares each batch against.
// The checkers of one run share one ledger (MeiliChecks, sim/checkers/meili_checks.hpp): each
// checker reads it for record i before the ledger applies record i.
// Tasks are stored by uid in a vector: a run's uids count up from 0 (check_uid_monotonic), so the
// vector is as long as the largest registered uid + 1.
// Also: violation_at(), which fills a Violation's time and node from a record.
// Deterministic: vectors indexed by uid only.

#include <optional>
#include <string>
#include <vector>

#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

struct LedgerTask {
    meili::Kind kind = meili::Kind::document_addition_or_update;
    std::string index;                // "" for global kinds
    std::vector<std::string> linked;  // swaps: both sides of every pair
    meili::Status status = meili::Status::enqueued;
    bool live = true;  // false once deleted
    meili::TaskUid canceled_by = UINT32_MAX;
    std::vector<meili::TaskUid> matched;  // cancel/delete: captured set, ascending
    std::uint32_t op = kNoOp;

    bool linked_to(const std::string& name) const;
};

class TaskLedger {
  public:
    // Applies registered, status and deleted records; ignores the others.
    void apply(const MeiliRecord& record);
    // The task iff a registered record named `uid`.
    const LedgerTask* find(meili::TaskUid uid) const;
    // The open tasks (live, last seen enqueued or processing), ascending.
    const std::vector<meili::TaskUid>& open() const { return open_; }

  private:
    void swap_links(meili::TaskUid swap_uid, const std::vector<std::string>& pairs);
    void update_open(meili::TaskUid uid);
    std::vector<LedgerTask> tasks_;  // by uid
    std::vector<bool> known_;        // by uid: a registered record named it
    std::vector<meili::TaskUid> open_;
};

// A Violation of `invariant` at `record`, record number `index` of its history.
Violation violation_at(const std::string& invariant, const MeiliRecord& record, std::size_t index,
                       std::string detail, std::string expected = "", std::string found = "");

// "[1,2,3]".
std::string format_uids(const std::vector<meili::TaskUid>& uids);

// Runs one checker over a whole history, as MeiliChecks does online: `Check` has
// observe(record, index, ledger) — called for every record, with the ledger as of the records
// before it — and result(ledger), its first violation once every record was seen.
template <typename Check>
std::optional<Violation> check_history(const std::vector<MeiliRecord>& records) {
    TaskLedger ledger;
    Check check;
    for (std::size_t i = 0; i < records.size(); ++i) {
        check.observe(records[i], i, ledger);
        ledger.apply(records[i]);
    }
    return check.result(ledger);
}

}  // namespace taskcheck::sim
