#include "sim/checkers/no_acked_task_lost.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {
namespace {

using meili::TaskUid;

constexpr const char* kName = "check_no_acked_task_lost";

}  // namespace

std::optional<Violation> check_no_acked_task_lost(const std::vector<MeiliRecord>& records) {
    TaskLedger ledger;
    std::map<TaskUid, std::uint32_t> acked;                        // uid -> op
    std::map<std::uint32_t, std::vector<TaskUid>> registered_for;  // op -> uids (duplicates)
    std::optional<TaskUid> batch_deletion;  // the taskDeletion whose batch runs
    // ... and whose end is being observed. A flag and a value rather than std::optional: GCC 12
    // at -O3 reports a false -Wmaybe-uninitialized on reading an optional<unsigned> here.
    bool deleting = false;
    TaskUid deleting_uid = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const MeiliRecord& r = records[i];
        if (r.kind != MeiliRecordKind::status && r.kind != MeiliRecordKind::deleted)
            deleting = false;
        if (r.kind == MeiliRecordKind::registered) registered_for[r.op].push_back(r.uid);
        if (r.kind == MeiliRecordKind::batch_started) {
            const LedgerTask* first = ledger.find(r.uids.front());
            batch_deletion.reset();
            if (first && first->kind == meili::Kind::task_deletion) batch_deletion = r.uids.front();
        }
        if (r.kind == MeiliRecordKind::batch_finished) {
            deleting = batch_deletion.has_value();
            deleting_uid = batch_deletion.value_or(0);
        }
        if (r.kind == MeiliRecordKind::crash) batch_deletion.reset();
        if (r.kind == MeiliRecordKind::acked) {
            const std::vector<TaskUid>& uids = registered_for[r.op];
            if (std::find(uids.begin(), uids.end(), r.uid) == uids.end())
                return violation_at(kName, records, i,
                                    "op=" + std::to_string(r.op) + ": acknowledged as task " +
                                        std::to_string(r.uid) +
                                        ", which the server did not register for it",
                                    "one of " + format_uids(uids), std::to_string(r.uid));
            acked[r.uid] = r.op;
        }
        if (r.kind == MeiliRecordKind::recovered) {
            for (const auto& [uid, op] : acked) {
                const LedgerTask* task = ledger.find(uid);
                if (task && !task->live) continue;
                if (!std::binary_search(r.uids.begin(), r.uids.end(), uid))
                    return violation_at(kName, records, i,
                                        "task=" + std::to_string(uid) + ": acknowledged to op " +
                                            std::to_string(op) + " but lost across the restart",
                                        "present", "missing");
            }
        }
        if (r.kind == MeiliRecordKind::deleted) {
            const LedgerTask* task = ledger.find(r.uid);
            const LedgerTask* deletion = deleting ? ledger.find(deleting_uid) : nullptr;
            const bool captured = deletion && std::binary_search(deletion->matched.begin(),
                                                                 deletion->matched.end(), r.uid);
            if (!captured || task == nullptr || !meili::is_terminal(task->status))
                return violation_at(kName, records, i,
                                    "task=" + std::to_string(r.uid) +
                                        ": disappeared without a taskDeletion that captured it",
                                    "still present", "gone");
        }
        ledger.apply(r);
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
