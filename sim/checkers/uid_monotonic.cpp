#include "sim/checkers/uid_monotonic.hpp"

#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_uid_monotonic(const std::vector<MeiliRecord>& records) {
    std::optional<meili::TaskUid> last;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const MeiliRecord& r = records[i];
        if (r.kind != MeiliRecordKind::registered) continue;
        if (last && r.uid != *last + 1)
            return violation_at(
                "check_uid_monotonic", records, i,
                "task=" + std::to_string(r.uid) + ": registered after task " +
                    std::to_string(*last) +
                    (r.uid <= *last ? " (a uid was reused)" : " (a uid was skipped)"),
                std::to_string(*last + 1), std::to_string(r.uid));
        last = r.uid;
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
