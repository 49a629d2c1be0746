#pragma once
// PersistentTasksMetadata: the `persistent_tasks` custom of the cluster metadata
// (spec/elasticsearch.md §5.1; PersistentTasksCustomMetadata in ES 8.x), and its rendering as
// `GET _cluster/state` shows it.
//
// Invariants (asserted where they change):
//  - last_allocation_id only grows; every task's allocation_id <= last_allocation_id;
//  - add_task and reassign_task hand out ++last_allocation_id, so within one cluster lifetime a
//    task that moves always gets a larger allocation id than any seen before;
//  - task ids are unique (the map key is the task id).
// Task order: ES keeps the tasks in a HashMap, so its array order is unspecified. We keep them in
// a std::map and render and iterate them by id (byte-wise ascending), everywhere.
// Deterministic: a value type, no clock, no randomness.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/es/persistent_task.hpp"

namespace taskcheck::es {

class PersistentTasksMetadata {
  public:
    AllocationId last_allocation_id() const { return last_allocation_id_; }
    const std::map<std::string, PersistentTask>& tasks() const { return tasks_; }

    // The task with that id, or nullptr.
    const PersistentTask* find(const std::string& id) const;
    // True iff a task `id` exists and its allocation id is `allocation_id`.
    bool has_task(const std::string& id, AllocationId allocation_id) const;
    // True iff some task has no executor node.
    bool any_unassigned() const;
    // Number of tasks named `name` assigned to `node` (the load the default executor balances).
    std::size_t count_on_node(const std::string& name, const NodeId& node) const;

    // Adds a task with allocation_id = ++last_allocation_id and no status-update id.
    // Requires: no task `id` exists.
    const PersistentTask& add_task(const std::string& id, const std::string& name,
                                   std::optional<nlohmann::ordered_json> params,
                                   Assignment assignment);

    // Gives task `id` a new assignment and allocation_id = ++last_allocation_id, and records the
    // old allocation id in allocation_id_on_last_status_update (spec §7.6: even if the state was
    // never updated). State and params are kept. Requires: task `id` exists.
    const PersistentTask& reassign_task(const std::string& id, Assignment assignment);

    // Replaces the state; the allocation id is unchanged and allocation_id_on_last_status_update
    // becomes the current allocation id. Requires: task `id` exists.
    const PersistentTask& update_task_state(const std::string& id, nlohmann::ordered_json state);

    // Requires: task `id` exists.
    void remove_task(const std::string& id);

    // Every task whose executor node is not in `live_nodes` is reassigned to
    // lost_node_assignment() (so it gets a new allocation id). Returns the ids changed, in id
    // order; the metadata is unchanged iff the result is empty.
    std::vector<std::string> disassociate_dead_nodes(const std::set<NodeId>& live_nodes);

    // The metadata as a full cluster restart reloads it from disk: allocation ids and assignments
    // are API-only fields, so every task comes back with allocation_id 0, initial_assignment()
    // and no allocation_id_on_last_status_update; ids, names, params, state and
    // last_allocation_id are persisted and kept.
    PersistentTasksMetadata reloaded_after_full_restart() const;

  private:
    PersistentTask& existing(const std::string& id);

    AllocationId last_allocation_id_ = 0;
    std::map<std::string, PersistentTask> tasks_;
};

// {"last_allocation_id": N, "tasks": [<task>...]} with tasks in id order (persistent_task.hpp).
void to_json(nlohmann::ordered_json& out, const PersistentTasksMetadata& metadata);

// The `GET _cluster/state` subtree this model owns: {"metadata": {"persistent_tasks": {...}}},
// or {"metadata": {}} while the custom does not exist yet (no task was ever created).
nlohmann::ordered_json render_cluster_state(const std::optional<PersistentTasksMetadata>& metadata);

}  // namespace taskcheck::es
