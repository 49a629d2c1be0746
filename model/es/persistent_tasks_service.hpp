#pragma once
// PersistentTasksService: the master side of Elasticsearch persistent tasks
// (PersistentTasksClusterService + the transport actions start / update_status / completion /
// remove of ES 8.x; spec/elasticsearch.md §5.1, §5.2, §7.3, §7.6, §7.11).
//
// The model is the elected master's view: the persistent-tasks metadata, the nodes, the two
// settings and the periodic rechecker. Every command is one cluster-state update followed by the
// master's clusterChanged() hook, which reassigns each task that is unassigned or whose executor
// node left, iff its recomputed assignment differs from the current one.
//
// Invariants:
//  - within one cluster lifetime allocation ids only grow (PersistentTasksMetadata);
//  - an assigned task's executor node was, when it was assigned, a live, data-capable node
//    without a shutdown record;
//  - after every command no task needs reassignment whose recomputed assignment would differ.
//
// Randomness: ES shuffles the candidate nodes before every assignment (Randomness.shuffle,
// §7.11), so among equally loaded nodes the winner is random. The model has no randomness: every
// command that may assign takes `shuffle`, the caller's permutation of the current node ids (an
// empty span means "membership order"). All assignments of one command use the same order; each
// such outcome is one ES could produce. A shuffle that is not a permutation of the node ids
// throws InputError "persistent-shuffle-invalid".
//
// Time: commands carry `now`; the model never reads a clock. recheck_scheduled_at() says when the
// periodic rechecker fires; the caller calls run_recheck_if_due().
// Deterministic: tasks are visited by id; nodes in the order given.

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/discovery_node.hpp"
#include "model/es/es_error.hpp"
#include "model/es/persistent_tasks_metadata.hpp"
#include "model/es/persistent_tasks_settings.hpp"

namespace taskcheck::es {

// The cluster facts assignment reads: the live nodes (membership order) and the ids of nodes
// with a shutdown record (NodesShutdownMetadata; any shutdown type counts).
struct PersistentClusterNodes {
    std::vector<DiscoveryNode> nodes;
    std::set<NodeId> shutting_down;
};

// cluster:admin/persistent/start. nullopt id / name model a request that lacks them.
struct StartPersistentTaskRequest {
    std::optional<std::string> task_id;
    std::optional<std::string> task_name;
    std::optional<nlohmann::ordered_json> params;
};

// cluster:admin/persistent/update_status. allocation_id -1 means "not specified".
struct UpdateTaskStateRequest {
    std::optional<std::string> task_id;
    AllocationId allocation_id = -1;
    nlohmann::ordered_json state;
};

// cluster:admin/persistent/completion. A failure is only logged by ES: the task is removed either
// way (§7.3). A local abort reason unassigns the task instead (7.15+).
struct CompletionRequest {
    std::optional<std::string> task_id;
    AllocationId allocation_id = -1;
    std::optional<EsError> failure;
    std::optional<std::string> local_abort_reason;
};

class PersistentTasksService {
  public:
    // `executors`: the registered persistent task executor names (PersistentTasksExecutorRegistry);
    // every one uses the default assignment (least loaded data node).
    // Requires: settings.recheck_interval >= seconds(10).
    explicit PersistentTasksService(std::set<std::string> executors,
                                    PersistentTasksSettings settings = {});

    // nullopt until the first task is created (the custom metadata does not exist yet).
    const std::optional<PersistentTasksMetadata>& metadata() const { return metadata_; }
    const PersistentTasksSettings& settings() const { return settings_; }
    const PersistentClusterNodes& nodes() const { return nodes_; }
    // When the periodic rechecker fires next; nullopt when it is not scheduled.
    std::optional<Nanos> recheck_scheduled_at() const { return recheck_at_; }

    // The persistent-tasks metadata of every cluster state the last command published, in
    // order: a command is one update, and the reassignment it triggers is another (so node loss
    // publishes "awaiting reassignment after node loss" before the new assignment). Empty iff
    // the last command was rejected or changed no task. Executor nodes apply these in order
    // (persistent_node_service.hpp).
    const std::vector<PersistentTasksMetadata>& published() const { return published_; }

    // `GET _cluster/state?filter_path=<filter_path>` restricted to metadata.persistent_tasks
    // (persistent_tasks_metadata.hpp, persistent_filter_path.hpp).
    nlohmann::ordered_json render_cluster_state(std::string_view filter_path = "") const;

    // The assignment the default executor would give a task named `name` now: enable=none →
    // "persistent task [<name>] cannot be assigned [no persistent task assignments are allowed
    // due to cluster settings]"; else the first data-capable, not-shutting-down node in `shuffle`
    // order with the strictly smallest count of tasks named `name` → (node, ""); none →
    // no_node_found_assignment(). Changes nothing.
    Assignment compute_assignment(const std::string& name, std::span<const NodeId> shuffle) const;

