#pragma once
// PersistentNodeService: the executor-node side of persistent tasks on ONE node
// (PersistentTasksNodeService + AllocatedPersistentTask of ES 8.x; spec/elasticsearch.md §5.3).
//
// The node watches every published persistent-tasks metadata (PersistentTasksService::
// published()). For each task assigned to it whose allocation id is not running locally, it
// registers a task in its TaskManager:
//   type persistent, action "<name>[c]", parent "cluster:<allocation_id>", description
//   "id=<persistent id>", cancellable, detailed status {"state":"STARTED"}.
// When a running allocation is no longer in the metadata (the task was removed, or reassigned
// with a new allocation id) the node cancels its local task with reason
// "task has been removed, cancelling locally" and does not tell the master.
//
// Local states (AllocatedPersistentTask.State), mirrored into the task's status {"state": ...}:
//   STARTED --cancel on master removal--> PENDING_CANCEL
//   STARTED | PENDING_CANCEL --completed / failed--> COMPLETED
//   STARTED | PENDING_CANCEL --locally aborted--> LOCAL_ABORTED
// Only a completion from STARTED is sent to the master (a CompletionRequest returned to the
// caller); the local task stays registered until completion_acknowledged(). From PENDING_CANCEL
// the task is unregistered at once and nothing is sent.
// Invariants: at most one local task per allocation id; a local task id names a registered
// task of this node iff its entry says `registered`.
// A restarted node gets a fresh PersistentNodeService together with its fresh TaskManager.
// Deterministic: allocation ids are visited in ascending order; no clock except `now` passed in.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/es_error.hpp"
#include "model/es/persistent_tasks_metadata.hpp"
#include "model/es/persistent_tasks_service.hpp"
#include "model/es/task_manager.hpp"

namespace taskcheck::es {

enum class LocalTaskState { started, pending_cancel, completed, local_aborted };

// "STARTED", "PENDING_CANCEL", "COMPLETED", "LOCAL_ABORTED".
std::string to_string(LocalTaskState state);

// One allocation running (or finishing) on this node.
struct LocalPersistentTask {
    std::string persistent_id;
    std::string name;
    AllocationId allocation_id = 0;
    std::int64_t task_number = 0;  // the id in this node's TaskManager
    LocalTaskState state = LocalTaskState::started;
    bool registered = true;  // still in the TaskManager
};

// What one metadata application did, each list in ascending allocation id.
struct NodeApplyOutcome {
    std::vector<AllocationId> started;    // newly registered here
    std::vector<AllocationId> cancelled;  // STARTED → PENDING_CANCEL, cancelled locally
    std::vector<AllocationId> forgotten;  // finished and gone from the metadata: dropped
};

inline constexpr const char* kRemovedCancelReason = "task has been removed, cancelling locally";

class PersistentNodeService {
  public:
    explicit PersistentNodeService(NodeId node) : node_(std::move(node)) {}

    const NodeId& node() const { return node_; }
    // Every allocation this node knows, by allocation id.
    const std::map<AllocationId, LocalPersistentTask>& tasks() const { return tasks_; }
    // The local task of `allocation_id`, or null.
    const LocalPersistentTask* find(AllocationId allocation_id) const;

    // Applies one published metadata to this node and its `task_manager` (clusterChanged):
    // starts tasks assigned here that are not running, cancels STARTED ones whose allocation id
    // is gone, forgets COMPLETED / LOCAL_ABORTED ones whose allocation id is gone. A
    // PENDING_CANCEL task stays until its executor completes it.
    // Requires: task_manager.node() == node().
    NodeApplyOutcome apply(const PersistentTasksMetadata& metadata, TaskManager& task_manager,
                           Nanos now);

    // The executor finished (markAsCompleted). From STARTED: state COMPLETED and the completion
    // request to send to the master; from PENDING_CANCEL: COMPLETED, unregistered, nullopt.
    // Completing a COMPLETED task again is ignored (ES logs a warning): nullopt.
    // Rejects completing a LOCAL_ABORTED task with 500 illegal_state_exception "attempt to
    // complete task [<name>[c]] with id [<persistent id>] which has been locally aborted".
    // Requires: find(allocation_id) != null.
    Result<std::optional<CompletionRequest>, EsError> mark_as_completed(AllocationId allocation_id,
                                                                        TaskManager& task_manager);

    // The executor failed (markAsFailed): as mark_as_completed, but the request carries
    // `failure` — unless the local task was cancelled by a user with the default reason
    // "by user request", which counts as success (no failure sent).
    Result<std::optional<CompletionRequest>, EsError> mark_as_failed(AllocationId allocation_id,
                                                                     EsError failure,
                                                                     TaskManager& task_manager);

    // The executor gave the task up on this node (markAsLocallyAborted): state LOCAL_ABORTED;
    // from STARTED the request carries local_abort_reason = `reason`. Aborting again is ignored;
    // aborting a COMPLETED task is rejected with "attempt to locally abort task [<name>[c]]
    // with id [<persistent id>] which has been completed".
    Result<std::optional<CompletionRequest>, EsError> mark_as_locally_aborted(
        AllocationId allocation_id, std::string reason, TaskManager& task_manager);

    // The master answered the completion request (either way): the local task is unregistered.
    // The answer may come after apply() already forgot the allocation (the master publishes
    // before it answers); the task is then found among those awaiting the answer.
    // Requires: the task is COMPLETED or LOCAL_ABORTED and still registered.
    void completion_acknowledged(AllocationId allocation_id, TaskManager& task_manager);

  private:
    LocalPersistentTask& existing(AllocationId allocation_id);
    void start(const PersistentTask& task, TaskManager& task_manager, Nanos now);
    Result<std::optional<CompletionRequest>, EsError> finish(AllocationId allocation_id,
                                                             std::optional<EsError> failure,
                                                             std::optional<std::string> abort,
                                                             TaskManager& task_manager);
    void set_state(LocalPersistentTask& task, LocalTaskState state, TaskManager& task_manager);

    NodeId node_;
    std::map<AllocationId, LocalPersistentTask> tasks_;
    // Finished tasks already gone from the metadata whose completion answer has not arrived.
    std::map<AllocationId, LocalPersistentTask> awaiting_ack_;
};

}  // namespace taskcheck::es
