#pragma once
// TaskQueue: the Meilisearch v1.1 task queue as a pure state machine (spec/meilisearch.md §3).
// Invariants: uids are max existing + 1 and never reused while the newest task lives; a stored
// status only moves forward (enqueued -> succeeded | failed | canceled); "processing" is an
// overlay of the one batch in progress (or of the batch a cancelation just aborted), never
// stored (§0.15); every task of a batch gets the batch's startedAt and finishedAt.
// The caller decides *when* (start_next_batch, finish_batch carry `now`); the model decides
// *what* happens. Payloads (documents, matched sets) are kept apart and dropped at the end of a
// task.
// Deterministic: no clock, no I/O, no globals; every command carries its `now`.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"
#include "model/meili/index_batch.hpp"
#include "model/meili/index_store.hpp"
#include "model/meili/processing_set.hpp"
#include "model/meili/task_query.hpp"
#include "model/meili/task_request.hpp"
#include "model/meili/task_store.hpp"
#include "model/meili/task_view.hpp"

namespace taskcheck::meili {

// A page of GET /tasks: {results, limit, from, next} (R get_tasks, §0.2, §0.3).
struct TaskPage {
    std::vector<nlohmann::ordered_json> results;
    std::uint32_t limit = 20;
    std::optional<TaskUid> from;  // uid of the first returned task
    std::optional<TaskUid> next;  // uid of the first task not returned
};
nlohmann::ordered_json to_json(const TaskPage& page);

// The same page as uids only, for callers that need no views (the simulator's list pages).
struct TaskUidPage {
    std::vector<TaskUid> uids;  // newest first
    std::uint32_t limit = 20;
    std::optional<TaskUid> from;
    std::optional<TaskUid> next;
};

// How a batch ended.
enum class BatchEnd : std::uint8_t {
    processed,  // each task has its own outcome (some may have failed)
    failed,     // a batch-level error failed every task
    aborted,    // a cancelation stopped it; its tasks stay enqueued (§0.11)
};

class TaskQueue {
  public:
    // ---- registration ----------------------------------------------------------------------
    // Registers `request` as an enqueued task with enqueuedAt = now and returns its uid.
    TaskUid enqueue(const TaskRequest& request, Nanos now);
    // Registers a taskCancelation of the tasks `query` matches now (uids below its own, visible
    // under §0.6; limit and from ignored). If that set meets the processing batch, the batch
    // will be aborted when it finishes, if it is indexing work (§0.11).
    // Requires: query.has_filter (the parser answers missing_task_filters otherwise).
    TaskUid cancel_tasks(const TaskQuery& query, Nanos now);
    // Registers a taskDeletion of the tasks `query` matches now (same rules, §0.12).
    // Requires: query.has_filter.
    TaskUid delete_tasks(const TaskQuery& query, Nanos now);

    // ---- processing --------------------------------------------------------------------------
    // Picks the next batch in v1.1's order (§3): newest taskCancelation; oldest taskDeletion;
    // all snapshotCreation; oldest dumpCreation; else the oldest enqueued task's index through
    // the autobatcher. Marks it processing from `now` and returns its uids (ascending), or an
    // empty vector iff nothing is enqueued (the queue is then unchanged).
    // Requires: !batch_in_progress().
    std::vector<TaskUid> start_next_batch(Nanos now);
    // Ends the batch in progress at `now` with the outcomes the model decides.
    // Requires: batch_in_progress(); now >= the batch start.
    BatchEnd finish_batch(Nanos now);
    // Ends the batch in progress at `now` as if it had hit a batch-level `error`: every task of
    // the batch fails with it and to_failed() details (S tick). The reference server's "fail the
    // next batch" fault; a pending abort is dropped. Returns BatchEnd::failed.
    // Requires: batch_in_progress(); now >= the batch start.
    BatchEnd fail_batch(const ApiError& error, Nanos now);
    bool batch_in_progress() const { return current_.has_value(); }
    // Crash and restart: the processing overlay is lost and every unfinished task is simply
    // enqueued again (§0.15). Stored tasks are unchanged.
    void restart();

    // ---- reads ---------------------------------------------------------------------------------
    // GET /tasks: the page `query` selects, newest first, with the limit+1 look-ahead.
    TaskPage list_tasks(const TaskQuery& query) const;
    // The same page without building the views: list_tasks(q) is list_task_uids(q) with each
    // uid's full view.
    TaskUidPage list_task_uids(const TaskQuery& query) const;
    // The uids `query` matches, newest first (what cancel and delete would capture now).
    std::vector<TaskUid> matching_tasks(const TaskQuery& query) const;
    // GET /tasks/{uid}: the full view, or 404 task_not_found ``Task `N` not found.``.
    Result<nlohmann::ordered_json, ApiError> get_task(TaskUid uid) const;
    // The summarized view of an existing task (the answer to its registration).
    // Requires: the task exists.
    nlohmann::ordered_json summarized(TaskUid uid) const;
    // The uids a registered, unfinished taskCancelation or taskDeletion captured (ascending,
    // what matching_tasks gave below its own uid at registration); nullptr for any other task,
    // and once it finished (payloads are dropped at the end of a task).
    const std::vector<TaskUid>* captured(TaskUid uid) const;
    const ProcessingSet& processing() const { return processing_; }
    const IndexStore& indexes() const { return indexes_; }
    const TaskStore& tasks() const { return store_; }

  private:
    // server/meili_snapshot.cpp saves and restores the whole queue (reference-server start-up).
    friend struct SnapshotAccess;

    enum class BatchType : std::uint8_t { cancelation, deletion, snapshots, dump, index };
    struct CurrentBatch {
        BatchType type = BatchType::index;
        Autobatch autobatch;     // BatchType::index only
        std::string index_uid;   // BatchType::index only
        ProcessingSet previous;  // cancelation only: the overlay it inherits from an abort
    };

    TaskUid register_task(Task task, std::vector<IndexId> links, Payload payload);
    TaskUid register_filter_task(Kind kind, const TaskQuery& query, Nanos now);
    std::optional<CurrentBatch> select_batch() const;
    std::optional<CurrentBatch> select_index_batch(TaskUid oldest) const;
    std::vector<TaskUid> batch_uids(const CurrentBatch& batch) const;
    bool abortable(const CurrentBatch& batch) const;
    BatchEnd run_current(Nanos now);
    void run_cancelation(TaskUid uid, const ProcessingSet& previous, Nanos now);
    void run_deletion(TaskUid uid, Nanos now);
    Result<std::vector<TaskOutcome>, ApiError> run_swap(TaskUid uid);
    void apply_outcomes(const std::vector<TaskOutcome>& outcomes, Nanos now);
    void fail_all(const ApiError& error, Nanos now);
    std::optional<ProcessingOverlay> overlay(TaskUid uid) const;

    TaskStore store_;
    IndexStore indexes_;
    std::map<TaskUid, Payload> payloads_;  // unfinished tasks only
    ProcessingSet processing_;
    std::optional<CurrentBatch> current_;
    bool must_stop_processing_ = false;
};

}  // namespace taskcheck::meili
