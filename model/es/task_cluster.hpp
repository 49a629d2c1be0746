#pragma once
// TaskCluster: the Elasticsearch task management APIs over a cluster of simulated nodes — one
// TaskManager per member, cluster-wide cancellation with bans, node loss, the `.tasks` results
// store, and the REST operations list / get / cancel (spec/elasticsearch.md §3, §4, §7).
// Invariants:
//  - exactly one TaskManager per member; a node that leaves loses its tasks, a restarted node
//    starts a fresh TaskManager (ids from 1);
//  - a cancelled task's cancellable descendants on every node are cancelled with the same reason,
//    and every member holds a ban on its children until the cancelled task unregisters;
//  - after a node leaves, no member holds a ban from it and no uncancelled cancellable task has a
//    parent on it (they are cancelled with "channel was closed").
// Order: ES answers in HashMap order; we answer in node join order, then task number, and say
// so in every rendering (task_listing.hpp).
// Each REST operation registers its own tasks like ES does (a list shows itself, §7.5), and
// consumes ids on the nodes it touches. Responses are compact JSON text; errors are EsError.
// Waiting (wait_for_completion) is a Reply with a WaitId; the caller polls it after later
// commands and at its deadline. Deterministic: no clock, no randomness, ordered containers only.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/cluster_membership.hpp"
#include "model/es/results_store.hpp"
#include "model/es/task_headers.hpp"
#include "model/es/task_listing.hpp"
#include "model/es/task_manager.hpp"

namespace taskcheck::es {

struct TaskClusterOptions {
    // The modelled Elasticsearch version. Since 8.17 (PR #116026) a wait_for_completion timeout
    // is HTTP 429; before it was 500 (spec §3.4, §7.7).
    int version_major = 8;
    int version_minor = 17;
    Nanos default_wait_timeout = seconds(30);  // `timeout` when a waiting request has none

    int wait_timeout_status() const;
};

// The coordinating node and the HTTP headers of one REST request.
struct RequestContext {
    NodeId local_node;  // empty: the master (or the first member when there is none)
    HttpHeaders http_headers;
};

// The task selection shared by list, cancel and _cat/tasks (raw parameter text).
struct TaskSelection {
    std::string nodes;           // "" = all nodes
    std::string actions;         // comma list of simple wildcards; "" = all
    std::string parent_task_id;  // "" / "unset" / "<node>:-1" = any
};

struct ListTasksRequest {
    TaskSelection selection;
    bool detailed = false;
    std::string group_by = "nodes";
    bool wait_for_completion = false;
    std::optional<Nanos> timeout;
    bool human = false;
};

struct GetTaskRequest {
    std::string task_id;
    bool wait_for_completion = false;
    std::optional<Nanos> timeout;
    bool human = false;
};

struct CancelTasksRequest {
    std::string task_id;  // from the path; "" when POST /_tasks/_cancel
    TaskSelection selection;
    bool wait_for_completion = false;
    std::string group_by = "nodes";
    bool human = false;
};

using EsReply = Result<std::string, EsError>;
using WaitId = std::uint64_t;

// A finished response, or a wait to poll. Exactly one of result / wait is set.
struct Reply {
    std::optional<EsReply> result;
    WaitId wait = 0;
    bool pending() const { return !result.has_value(); }
};

class TaskCluster {
  public:
    explicit TaskCluster(TaskClusterOptions options = {});

    // --- membership -------------------------------------------------------------------------
    // Adds a node with an empty TaskManager. Requires: the id is not a member.
    void join(DiscoveryNode node);
    // Removes the node and its tasks, drops bans it placed, and cancels ("channel was closed")
    // the cancellable tasks whose parent ran on it, with their descendants. If it was master,
    // the first remaining member becomes master. Returns false iff it was not a member.
    bool leave(const NodeId& node, Nanos now);
    // leave + join of the same node: its task ids start again at 1.
    void restart(const NodeId& node, Nanos now);
    void set_master(const NodeId& node) { membership_.set_master(node); }
    const ClusterMembership& membership() const { return membership_; }

    // --- tasks (what requests and executors do) ---------------------------------------------
    // Registers a task on `node`. Rejects a cancellable child of a banned parent with 400
    // task_cancelled_exception "task cancelled before starting [<reason>]".
    // Requires: `node` is a member (else InputError "es-unknown-node").
    Result<TaskId, EsError> start_task(const NodeId& node, TaskRegistration registration,
                                       Nanos now);
    // Unregisters the task; if it was started with store_result, writes its detailed snapshot
    // and `outcome` to `.tasks`. Lifts the bans on its children. False iff it is not running.
    bool finish_task(const TaskId& id, const TaskOutcome& outcome, Nanos now);
    // Replaces a running task's detailed status. False iff it is not running.
    bool set_status(const TaskId& id, nlohmann::ordered_json status);
    // Cancels a running cancellable task and its cancellable descendants on every node with
    // `reason` and bans its children everywhere (TaskCancellationService). Returns the tasks
    // this call newly cancelled, the task first. Requires: the task is running and cancellable.
    std::vector<TaskId> cancel_task_and_descendants(const TaskId& id, std::string_view reason);

