#include "sim/checkers/cancellation.hpp"

#include <algorithm>
#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {
namespace {

using meili::Status;
using meili::TaskUid;

constexpr const char* kName = "check_cancellation";

bool captured(const LedgerTask& cancel, TaskUid uid) {
    return std::binary_search(cancel.matched.begin(), cancel.matched.end(), uid);
}

}  // namespace

std::optional<Violation> CancellationCheck::check_end(const TaskLedger& ledger) const {
    for (TaskUid uid : run_->open) {
        const LedgerTask* task = ledger.find(uid);
        if (task->status != Status::canceled || task->canceled_by != run_->uid)
            return violation_at(kName, run_->end, run_->end_index,
                                "task=" + std::to_string(uid) + ": cancelation " +
                                    std::to_string(run_->uid) + " ended but did not cancel it",
                                "canceled by " + std::to_string(run_->uid),
                                std::string(meili::status_name(task->status)));
    }
    return std::nullopt;
}

void CancellationCheck::on_batch_started(const MeiliRecord& r, std::uint64_t index,
                                         const TaskLedger& ledger) {
    for (TaskUid uid : r.uids)
        if (uid < done_.size() && done_[uid]) {
            violation_ = violation_at(kName, r, index,
                                      "task=" + std::to_string(uid) +
                                          ": started after the cancelation that captured it "
                                          "succeeded",
                                      "never starts", "started in " + format_uids(r.uids));
            return;
        }
    const LedgerTask* first = ledger.find(r.uids.front());
    if (!first || first->kind != meili::Kind::task_cancelation) return;
    run_ = RunningCancel{r.uids.front(), {}, false, {}, 0};
    for (TaskUid uid : first->matched) {
        const LedgerTask* target = ledger.find(uid);
        if (target && target->live && !meili::is_terminal(target->status))
            run_->open.push_back(uid);
    }
}

void CancellationCheck::on_status(const MeiliRecord& r, std::uint64_t index,
                                  const TaskLedger& ledger) {
    if (r.to == Status::canceled) {
        const LedgerTask* cancel = ledger.find(r.canceled_by);
        const bool in_its_batch = run_ && run_->ended && run_->uid == r.canceled_by;
        if (cancel == nullptr || !captured(*cancel, r.uid) || !in_its_batch)
            violation_ = violation_at(
                kName, r, index,
                "task=" + std::to_string(r.uid) + ": canceled by " + std::to_string(r.canceled_by) +
                    ", which did not capture it or is not running",
                "a capturing cancelation's batch", "canceledBy " + std::to_string(r.canceled_by));
        return;
    }
    if (r.to != Status::succeeded || !r.count || !run_ || run_->uid != r.uid) return;
    std::uint64_t documents = 0;
    for (TaskUid uid : run_->open)
        documents += ledger.find(uid)->kind == meili::Kind::document_addition_or_update;
    if (*r.count != documents)
        violation_ = violation_at(kName, r, index,
                                  "task=" + std::to_string(r.uid) +
                                      ": canceledTasks counts the documentAdditionOrUpdate "
                                      "tasks it canceled (v1.1, spec §0.10)",
                                  std::to_string(documents), std::to_string(*r.count));
}

void CancellationCheck::observe(const MeiliRecord& r, std::uint64_t index,
                                const TaskLedger& ledger) {
    if (violation_) return;
    const bool step_record =
        r.kind == MeiliRecordKind::status || r.kind == MeiliRecordKind::deleted;
    if (run_ && run_->ended && !step_record) {
        if ((violation_ = check_end(ledger))) return;
        for (TaskUid uid : ledger.find(run_->uid)->matched) {
            if (uid >= done_.size()) done_.resize(uid + 1, false);
            done_[uid] = true;
        }
        run_.reset();
    }
    switch (r.kind) {
        case MeiliRecordKind::crash:
            run_.reset();
            return;
        case MeiliRecordKind::batch_started:
            return on_batch_started(r, index, ledger);
        case MeiliRecordKind::batch_finished:
            if (!run_) return;
            run_->ended = true;
            run_->end.at = r.at;
            run_->end.node = r.node;
            run_->end_index = index;
            return;
        case MeiliRecordKind::status:
            return on_status(r, index, ledger);
        default:
            return;
    }
}

std::optional<Violation> CancellationCheck::result(const TaskLedger& ledger) const {
    if (violation_) return violation_;
    if (run_ && run_->ended) return check_end(ledger);
    return std::nullopt;
}

std::optional<Violation> check_cancellation(const std::vector<MeiliRecord>& records) {
    return check_history<CancellationCheck>(records);
}

}  // namespace taskcheck::sim
