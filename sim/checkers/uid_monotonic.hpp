#pragma once
// check_uid_monotonic: task uids are handed out in order and never reused — each registered uid
// is the previous one plus 1, the first is 0 — across crashes and restarts (spec/meilisearch.md
// §2 `uid`; uids are max existing + 1, and the newest task is never deleted because a
// taskDeletion captures only older uids, §0.12). A restart that lost acknowledged registrations
// hands their uids out again, which this checker reports at the second registration.
// When: at each registered record.
// Skipped on purpose: histories that start with a uid other than 0 are checked from their first
// registration on (a hand-made history may start late).

#include <optional>
#include <vector>

#include "sim/checkers/task_ledger.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// UidMonotonicCheck is the same check fed one record at a time (MeiliChecks).
class UidMonotonicCheck {
  public:
    // Checks record `index`. Stops at the first violation.
    void observe(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    std::optional<Violation> result(const TaskLedger&) const { return violation_; }

  private:
    std::optional<meili::TaskUid> last_;
    std::optional<Violation> violation_;
};

std::optional<Violation> check_uid_monotonic(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