    // The node's TaskManager, or null iff the node is not a member.
    const TaskManager* manager(const NodeId& node) const;
    // The same, writable, for per-node services that drive a TaskManager themselves (the
    // persistent-task executor side, persistent_node_service.hpp). Changes made through it are
    // node-local: use cancel_task_and_descendants / finish_task for the cluster-wide effects
    // (bans, descendants on other nodes, stored results).
    TaskManager* mutable_manager(const NodeId& node);
    const ResultsStore& results() const { return results_; }

    // --- REST ---------------------------------------------------------------------------------
    // GET /_tasks. Errors: malformed parent_task_id (§7.1), bad group_by, task header size.
    Reply list(const ListTasksRequest& request, const RequestContext& context, Nanos now);
    // GET /_tasks/<id>: running -> {"completed":false,"task":{detailed}}; stored -> the stored
    // document; else 404 as spec §3.4; wait_for_completion -> a wait (timeout error §7.7).
    // As in ES, the request's own `cluster:monitor/task/get` task is registered first, so asking
    // for the very next id of the coordinating node finds the get task itself.
    Reply get(const GetTaskRequest& request, const RequestContext& context, Nanos now);
    // POST /_tasks[/<id>]/_cancel: 200 listing the cancelled tasks; per-node problems are
    // node_failures (§7.2); wait_for_completion waits until the cancelled tasks and their
    // descendants have all unregistered.
    Reply cancel(const CancelTasksRequest& request, const RequestContext& context, Nanos now);

    // The TaskListing behind list and _cat/tasks, for a renderer: registers the list tasks,
    // snapshots, and (without wait) unregisters them again. With wait_for_completion the reply
    // waits until the snapshot's tasks (other than list tasks) have unregistered.
    using ListingRenderer = std::function<EsReply(const TaskListing&)>;
    Reply list_with(const TaskSelection& selection, bool detailed, bool wait_for_completion,
                    std::optional<Nanos> timeout, const RequestContext& context, Nanos now,
                    ListingRenderer render);

    // Finishes a wait when it can: its condition holds, or `now` reached its deadline (then the
    // timeout outcome). nullopt while still waiting. Requires: `wait` is pending.
    std::optional<EsReply> poll(WaitId wait, Nanos now);
    // The pending waits, ascending, and when one times out (nullopt: never, e.g. cancel).
    std::vector<WaitId> pending_waits() const;
    std::optional<Nanos> wait_deadline(WaitId wait) const;

  private:
    enum class WaitKind { get, list, cancel };
    // One waiting request. It ends when none of `awaited` (nor any task whose parent is one of
    // them) is running, or at `deadline`; then its own request tasks unregister.
    struct Wait {
        WaitKind kind = WaitKind::list;
        std::optional<Nanos> deadline;
        std::vector<TaskId> awaited;
        std::vector<TaskId> own_tasks;
        TaskListing listing;             // list / cancel: the snapshot to answer with
        ListingRenderer render;          // list / cancel
        std::optional<TaskInfo> target;  // get: detailed snapshot when waiting started
        bool human = false;
    };

    TaskManager& manager_of(const NodeId& node);
    NodeId coordinating_node(const RequestContext& context) const;
    Result<TaskId, EsError> start_request_task(const NodeId& node, const std::string& action,
                                               bool cancellable, const TaskId& parent,
                                               const TaskHeaders& headers, Nanos now);
    void finish_request_tasks(const std::vector<TaskId>& tasks, Nanos now);
    bool is_running(const TaskId& id) const;
    const Task* find_task(const TaskId& id) const;
    EsReply get_not_running(const TaskId& id, bool human) const;
    std::optional<NodeFailure> cancel_on_node(const NodeId& node, const TaskId& target,
                                              const TaskSelection& selection, const TaskId& parent,
                                              std::vector<TaskId>& out);
    Reply finish_or_wait(Wait wait, Nanos now);
    bool wait_done(const Wait& wait) const;
    EsReply complete_wait(const Wait& wait, bool timed_out) const;

    TaskClusterOptions options_;
    ClusterMembership membership_;
    std::map<NodeId, TaskManager> managers_;
    ResultsStore results_;
    std::map<WaitId, Wait> waits_;
    WaitId last_wait_ = 0;
};

}  // namespace taskcheck::es
