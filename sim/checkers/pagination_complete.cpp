#include "sim/checkers/pagination_complete.hpp"

#include <map>
#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {

void PaginationCompleteCheck::observe(const MeiliRecord& r, std::uint64_t index,
                                      const TaskLedger&) {
    if (violation_ || r.kind != MeiliRecordKind::page) return;
    Walk& walk = walks_[r.op];
    if (r.page == 0) walk = Walk{{}, r.matched, true};
    if (r.matched != walk.expected) walk.stable = false;
    walk.seen.insert(walk.seen.end(), r.uids.begin(), r.uids.end());
    if (r.next || !walk.stable || walk.seen == walk.expected) return;
    violation_ = violation_at("check_pagination_complete", r, index,
                              "op=" + std::to_string(r.op) + ": " + std::to_string(r.page + 1) +
                                  " pages did not cover the filtered tasks exactly once",
                              format_uids(walk.expected), format_uids(walk.seen));
}

std::optional<Violation> check_pagination_complete(const std::vector<MeiliRecord>& records) {
    return check_history<PaginationCompleteCheck>(records);
}

}  // namespace taskcheck::sim
