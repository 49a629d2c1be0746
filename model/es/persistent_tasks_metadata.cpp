#include "model/es/persistent_tasks_metadata.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::es {

const PersistentTask* PersistentTasksMetadata::find(const std::string& id) const {
    auto it = tasks_.find(id);
    return it == tasks_.end() ? nullptr : &it->second;
}

bool PersistentTasksMetadata::has_task(const std::string& id, AllocationId allocation_id) const {
    const PersistentTask* task = find(id);
    return task != nullptr && task->allocation_id == allocation_id;
}

bool PersistentTasksMetadata::any_unassigned() const {
    for (const auto& [id, task] : tasks_) {
        if (!task.assignment.is_assigned()) return true;
    }
    return false;
}

std::size_t PersistentTasksMetadata::count_on_node(const std::string& name,
                                                   const NodeId& node) const {
    std::size_t count = 0;
    for (const auto& [id, task] : tasks_) {
        if (task.name == name && task.assignment.executor_node == node) ++count;
    }
    return count;
}

PersistentTask& PersistentTasksMetadata::existing(const std::string& id) {
    auto it = tasks_.find(id);
    TC_ASSERT(it != tasks_.end());
    return it->second;
}

const PersistentTask& PersistentTasksMetadata::add_task(
    const std::string& id, const std::string& name, std::optional<nlohmann::ordered_json> params,
    Assignment assignment) {
    TC_ASSERT(find(id) == nullptr);
    PersistentTask task;
    task.id = id;
    task.name = name;
    task.params = std::move(params);
    task.allocation_id = ++last_allocation_id_;
    task.assignment = std::move(assignment);
    return tasks_.emplace(id, std::move(task)).first->second;
}

const PersistentTask& PersistentTasksMetadata::reassign_task(const std::string& id,
                                                             Assignment assignment) {
    PersistentTask& task = existing(id);
    const AllocationId previous = task.allocation_id;
    task.allocation_id = ++last_allocation_id_;
    TC_ASSERT_GT(task.allocation_id, previous);
    task.allocation_id_on_last_status_update = previous;
    task.assignment = std::move(assignment);
    return task;
}

const PersistentTask& PersistentTasksMetadata::update_task_state(const std::string& id,
                                                                 nlohmann::ordered_json state) {
    PersistentTask& task = existing(id);
    task.state = std::move(state);
    task.allocation_id_on_last_status_update = task.allocation_id;
    return task;
}

void PersistentTasksMetadata::remove_task(const std::string& id) {
    const std::size_t erased = tasks_.erase(id);
    TC_ASSERT_EQ(erased, 1u);
}

std::vector<std::string> PersistentTasksMetadata::disassociate_dead_nodes(
    const std::set<NodeId>& live_nodes) {
    std::vector<std::string> changed;
    for (const auto& [id, task] : tasks_) {
        const auto& node = task.assignment.executor_node;
        if (node && live_nodes.count(*node) == 0) changed.push_back(id);
    }
    for (const std::string& id : changed)
        reassign_task(id, lost_node_assignment());
    return changed;
}

PersistentTasksMetadata PersistentTasksMetadata::reloaded_after_full_restart() const {
    PersistentTasksMetadata reloaded;
    reloaded.last_allocation_id_ = last_allocation_id_;
    for (const auto& [id, task] : tasks_) {
        PersistentTask copy = task;
        copy.allocation_id = 0;
        copy.assignment = initial_assignment();
        copy.allocation_id_on_last_status_update.reset();
        reloaded.tasks_.emplace(id, std::move(copy));
    }
    return reloaded;
}

void to_json(nlohmann::ordered_json& out, const PersistentTasksMetadata& metadata) {
    out = nlohmann::ordered_json::object();
    out["last_allocation_id"] = metadata.last_allocation_id();
    out["tasks"] = nlohmann::ordered_json::array();
    for (const auto& [id, task] : metadata.tasks()) {
        TC_ASSERT_LE(task.allocation_id, metadata.last_allocation_id());
        out["tasks"].push_back(task);
    }
}

nlohmann::ordered_json render_cluster_state(
    const std::optional<PersistentTasksMetadata>& metadata) {
    nlohmann::ordered_json out = {{"metadata", nlohmann::ordered_json::object()}};
    if (metadata) out["metadata"]["persistent_tasks"] = *metadata;
    return out;
}

}  // namespace taskcheck::es
