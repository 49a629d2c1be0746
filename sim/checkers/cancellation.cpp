#include "sim/checkers/cancellation.hpp"

#include <algorithm>
#include <set>
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

// The cancelation whose batch is running, and what it must cancel.
struct RunningCancel {
    TaskUid uid = 0;
    std::vector<TaskUid> open;  // captured and not terminal when the batch started
    bool ended = false;
    std::size_t end_record = 0;
};

std::optional<Violation> check_end(const std::vector<MeiliRecord>& records,
                                   const RunningCancel& run, const TaskLedger& ledger) {
    for (TaskUid uid : run.open) {
        const LedgerTask* task = ledger.find(uid);
        if (task->status != Status::canceled || task->canceled_by != run.uid)
            return violation_at(kName, records, run.end_record,
                                "task=" + std::to_string(uid) + ": cancelation " +
                                    std::to_string(run.uid) + " ended but did not cancel it",
                                "canceled by " + std::to_string(run.uid),
                                std::string(meili::status_name(task->status)));
    }
    return std::nullopt;
}

}  // namespace

std::optional<Violation> check_cancellation(const std::vector<MeiliRecord>& records) {
    TaskLedger ledger;
    std::optional<RunningCancel> run;
    std::set<TaskUid> done;  // uids captured by a cancelation that succeeded
    for (std::size_t i = 0; i < records.size(); ++i) {
        const MeiliRecord& r = records[i];
        const bool step_record =
            r.kind == MeiliRecordKind::status || r.kind == MeiliRecordKind::deleted;
        if (run && run->ended && !step_record) {
            if (auto v = check_end(records, *run, ledger)) return v;
            for (TaskUid uid : ledger.find(run->uid)->matched)
                done.insert(uid);
            run.reset();
        }
        if (r.kind == MeiliRecordKind::crash) run.reset();
        if (r.kind == MeiliRecordKind::batch_started) {
            for (TaskUid uid : r.uids)
                if (done.count(uid))
                    return violation_at(kName, records, i,
                                        "task=" + std::to_string(uid) +
                                            ": started after the cancelation that captured it "
                                            "succeeded",
                                        "never starts", "started in " + format_uids(r.uids));
            const LedgerTask* first = ledger.find(r.uids.front());
            if (first && first->kind == meili::Kind::task_cancelation) {
                run = RunningCancel{r.uids.front(), {}, false, 0};
                for (TaskUid uid : first->matched) {
                    const LedgerTask* target = ledger.find(uid);
                    if (target && target->live && !meili::is_terminal(target->status))
                        run->open.push_back(uid);
                }
            }
        }
        if (r.kind == MeiliRecordKind::batch_finished && run) {
            run->ended = true;
            run->end_record = i;
        }
        if (r.kind == MeiliRecordKind::status && r.to == Status::canceled) {
            const LedgerTask* cancel = ledger.find(r.canceled_by);
            const bool in_its_batch = run && run->ended && run->uid == r.canceled_by;
            if (cancel == nullptr || !captured(*cancel, r.uid) || !in_its_batch)
                return violation_at(kName, records, i,
                                    "task=" + std::to_string(r.uid) + ": canceled by " +
                                        std::to_string(r.canceled_by) +
                                        ", which did not capture it or is not running",
                                    "a capturing cancelation's batch",
                                    "canceledBy " + std::to_string(r.canceled_by));
        }
        if (r.kind == MeiliRecordKind::status && r.to == Status::succeeded && r.count && run &&
            run->uid == r.uid) {
            std::uint64_t documents = 0;
            for (TaskUid uid : run->open)
                documents += ledger.find(uid)->kind == meili::Kind::document_addition_or_update;
            if (*r.count != documents)
                return violation_at(kName, records, i,
                                    "task=" + std::to_string(r.uid) +
                                        ": canceledTasks counts the documentAdditionOrUpdate "
                                        "tasks it canceled (v1.1, spec §0.10)",
                                    std::to_string(documents), std::to_string(*r.count));
        }
        ledger.apply(r);
    }
    if (run && run->ended) return check_end(records, *run, ledger);
    return std::nullopt;
}

}  // namespace taskcheck::sim
