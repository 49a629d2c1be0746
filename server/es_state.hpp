#pragma once
// EsState: everything the Elasticsearch profile serves — a TaskCluster of N simulated nodes
// (task managers, bans, `.tasks`), the master's PersistentTasksService, and the synthetic tasks
// the admin routes start — as one state machine. Durable changes arrive as EsCommands
// (es_command.hpp) so that a replay of the journal rebuilds exactly the durable part; running
// tasks are volatile, as in Elasticsearch.
// Nodes: node i is named "es-<i>" and has a fixed 22-character id (nodes() lists them);
// transport port 9300 + i; every node has ES 8's default roles, so every node may be master
// and hold data. A crashed or partitioned node leaves the cluster; restart brings it back with
// an empty task manager (ids from 1).
// Synthetic tasks: registered with the request headers; one with a duration finishes at
// start + duration; a cancelled one finishes at the next settle() (it "notices" cancellation);
// one that stores its result writes `.tasks` through an EsStoreResult command, which the caller
// journals.
// Persistent executors: every live node runs a PersistentNodeService with the test executor, so
// a persistent task assigned to it shows in `_tasks` there (type persistent, action
// "<name>[c]", parent "cluster:<allocation id>", spec §5.3) and is cancelled locally when it is
// removed or reassigned. The test executor never completes by itself; a user's cancel of its
// task makes it fail "by user request", which completes it (the master removes the task; the
// completion is a durable command settle() returns).
// Deterministic: no clock (every call takes `now`), ordered containers, membership order as the
// persistent-task shuffle (persistent_tasks_service.hpp "Randomness").
// Thread safety: none; EsService serialises access.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/result.hpp"
#include "model/es/persistent_node_service.hpp"
#include "model/es/persistent_tasks_service.hpp"
#include "model/es/task_cluster.hpp"
#include "server/es_by_scroll.hpp"
#include "server/es_command.hpp"
#include "server/es_index_store.hpp"

namespace taskcheck::server {

// The executor name the admin persistent routes use: a test executor with default assignment.
inline constexpr const char* kTestPersistentExecutor = "taskcheck/test";

struct SyntheticTask {
    std::string node;  // id or name; "" = the master
    std::string action = "taskcheck:synthetic";
    std::string description;
    std::optional<nlohmann::ordered_json> status;
    std::string parent;  // "" = top-level
    bool cancellable = true;
    std::optional<Nanos> duration;  // nullopt: runs until finished through the admin route
    bool store_result = false;
    nlohmann::ordered_json response = nlohmann::ordered_json::object();  // stored when it ends
};

class EsState {
  public:
    // Requires: nodes >= 1.
    explicit EsState(int nodes);

    es::TaskCluster& cluster() { return cluster_; }
    const es::TaskCluster& cluster() const { return cluster_; }
    const es::PersistentTasksService& persistent() const { return persistent_; }
    // The configured nodes, live or not, in index order.
    const std::vector<es::DiscoveryNode>& nodes() const { return nodes_; }
    // The configured node with this id or name, or null.
    const es::DiscoveryNode* find_node(std::string_view id_or_name) const;
    // The latest `now` of any command applied (0 before the first).
    Nanos latest() const { return latest_; }

    const EsIndexStore& indices() const { return indices_; }
    EsByScroll& by_scroll() { return by_scroll_; }

    // Starts a reindex / update_by_query / delete_by_query on the master (es_by_scroll.hpp).
    Result<es::TaskId, es::EsError> start_by_scroll(const ByScrollRequest& request,
                                                    const es::HttpHeaders& headers, Nanos now);

    // Applies a durable command. Persistent commands the master rejects return its EsError and
    // change nothing (so the caller journals only accepted commands); node_leave of a node that
    // is not a member and node_join of a member are no-ops returning {"acknowledged": false}.
    // Otherwise returns the command's result ({"acknowledged": true} or the persistent task);
    // index_create is refused with its EsError; docs_write returns one object per write:
    // {"_id", "result": created|updated|deleted|not_found|conflict, "_version", "_seq_no"}.
    // Throws InputError "journal-corrupt" for a node_join of a node this server does not have
    // (a journal written with more --nodes).
    Result<nlohmann::ordered_json, es::EsError> apply(const EsCommand& command);

    // Registers a synthetic task. Rejects an unknown or absent node and a malformed parent with
    // 400 illegal_argument_exception, a banned parent with task_cancelled_exception (model).
    Result<es::TaskId, es::EsError> start_synthetic(const SyntheticTask& task,
                                                    const es::HttpHeaders& headers, Nanos now);
    // Ends a synthetic task now with `outcome` (nullopt: its own response). Returns the store
    // command to journal, if it stored its result; 404 resource_not_found_exception
    // "synthetic task [<id>] is not running" otherwise.
    Result<std::optional<EsStoreResult>, es::EsError> finish_synthetic(
        const es::TaskId& id, std::optional<es::TaskOutcome> outcome, Nanos now);

    // Ends every synthetic task that is due at `now` (its end time passed, or it was cancelled),
    // each at its own end time, in (time, id) order, and forgets the ones whose node left; then
    // completes the persistent executor tasks a user cancelled. Returns the durable commands
    // this produced (store results, persistent completions), already applied, to journal.
    std::vector<EsCommand> settle(Nanos now);
    // The executor side of persistent tasks on a live node, or null.
    const es::PersistentNodeService* executor(const es::NodeId& node) const;
    // The earliest end time of a running synthetic task, if any.
    std::optional<Nanos> next_end() const;
    // How many synthetic tasks are running.
    std::size_t synthetic_count() const { return synthetic_.size(); }

  private:
    struct Running {
        SyntheticTask spec;
        std::optional<Nanos> end_at;
    };
    Result<nlohmann::ordered_json, es::EsError> apply_command(const EsCommand& command);
    Result<nlohmann::ordered_json, es::EsError> apply_store(const EsStoreResult& command);
    void apply_membership(Nanos now);
    void full_restart(Nanos now);
    void sync_executors(Nanos now);
    nlohmann::ordered_json apply_writes(const EsDocsWrite& command);
    std::vector<EsCommand> complete_cancelled_executors(Nanos now);
    std::optional<EsStoreResult> end_task(const es::TaskId& id, const es::TaskOutcome& outcome,
                                          Nanos now);

    std::vector<es::DiscoveryNode> nodes_;
    es::TaskCluster cluster_;
    es::PersistentTasksService persistent_;
    std::map<es::TaskId, Running> synthetic_;
    std::map<es::NodeId, es::PersistentNodeService> executors_;
    EsIndexStore indices_;
    EsByScroll by_scroll_{kNanosPerMilli};  // 1 ms per document
    Nanos latest_ = 0;
};

}  // namespace taskcheck::server
