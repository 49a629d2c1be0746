#include "model/es/persistent_node_service.hpp"

#include <algorithm>
#include <set>

#include "model/common/assert.hpp"

namespace taskcheck::es {
namespace {

nlohmann::ordered_json status_of(LocalTaskState state) {
    return nlohmann::ordered_json{{"state", to_string(state)}};
}

bool is_finished(LocalTaskState state) {
    return state == LocalTaskState::completed || state == LocalTaskState::local_aborted;
}

}  // namespace

std::string to_string(LocalTaskState state) {
    switch (state) {
        case LocalTaskState::started:
            return "STARTED";
        case LocalTaskState::pending_cancel:
            return "PENDING_CANCEL";
        case LocalTaskState::completed:
            return "COMPLETED";
        case LocalTaskState::local_aborted:
            return "LOCAL_ABORTED";
    }
    TC_ASSERT(false);
    return "";
}

const LocalPersistentTask* PersistentNodeService::find(AllocationId allocation_id) const {
    auto it = tasks_.find(allocation_id);
    return it == tasks_.end() ? nullptr : &it->second;
}

LocalPersistentTask& PersistentNodeService::existing(AllocationId allocation_id) {
    auto it = tasks_.find(allocation_id);
    TC_ASSERT(it != tasks_.end());
    return it->second;
}

void PersistentNodeService::set_state(LocalPersistentTask& task, LocalTaskState state,
                                      TaskManager& task_manager) {
    task.state = state;
    if (task.registered) task_manager.set_status(task.task_number, status_of(state));
}

void PersistentNodeService::start(const PersistentTask& task, TaskManager& task_manager,
                                  Nanos now) {
    TaskRegistration registration;
    registration.type = TaskType::persistent;
    registration.action = task.name + "[c]";
    registration.description = "id=" + task.id;
    registration.status = status_of(LocalTaskState::started);
    registration.parent = TaskId{"cluster", task.allocation_id};
    registration.cancellable = true;
    // Nothing bans children of the synthetic "cluster:<n>" parent, so registration succeeds.
    auto registered = task_manager.register_task(std::move(registration), now);
    TC_ASSERT(registered.ok());
    LocalPersistentTask local;
    local.persistent_id = task.id;
    local.name = task.name;
    local.allocation_id = task.allocation_id;
    local.task_number = *registered;
    tasks_.emplace(task.allocation_id, std::move(local));
}

NodeApplyOutcome PersistentNodeService::apply(const PersistentTasksMetadata& metadata,
                                              TaskManager& task_manager, Nanos now) {
    TC_ASSERT_EQ(task_manager.node(), node_);
    NodeApplyOutcome outcome;
    std::set<AllocationId> assigned_here;
    for (const auto& [id, task] : metadata.tasks()) {
        if (task.assignment.executor_node != node_) continue;
        assigned_here.insert(task.allocation_id);
        if (tasks_.count(task.allocation_id) != 0) continue;
        start(task, task_manager, now);
        outcome.started.push_back(task.allocation_id);
    }
    std::vector<AllocationId> gone;
    for (const auto& [allocation_id, local] : tasks_) {
        if (assigned_here.count(allocation_id) == 0) gone.push_back(allocation_id);
    }
    for (AllocationId allocation_id : gone) {
        LocalPersistentTask& local = existing(allocation_id);
        if (is_finished(local.state)) {
            // The master has accepted the result (the allocation is gone): forget it. The
            // master's answer may still be on its way; until then the task stays registered.
            if (local.registered) awaiting_ack_.emplace(allocation_id, local);
            tasks_.erase(allocation_id);
            outcome.forgotten.push_back(allocation_id);
        } else if (local.state == LocalTaskState::started) {
            set_state(local, LocalTaskState::pending_cancel, task_manager);
            const Task* registered = task_manager.find(local.task_number);
            if (registered != nullptr && !registered->cancelled) {
                task_manager.cancel(local.task_number, kRemovedCancelReason);
            }
            outcome.cancelled.push_back(allocation_id);
        }
    }
    std::sort(outcome.started.begin(), outcome.started.end());
    return outcome;
}

Result<std::optional<CompletionRequest>, EsError> PersistentNodeService::finish(
    AllocationId allocation_id, std::optional<EsError> failure, std::optional<std::string> abort,
    TaskManager& task_manager) {
    LocalPersistentTask& local = existing(allocation_id);
    const LocalTaskState desired =
        abort ? LocalTaskState::local_aborted : LocalTaskState::completed;
    if (is_finished(local.state)) {
        if (local.state == desired) return std::optional<CompletionRequest>{};  // logged twice
        EsError error;
        error.type = "illegal_state_exception";
        error.reason = std::string("attempt to ") + (abort ? "locally abort" : "complete") +
                       " task [" + local.name + "[c]] with id [" + local.persistent_id +
                       "] which has been " + (abort ? "completed" : "locally aborted");
        error.elasticsearch_exception = false;
        return Err(error);
    }
    const LocalTaskState previous = local.state;
    set_state(local, desired, task_manager);
    if (previous == LocalTaskState::pending_cancel) {
        task_manager.unregister(local.task_number);
        local.registered = false;
        return std::optional<CompletionRequest>{};
    }
    TC_ASSERT(previous == LocalTaskState::started);
    CompletionRequest request;
    request.task_id = local.persistent_id;
    request.allocation_id = local.allocation_id;
    request.failure = std::move(failure);
    request.local_abort_reason = std::move(abort);
    return std::optional<CompletionRequest>{std::move(request)};
}

Result<std::optional<CompletionRequest>, EsError> PersistentNodeService::mark_as_completed(
    AllocationId allocation_id, TaskManager& task_manager) {
    return finish(allocation_id, std::nullopt, std::nullopt, task_manager);
}

Result<std::optional<CompletionRequest>, EsError> PersistentNodeService::mark_as_failed(
    AllocationId allocation_id, EsError failure, TaskManager& task_manager) {
    const LocalPersistentTask& local = existing(allocation_id);
    const Task* registered = local.registered ? task_manager.find(local.task_number) : nullptr;
    // CancelTasksRequest.DEFAULT_REASON: a failure after a user's cancel is a normal end.
    if (registered != nullptr && registered->cancelled &&
        registered->cancel_reason == "by user request") {
        return finish(allocation_id, std::nullopt, std::nullopt, task_manager);
    }
    return finish(allocation_id, std::move(failure), std::nullopt, task_manager);
}

Result<std::optional<CompletionRequest>, EsError> PersistentNodeService::mark_as_locally_aborted(
    AllocationId allocation_id, std::string reason, TaskManager& task_manager) {
    return finish(allocation_id, std::nullopt, std::move(reason), task_manager);
}

void PersistentNodeService::completion_acknowledged(AllocationId allocation_id,
                                                    TaskManager& task_manager) {
    auto forgotten = awaiting_ack_.find(allocation_id);
    LocalPersistentTask& local =
        forgotten != awaiting_ack_.end() ? forgotten->second : existing(allocation_id);
    TC_ASSERT(is_finished(local.state));
    TC_ASSERT(local.registered);
    task_manager.unregister(local.task_number);
    local.registered = false;
    if (forgotten != awaiting_ack_.end()) awaiting_ack_.erase(forgotten);
}

}  // namespace taskcheck::es