    // Nodes joined, left or changed shutdown records. Tasks on nodes that left get
    // lost_node_assignment() and a new allocation id (disassociateDeadNodes, in the same update),
    // then clusterChanged() reassigns them.
    void set_nodes(PersistentClusterNodes nodes, Nanos now, std::span<const NodeId> shuffle);

    // This node was just elected master: the old master's rechecker is gone, and the new master
    // runs the reassignment check once. Tasks on live nodes keep their allocation ids.
    void become_master(Nanos now, std::span<const NodeId> shuffle);

    // Creates a task with allocation_id = ++last_allocation_id and returns it as created.
    // Rejects, leaving everything unchanged:
    //  - missing id / name → 400 action_request_validation_exception
    //    "Validation Failed: 1: task id must be specified;2: action must be specified;";
    //  - an existing id → 400 resource_already_exists_exception "task with id {<id>} already
    //    exist" (checked first);
    //  - an unregistered name → 500 illegal_state_exception "Unknown persistent executor [<name>]".
    // An unassigned new task (re)schedules the rechecker at now + recheck_interval.
    Result<PersistentTask, EsError> create(const StartPersistentTaskRequest& request, Nanos now,
                                           std::span<const NodeId> shuffle);

    // Stores the task's state iff a task with that id AND allocation id exists; the allocation id
    // is unchanged and allocation_id_on_last_status_update becomes it. Returns the updated task.
    // Rejects: missing id / allocation id -1 → 400 action_request_validation_exception
    // "Validation Failed: 1: task id must be specified;2: allocationId must be specified;";
    // no match → 404 resource_not_found_exception "the task with id <id> and allocation id
    // <alloc> doesn't exist".
    Result<PersistentTask, EsError> update_state(const UpdateTaskStateRequest& request, Nanos now,
                                                 std::span<const NodeId> shuffle);

    // Completion from the executor node. Iff (id, allocation id) matches:
    //  - no local abort reason: the task is removed, also when `failure` is set (§7.3); returns
    //    the task as it was;
    //  - a local abort reason: the task is unassigned with explanation = the reason and a new
    //    allocation id, then reassigned as usual (so a second new id; may be the same node);
    //    returns the unassigned task.
    // Rejects: validation → 400 action_request_validation_exception "Validation Failed: 1: task
    // id is missing;2: allocation id is negative or missing;3: task cannot be both locally
    // aborted and failed;" (the applicable items); no match → 404 resource_not_found_exception,
    // completion: "the task with id [<id>] and allocation id [<alloc>] not found", local abort:
    // "the task with id <id> and allocation id <alloc> doesn't exist".
    Result<PersistentTask, EsError> complete(const CompletionRequest& request, Nanos now,
                                             std::span<const NodeId> shuffle);

    // Removes the task whatever its allocation id; returns it as it was. Unknown id → 404
    // resource_not_found_exception "the task with id <id> doesn't exist".
    Result<PersistentTask, EsError> remove(const std::string& task_id, Nanos now,
                                           std::span<const NodeId> shuffle);

    // `PUT _cluster/settings` of one of the two settings (persistent_tasks_settings.hpp gives the
    // rejections; nothing changes on error). A new recheck interval reschedules a scheduled
    // rechecker at now + interval. Either change is a metadata change and runs the check.
    Result<PersistentTasksSettings, EsError> set_recheck_interval(std::string_view value, Nanos now,
                                                                  std::span<const NodeId> shuffle);
    Result<PersistentTasksSettings, EsError> set_assignment_enable(std::string_view value,
                                                                   Nanos now,
                                                                   std::span<const NodeId> shuffle);

    // Runs the periodic rechecker iff it is scheduled at or before `now`: it is unscheduled, then,
    // iff some task is unassigned, every task needing reassignment is reassigned and, iff some
    // task is still unassigned, the rechecker is scheduled at now + recheck_interval.
    // Returns true iff it ran.
    bool run_recheck_if_due(Nanos now, std::span<const NodeId> shuffle);

    // A full cluster restart: the metadata is reloaded from disk (every task with allocation id 0
    // and "waiting for initial assignment"), the nodes are `nodes`, no rechecker is scheduled.
    // Nothing is reassigned until the next command (normally become_master()).
    void full_restart(PersistentClusterNodes nodes);

  private:
    Assignment assignment_in_order(const std::string& name, const std::vector<NodeId>& order) const;
    bool needs_reassignment(const PersistentTask& task) const;
    bool has_node(const NodeId& id) const;
    bool should_reassign(const std::vector<NodeId>& order) const;
    void reassign_tasks(const std::vector<NodeId>& order);
    void cluster_changed(Nanos now, const std::vector<NodeId>& order);
    void schedule_recheck(Nanos now) { recheck_at_ = now + settings_.recheck_interval; }
    void publish() { published_.push_back(*metadata_); }

    std::set<std::string> executors_;
    PersistentTasksSettings settings_;
    PersistentClusterNodes nodes_;
    std::optional<PersistentTasksMetadata> metadata_;
    std::optional<Nanos> recheck_at_;
    std::vector<PersistentTasksMetadata> published_;
};

}  // namespace taskcheck::es
