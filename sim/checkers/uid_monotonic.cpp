#include "sim/checkers/uid_monotonic.hpp"

#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {

void UidMonotonicCheck::observe(const MeiliRecord& r, std::uint64_t index, const TaskLedger&) {
    if (violation_ || r.kind != MeiliRecordKind::registered) return;
    if (last_ && r.uid != *last_ + 1) {
        violation_ = violation_at(
            "check_uid_monotonic", r, index,
            "task=" + std::to_string(r.uid) + ": registered after task " + std::to_string(*last_) +
                (r.uid <= *last_ ? " (a uid was reused)" : " (a uid was skipped)"),
            std::to_string(*last_ + 1), std::to_string(r.uid));
        return;
    }
    last_ = r.uid;
}

std::optional<Violation> check_uid_monotonic(const std::vector<MeiliRecord>& records) {
    return check_history<UidMonotonicCheck>(records);
}

}  // namespace taskcheck::sim
