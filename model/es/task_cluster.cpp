#include "model/es/task_cluster.hpp"

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::es {

namespace {

constexpr std::string_view kChannelClosed = "channel was closed";

}  // namespace

int TaskClusterOptions::wait_timeout_status() const {
    const bool since_8_17 = version_major > 8 || (version_major == 8 && version_minor >= 17);
    return since_8_17 ? 429 : 500;
}

TaskCluster::TaskCluster(TaskClusterOptions options) : options_(options) {}

void TaskCluster::join(DiscoveryNode node) {
    const NodeId id = node.id;
    membership_.join(std::move(node));
    auto [it, inserted] = managers_.emplace(id, TaskManager(id));
    TC_ASSERT(inserted);
}

bool TaskCluster::leave(const NodeId& node, Nanos now) {
    (void)now;
    if (!membership_.leave(node)) return false;
    managers_.erase(node);
    if (!membership_.master().has_value() && !membership_.nodes().empty()) {
        membership_.set_master(membership_.nodes().front().id);
    }
    // 7.10+: children received over the closed channel are cancelled, its bans dropped (§4.2).
    std::vector<TaskId> orphans;
    for (auto& [id, manager] : managers_) {
        manager.remove_bans_from(node);
        for (const Task& task : manager.tasks()) {
            if (task.cancellable && task.parent.is_set() && task.parent.node == node) {
                orphans.push_back(TaskId{id, task.id});
            }
        }
    }
    for (const TaskId& orphan : orphans) {
        if (is_running(orphan)) cancel_task_and_descendants(orphan, kChannelClosed);
    }
    return true;
}

void TaskCluster::restart(const NodeId& node, Nanos now) {
    const DiscoveryNode* member = membership_.find(node);
    TC_ASSERT(member != nullptr);
    DiscoveryNode copy = *member;
    leave(node, now);
    join(std::move(copy));
}

TaskManager& TaskCluster::manager_of(const NodeId& node) {
    auto it = managers_.find(node);
    if (it == managers_.end()) {
        throw InputError("es-unknown-node", {}, "node [" + node + "] is not a cluster member",
                         "join it first");
    }
    return it->second;
}

const TaskManager* TaskCluster::manager(const NodeId& node) const {
    auto it = managers_.find(node);
    return it == managers_.end() ? nullptr : &it->second;
}

TaskManager* TaskCluster::mutable_manager(const NodeId& node) {
    auto it = managers_.find(node);
    return it == managers_.end() ? nullptr : &it->second;
}

const Task* TaskCluster::find_task(const TaskId& id) const {
    const TaskManager* owner = manager(id.node);
    return owner == nullptr ? nullptr : owner->find(id.number);
}

bool TaskCluster::is_running(const TaskId& id) const {
    return find_task(id) != nullptr;
}

Result<TaskId, EsError> TaskCluster::start_task(const NodeId& node, TaskRegistration registration,
                                                Nanos now) {
    auto id = manager_of(node).register_task(std::move(registration), now);
    if (!id.ok()) return Err(id.error());
    return TaskId{node, id.value()};
}

bool TaskCluster::finish_task(const TaskId& id, const TaskOutcome& outcome, Nanos now) {
    auto it = managers_.find(id.node);
    if (it == managers_.end()) return false;
    const Task* running = it->second.find(id.number);
    if (running == nullptr) return false;
    if (running->store_result) {
        results_.store(task_info(*running, id.node, true, now), outcome);
    }
    it->second.unregister(id.number);
    for (auto& [node, manager] : managers_)
        manager.remove_ban(id);
    return true;
}

bool TaskCluster::set_status(const TaskId& id, nlohmann::ordered_json status) {
    if (!is_running(id)) return false;
    managers_.at(id.node).set_status(id.number, std::move(status));
    return true;
}

std::vector<TaskId> TaskCluster::cancel_task_and_descendants(const TaskId& id,
                                                             std::string_view reason) {
    std::vector<TaskId> cancelled;
    std::vector<TaskId> pending{id};
    while (!pending.empty()) {
        const TaskId current = pending.back();
        pending.pop_back();
        TaskManager& owner = managers_.at(current.node);
        if (owner.cancel(current.number, reason)) cancelled.push_back(current);
        for (auto& [node, manager] : managers_) {
            manager.set_ban(current, std::string(reason), current.node);
            for (std::int64_t child : manager.cancellable_children_of(current)) {
                if (!manager.find(child)->cancelled) pending.push_back(TaskId{node, child});
            }
        }
    }
    return cancelled;
}

NodeId TaskCluster::coordinating_node(const RequestContext& context) const {
    if (!context.local_node.empty()) {
        if (!membership_.contains(context.local_node)) {
            throw InputError("es-unknown-node", {},
                             "coordinating node [" + context.local_node + "] is not a member",
                             "send the request to a member");
        }
        return context.local_node;
    }
    if (membership_.master().has_value()) return *membership_.master();
    if (membership_.nodes().empty()) {
        throw InputError("es-empty-cluster", {}, "no node to send the request to",
                         "join a node first");
    }
    return membership_.nodes().front().id;
}

Result<TaskId, EsError> TaskCluster::start_request_task(const NodeId& node,
                                                        const std::string& action, bool cancellable,
                                                        const TaskId& parent,
                                                        const TaskHeaders& headers, Nanos now) {
    TaskRegistration registration;
    registration.type =
        !parent.is_set() || parent.node != node ? TaskType::transport : TaskType::direct;
    registration.action = action;
    registration.parent = parent;
    registration.cancellable = cancellable;
    registration.headers = headers;
    return start_task(node, std::move(registration), now);
}

void TaskCluster::finish_request_tasks(const std::vector<TaskId>& tasks, Nanos now) {
    for (auto it = tasks.rbegin(); it != tasks.rend(); ++it) {
        finish_task(*it, TaskOutcome{nlohmann::ordered_json::object(), std::nullopt}, now);
    }
}

}  // namespace taskcheck::es
