#include "model/es/task_manager.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::es {

TaskHeaders::TaskHeaders(Map entries) {
    if (!entries.empty()) map_ = std::make_shared<const Map>(std::move(entries));
}

const TaskHeaders::Map& TaskHeaders::empty_map() {
    static const Map kEmpty;
    return kEmpty;
}

std::string_view to_string(TaskType type) {
    switch (type) {
        case TaskType::transport:
            return "transport";
        case TaskType::direct:
            return "direct";
        case TaskType::persistent:
            return "persistent";
    }
    TC_ASSERT(false);
    return "";
}

Result<std::int64_t, EsError> TaskManager::register_task(TaskRegistration registration, Nanos now) {
    const std::int64_t id = ++last_id_;
    // TaskManager.registerCancellableTask: the task is registered, cancelled with the ban reason
    // and unregistered again, so a banned child still uses up its id.
    if (registration.cancellable && registration.parent.is_set()) {
        if (const Ban* found = ban(registration.parent)) {
            return Err(task_cancelled("task cancelled before starting [" + found->reason + "]"));
        }
    }
    Task task;
    task.id = id;
    task.type = registration.type;
    task.action = std::move(registration.action);
    task.description = std::move(registration.description);
    task.status = std::move(registration.status);
    task.parent = std::move(registration.parent);
    task.start_time = now;
    task.cancellable = registration.cancellable;
    task.headers = std::move(registration.headers);
    task.store_result = registration.store_result;
    tasks_.append(std::move(task));
    return id;
}

std::optional<Task> TaskManager::unregister(std::int64_t id) {
    return tasks_.remove(id);
}

const Task* TaskManager::find(std::int64_t id) const {
    return tasks_.find(id);
}

void TaskManager::set_status(std::int64_t id, nlohmann::ordered_json status) {
    Task* task = tasks_.find(id);
    TC_ASSERT(task != nullptr);
    task->status = std::move(status);
}

bool TaskManager::cancel(std::int64_t id, std::string_view reason) {
    Task* found = tasks_.find(id);
    TC_ASSERT(found != nullptr);
    Task& task = *found;
    TC_ASSERT(task.cancellable);
    if (task.cancelled) return false;
    task.cancelled = true;
    task.cancel_reason = std::string(reason);
    return true;
}

std::vector<std::int64_t> TaskManager::cancellable_children_of(const TaskId& parent) const {
    std::vector<std::int64_t> children;
    if (!parent.is_set()) return children;
    for (const Task& task : tasks_) {
        if (task.cancellable && task.parent == parent) children.push_back(task.id);
    }
    return children;
}

void TaskManager::set_ban(const TaskId& parent, std::string reason, NodeId origin) {
    TC_ASSERT(parent.is_set());
    bans_[parent] = Ban{std::move(reason), std::move(origin)};
}

void TaskManager::remove_ban(const TaskId& parent) {
    bans_.erase(parent);
}

std::size_t TaskManager::remove_bans_from(const NodeId& origin) {
    return std::erase_if(bans_, [&](const auto& entry) { return entry.second.origin == origin; });
}

const Ban* TaskManager::ban(const TaskId& parent) const {
    auto it = bans_.find(parent);
    return it == bans_.end() ? nullptr : &it->second;
}

}  // namespace taskcheck::es
