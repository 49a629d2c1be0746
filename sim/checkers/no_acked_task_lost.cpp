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

void NoAckedTaskLostCheck::on_acked(const MeiliRecord& r, std::uint64_t index) {
    const std::vector<TaskUid>& uids = registered_for_[r.op];
    if (std::find(uids.begin(), uids.end(), r.uid) == uids.end()) {
        violation_ =
            violation_at(kName, r, index,
                         "op=" + std::to_string(r.op) + ": acknowledged as task " +
                             std::to_string(r.uid) + ", which the server did not register for it",
                         "one of " + format_uids(uids), std::to_string(r.uid));
        return;
    }
    acked_[r.uid] = r.op;
}

void NoAckedTaskLostCheck::on_recovered(const MeiliRecord& r, std::uint64_t index,
                                        const TaskLedger& ledger) {
    for (const auto& [uid, op] : acked_) {
        const LedgerTask* task = ledger.find(uid);
        if (task && !task->live) continue;
        if (!std::binary_search(r.uids.begin(), r.uids.end(), uid)) {
            violation_ = violation_at(kName, r, index,
                                      "task=" + std::to_string(uid) + ": acknowledged to op " +
                                          std::to_string(op) + " but lost across the restart",
                                      "present", "missing");
            return;
        }
    }
}

void NoAckedTaskLostCheck::on_deleted(const MeiliRecord& r, std::uint64_t index,
                                      const TaskLedger& ledger) {
    const LedgerTask* task = ledger.find(r.uid);
    const LedgerTask* deletion = deleting_ ? ledger.find(deleting_uid_) : nullptr;
    const bool captured =
        deletion && std::binary_search(deletion->matched.begin(), deletion->matched.end(), r.uid);
    if (!captured || task == nullptr || !meili::is_terminal(task->status))
        violation_ = violation_at(kName, r, index,
                                  "task=" + std::to_string(r.uid) +
                                      ": disappeared without a taskDeletion that captured it",
                                  "still present", "gone");
}

void NoAckedTaskLostCheck::observe(const MeiliRecord& r, std::uint64_t index,
                                   const TaskLedger& ledger) {
    if (violation_) return;
    if (r.kind != MeiliRecordKind::status && r.kind != MeiliRecordKind::deleted) deleting_ = false;
    switch (r.kind) {
        case MeiliRecordKind::registered:
            registered_for_[r.op].push_back(r.uid);
            return;
        case MeiliRecordKind::batch_started: {
            const LedgerTask* first = ledger.find(r.uids.front());
            batch_deletion_.reset();
            if (first && first->kind == meili::Kind::task_deletion)
                batch_deletion_ = r.uids.front();
            return;
        }
        case MeiliRecordKind::batch_finished:
            deleting_ = batch_deletion_.has_value();
            deleting_uid_ = batch_deletion_.value_or(0);
            return;
        case MeiliRecordKind::crash:
            batch_deletion_.reset();
            return;
        case MeiliRecordKind::acked:
            return on_acked(r, index);
        case MeiliRecordKind::recovered:
            return on_recovered(r, index, ledger);
        case MeiliRecordKind::deleted:
            return on_deleted(r, index, ledger);
        default:
            return;
    }
}

std::optional<Violation> check_no_acked_task_lost(const std::vector<MeiliRecord>& records) {
    return check_history<NoAckedTaskLostCheck>(records);
}

}  // namespace taskcheck::sim
