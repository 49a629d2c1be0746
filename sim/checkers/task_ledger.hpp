#pragma once
// TaskLedger: a checker's own reconstruction of every task from a Meilisearch history — kind,
// index links, last observed status, canceledBy and (for cancel/delete tasks) the captured set —
// built only from the records (sim/meili_history.hpp), never from the model, so that a checker
// judges the model against an independent account.
// Index links follow successful swaps: when an indexSwap is observed succeeding, every older
// task linked to one side is relinked to the other (spec/meilisearch.md §0.13).
// Also: violation_at(), which fills a Violation's time and node from a record.
// Deterministic: ordered maps only.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/meili_history.hpp"
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
    const LedgerTask* find(meili::TaskUid uid) const;
    const std::map<meili::TaskUid, LedgerTask>& tasks() const { return tasks_; }

  private:
    void swap_links(meili::TaskUid swap_uid, const std::vector<std::string>& pairs);
    std::map<meili::TaskUid, LedgerTask> tasks_;
};

// A Violation of `invariant` at record `index` of `records` (its time, node and index).
Violation violation_at(const std::string& invariant, const std::vector<MeiliRecord>& records,
                       std::size_t index, std::string detail, std::string expected = "",
                       std::string found = "");

// "[1,2,3]".
std::string format_uids(const std::vector<meili::TaskUid>& uids);

}  // namespace taskcheck::sim
