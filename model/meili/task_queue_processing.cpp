// TaskQueue, second half: what a batch does when it finishes (spec/meilisearch.md §3 "Batch
// outcome", "Cancelation", "Deletion"; B `process_batch`).
#include <algorithm>
#include <set>

#include "model/common/assert.hpp"
#include "model/meili/task_queue.hpp"

namespace taskcheck::meili {
namespace {

std::string dump_uid(Nanos started_at) {
    const Nanos day_nanos = ((started_at % kNanosPerDay) + kNanosPerDay) % kNanosPerDay;
    const CivilDate date = civil_from_days((started_at - day_nanos) / kNanosPerDay);
    const std::int64_t secs = day_nanos / kNanosPerSecond;
    const std::int64_t millis = (day_nanos % kNanosPerSecond) / kNanosPerMilli;
    char text[40];
    std::snprintf(text, sizeof text, "%04d%02d%02d-%02d%02d%02d%03d", date.year, date.month,
                  date.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60), static_cast<int>(millis));
    return text;
}

}  // namespace

BatchEnd TaskQueue::run_current(Nanos now) {
    const CurrentBatch& batch = *current_;
    const TaskUid first = batch.autobatch.uids.front();
    switch (batch.type) {
        case BatchType::cancelation:
            run_cancelation(first, batch.previous, now);
            return BatchEnd::processed;
        case BatchType::deletion:
            run_deletion(first, now);
            return BatchEnd::processed;
        case BatchType::snapshots: {
            std::vector<TaskOutcome> outcomes;
            for (TaskUid uid : batch.autobatch.uids)
                outcomes.push_back(TaskOutcome{uid, Status::succeeded, std::monostate{}, nullptr});
            apply_outcomes(outcomes, now);
            return BatchEnd::processed;
        }
        case BatchType::dump: {
            // The dump uid is the batch start: `YYYYMMDD-HHMMSSmmm` (B `Batch::Dump`).
            DumpDetails details{
                std::make_shared<const std::string>(dump_uid(processing_.started_at))};
            apply_outcomes({TaskOutcome{first, Status::succeeded, details, nullptr}}, now);
            return BatchEnd::processed;
        }
        case BatchType::index:
            break;
    }
    Result<std::vector<TaskOutcome>, ApiError> outcomes = [&] {
        if (batch.autobatch.kind == BatchKind::index_swap) return run_swap(first);
        std::vector<BatchTask> tasks;
        for (TaskUid uid : batch.autobatch.uids) {
            auto it = payloads_.find(uid);
            tasks.push_back(
                BatchTask{store_.find(uid), it == payloads_.end() ? nullptr : &it->second});
        }
        return run_index_batch(batch.autobatch, batch.index_uid, tasks, indexes_);
    }();
    if (!outcomes.ok()) {
        fail_all(outcomes.error(), now);
        return BatchEnd::failed;
    }
    apply_outcomes(outcomes.value(), now);
    return BatchEnd::processed;
}

void TaskQueue::apply_outcomes(const std::vector<TaskOutcome>& outcomes, Nanos now) {
    TC_ASSERT_EQ(outcomes.size(), processing_.uids.size());
    for (const TaskOutcome& outcome : outcomes) {
        TC_ASSERT(processing_.contains(outcome.uid));
        store_.finish(outcome.uid, outcome.status, processing_.started_at, now, outcome.details,
                      outcome.error);
        payloads_.erase(outcome.uid);
    }
}

// A batch-level error fails every task of the batch with that error and to_failed() details.
void TaskQueue::fail_all(const ApiError& error, Nanos now) {
    auto shared = std::make_shared<const ApiError>(error);
    for (TaskUid uid : processing_.uids) {
        store_.finish(uid, Status::failed, processing_.started_at, now,
                      to_failed(store_.find(uid)->details), shared);
        payloads_.erase(uid);
    }
}

// B cancel_matched_tasks: only tasks stored `enqueued` now are canceled — including those of an
// aborted batch, which get that batch's startedAt. canceledTasks counts only tasks that had a
// payload file, i.e. documentAdditionOrUpdate, until v1.12 (§0.10).
void TaskQueue::run_cancelation(TaskUid uid, const ProcessingSet& previous, Nanos now) {
    const std::vector<TaskUid> matched = payloads_.at(uid).matched;
    std::uint64_t with_payload_file = 0;
    for (TaskUid target : matched) {
        const Task* task = store_.find(target);
        if (task == nullptr || task->status != Status::enqueued) continue;
        TC_ASSERT_LT(target, uid);
        if (task->kind == Kind::document_addition_or_update) ++with_payload_file;
        const Nanos started_at = previous.contains(target) ? previous.started_at : kNoTime;
        store_.finish(target, Status::canceled, started_at, now, to_failed(task->details), nullptr,
                      uid);
        payloads_.erase(target);
    }
    auto details = std::get<TaskCancelationDetails>(store_.find(uid)->details);
    details.canceled_tasks = with_payload_file;
    apply_outcomes({TaskOutcome{uid, Status::succeeded, details, nullptr}}, now);
}

// B delete_matched_tasks: the captured set minus what is enqueued or processing now (§0.12).
void TaskQueue::run_deletion(TaskUid uid, Nanos now) {
    const std::vector<TaskUid> matched = payloads_.at(uid).matched;
    std::vector<TaskUid> doomed;
    for (TaskUid target : matched) {
        const Task* task = store_.find(target);
        if (task == nullptr || task->status == Status::enqueued || processing_.contains(target))
            continue;
        doomed.push_back(target);
    }
    store_.erase(doomed);
    auto details = std::get<TaskDeletionDetails>(store_.find(uid)->details);
    details.deleted_tasks = doomed.size();
    apply_outcomes({TaskOutcome{uid, Status::succeeded, details, nullptr}}, now);
}

// B `Batch::IndexSwap`: every index must exist; then each pair is swapped in turn, rewriting the
// indexUid of earlier tasks and earlier swaps' details (§0.13).
Result<std::vector<TaskOutcome>, ApiError> TaskQueue::run_swap(TaskUid uid) {
    const Task& task = *store_.find(uid);
    const auto swaps = *std::get<IndexSwapDetails>(task.details).swaps;
    std::set<std::string> missing;
    for (const auto& [lhs, rhs] : swaps) {
        if (!indexes_.exists(lhs)) missing.insert(lhs);
        if (!indexes_.exists(rhs)) missing.insert(rhs);
    }
    if (missing.size() == 1) return Err(index_not_found(*missing.begin()));
    if (!missing.empty()) return Err(indexes_not_found({missing.begin(), missing.end()}));
    for (const auto& [lhs, rhs] : swaps) {
        store_.swap_index_tasks(*store_.find_index(lhs), *store_.find_index(rhs), uid);
        indexes_.swap(lhs, rhs);
    }
    return std::vector<TaskOutcome>{TaskOutcome{uid, Status::succeeded, task.details, nullptr}};
}

}  // namespace taskcheck::meili
