#pragma once
// check_pagination_complete: walking GET /tasks by following `next` visits every task the
// filters match exactly once, newest first (spec/meilisearch.md §0.2: `from` is inclusive, `next`
// is the first task not returned), provided the matching set did not change during the walk.
// When: at the last page of each walk a client completed (a page without `next`).
// Skipped on purpose: walks a lost message cut short; walks during which the set the filters
// match changed (each page records that set as seen when it was served: a task registered,
// finished or deleted mid-walk legitimately moves it); page sizes (the limit arithmetic of §0.3
// is the model's, tested in model/meili/tests/task_queue_query_test.cpp).

#include <map>
#include <optional>
#include <vector>

#include "sim/checkers/task_ledger.hpp"
#include "sim/meili_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// PaginationCompleteCheck is the same check fed one record at a time (MeiliChecks).
class PaginationCompleteCheck {
  public:
    // Checks record `index`. Stops at the first violation.
    void observe(const MeiliRecord& record, std::uint64_t index, const TaskLedger& ledger);
    std::optional<Violation> result(const TaskLedger&) const { return violation_; }

  private:
    struct Walk {
        std::vector<meili::TaskUid> seen;
        std::vector<meili::TaskUid> expected;
        bool stable = true;
    };
    std::map<std::uint32_t, Walk> walks_;  // by op
    std::optional<Violation> violation_;
};

std::optional<Violation> check_pagination_complete(const std::vector<MeiliRecord>& records);

}  // namespace taskcheck::sim
