#pragma once
// TaskManager: the tasks registered on ONE Elasticsearch node, with their cancellation flags and
// the bans this node holds on parents (TaskManager.java, CancellableTasksTracker;
// spec/elasticsearch.md §4.1, §4.2).
// Invariants:
//  - ids are 1, 2, 3 ... in registration order and never reused within one node lifetime; a
//    restarted node gets a fresh TaskManager, so its ids start again at 1;
//  - a task is cancelled only if it is cancellable; cancelled and its reason are set once;
//  - a cancellable task whose parent is banned here is never left registered: register_task
//    consumes its id, then rejects it with task_cancelled_exception.
// Deterministic: no clock (every call that needs time takes `now`), tasks() iterates by id.
// Cross-node work (descendants on other nodes, bans everywhere, node loss) is done by TaskCluster
// (task_cluster.hpp), which owns one TaskManager per member.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/discovery_node.hpp"
#include "model/es/es_error.hpp"
#include "model/es/task.hpp"
#include "model/es/task_id.hpp"
#include "model/es/task_table.hpp"

namespace taskcheck::es {

// A ban on children of `parent`, as received from the node `origin` (the parent's node).
struct Ban {
    std::string reason;
    NodeId origin;
};

class TaskManager {
  public:
    explicit TaskManager(NodeId node) : node_(std::move(node)) {}

    const NodeId& node() const { return node_; }

    // Registers a task started at `now` and returns its id (the next number on this node).
    // Rejects a cancellable task whose parent is banned here with 400 task_cancelled_exception
    // "task cancelled before starting [<ban reason>]"; the id is consumed, nothing stays
    // registered. Non-cancellable tasks are not checked against bans (as in ES).
    Result<std::int64_t, EsError> register_task(TaskRegistration registration, Nanos now);

    // Removes the task and returns it; nullopt (nothing changes) iff no such task.
    std::optional<Task> unregister(std::int64_t id);

    // The task with this id, or null.
    const Task* find(std::int64_t id) const;

    // Every registered task, by id (iterates `const Task&` in ascending id order).
    const TaskTable& tasks() const { return tasks_; }

    // Replaces the task's detailed status. Requires: the task is registered.
    void set_status(std::int64_t id, nlohmann::ordered_json status);

    // Marks a cancellable task cancelled with `reason`. Returns true iff this call cancelled it
    // (false when it was already cancelled: the first reason is kept).
    // Requires: the task is registered and cancellable.
    bool cancel(std::int64_t id, std::string_view reason);

    // Ids of the registered cancellable tasks whose parent is `parent`, ascending.
    std::vector<std::int64_t> cancellable_children_of(const TaskId& parent) const;

    // Bans (or re-bans) children of `parent` here. A later ban from another origin replaces it.
    void set_ban(const TaskId& parent, std::string reason, NodeId origin);
    // Removes the ban on `parent`, if any.
    void remove_ban(const TaskId& parent);
    // Removes every ban that came from `origin` (its channel closed); returns how many.
    std::size_t remove_bans_from(const NodeId& origin);
    // The ban on `parent`, or null.
    const Ban* ban(const TaskId& parent) const;
    const std::map<TaskId, Ban>& bans() const { return bans_; }

    // The last id handed out (0 before the first registration).
    std::int64_t last_id() const { return last_id_; }

  private:
    NodeId node_;
    std::int64_t last_id_ = 0;
    TaskTable tasks_;
    std::map<TaskId, Ban> bans_;
};

}  // namespace taskcheck::es
