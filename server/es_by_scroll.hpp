#pragma once
// EsByScroll: the long-running "by scroll" tasks of the Elasticsearch profile — `_reindex`,
// `_update_by_query`, `_delete_by_query` (BulkByScrollTask, WorkerBulkByScrollTaskState,
// LeaderBulkByScrollTaskState of ES 8.x) — over EsIndexStore, registered in the TaskCluster so
// the task APIs see them.
//
// A worker reads a snapshot of the matching documents when it starts (a scroll sees a point in
// time) and processes them in batches of `batch_size`, each taking doc_nanos per document.
// Throttling (requests_per_second, rethrottle) follows WorkerBulkByScrollTaskState: after a
// batch of n documents that took `spent`, the next one waits max(0, n / rps s - spent); the wait
// is added to throttled_millis when it is scheduled; throttled_until_millis is what is left of it.
// A rethrottle to a faster rate reschedules a pending wait to remaining * old / new; a slower
// rate applies from the next batch on (DelayedPrepareBulkRequest.rethrottle).
// Slices (slices=N, or auto = the source's number of shards): a leader task and N worker
// children, spread round-robin over the live nodes from the leader's own (the issue asks for
// "child tasks on several nodes"; ES runs them through the local client). A document belongs
// to slice fnv1a(_id) % N. The leader's status is LeaderBulkByScrollTaskState's: sums over the
// slices that finished, and `slices` with null for those still running. Only the leader stores
// a result (spec §4.3).
// Cancellation: a worker notices it at the next settle; the batch in flight is abandoned and the
// task ends with `"canceled": "<reason>"` in its status and response (a response, not an error).
// Every batch's writes are returned as an EsDocsWrite for the caller to journal; the workers
// themselves are volatile, as in ES (kill -9 loses them, the `.tasks` result stays).
// Deterministic: no clock (every call takes `now`), ordered containers.

#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/task_cluster.hpp"
#include "server/es_command.hpp"
#include "server/es_index_store.hpp"
#include "server/es_query.hpp"

namespace taskcheck::server {

enum class ByScrollKind { reindex, update_by_query, delete_by_query };

inline constexpr double kUnthrottled = std::numeric_limits<double>::infinity();

struct ByScrollRequest {
    ByScrollKind kind = ByScrollKind::reindex;
    std::string source;
    std::string dest;                // reindex only
    EsQuery query;                   // es_query.hpp
    std::int64_t batch_size = 1000;  // source.size / scroll_size
    std::optional<std::int64_t> max_docs;
    double requests_per_second = kUnthrottled;
    int slices = 1;             // resolved (auto already replaced)
    bool store_result = false;  // wait_for_completion=false
};

// Per-kind names: action, description and which counters the REST response shows.
std::string by_scroll_action(ByScrollKind kind);
std::string by_scroll_description(const ByScrollRequest& request);

class EsByScroll {
  public:
    explicit EsByScroll(Nanos doc_nanos) : doc_nanos_(doc_nanos) {}

    // Registers the task (and its slices) on `node` and starts it at `now`. Rejects a missing
    // source index with 404 index_not_found_exception; registration errors are the cluster's.
    Result<es::TaskId, es::EsError> start(const ByScrollRequest& request, const es::NodeId& node,
                                          const es::TaskHeaders& headers, es::TaskCluster& cluster,
                                          const EsIndexStore& store, Nanos now);

    // Runs every batch due by `now`, in (time, task id) order, writing `store`; finishes the
    // tasks that are done or cancelled; refreshes every running task's status for `now`.
    // Returns the durable effects: one EsDocsWrite per batch, and an EsStoreResult per finished
    // top-level task that stores its result — all already applied except the store results,
    // which the caller applies (EsState owns `.tasks` replay).
    std::vector<EsCommand> settle(es::TaskCluster& cluster, EsIndexStore& store, Nanos now);

    // When the next batch ends or starts, if any task runs.
    std::optional<Nanos> next_event() const;

    // The REST response of a finished top-level task (wait_for_completion=true), once; nullopt
    // while it runs. Forgets it.
    std::optional<nlohmann::ordered_json> take_response(const es::TaskId& id);
    // True iff `id` is a running top-level task or has an untaken response.
    bool knows(const es::TaskId& id) const;
    // How many worker and leader tasks run.
    std::size_t running() const { return workers_.size() + leaders_.size(); }

    // _rethrottle: sets a running task's rate (a leader divides it over its running slices) and
    // returns the task's id to list; 404-style errors as node failures are the route's job:
    // returns resource_not_found "task [<id>] is missing" iff it is not a running by-scroll task
    // of `kind`'s family. Requires: rps > 0 (kUnthrottled allowed).
    Result<es::TaskId, es::EsError> rethrottle(const es::TaskId& id, double rps,
                                               es::TaskCluster& cluster, Nanos now);

    // Forgets the tasks of nodes that left or restarted (their TaskManager lost them).
    void forget_lost(const es::TaskCluster& cluster);
    void clear() {
        workers_.clear();
        leaders_.clear();
        responses_.clear();
    }

  private:
    struct Counters {
        std::int64_t total = 0, updated = 0, created = 0, deleted = 0, batches = 0;
        std::int64_t version_conflicts = 0;
        Nanos throttled = 0;
    };
    struct Worker {
        ByScrollRequest request;
        std::optional<int> slice_id;
        es::TaskId leader;                                                 // unset when not sliced
        std::vector<std::pair<std::string, nlohmann::ordered_json>> docs;  // snapshot
        std::size_t next = 0;
        Counters counters;
        double rps = kUnthrottled;
        Nanos start_time = 0;
        Nanos batch_start = 0;  // > now while throttled
        Nanos batch_end = 0;
    };
    struct Leader {
        ByScrollRequest request;
        std::vector<es::TaskId> slices;
        std::vector<std::optional<nlohmann::ordered_json>> finished;  // status per slice
        Nanos start_time = 0;
        std::optional<std::string> canceled;
    };

    void schedule_batch(Worker& worker, Nanos start) const;
    EsDocsWrite run_batch(Worker& worker, EsIndexStore& store);
    nlohmann::ordered_json worker_status(const Worker& worker, Nanos now,
                                         const std::optional<std::string>& canceled) const;
    nlohmann::ordered_json leader_status(const Leader& leader) const;
    std::optional<EsStoreResult> finish_worker(es::TaskId id, Nanos at,  // a copy: erased here
                                               const std::optional<std::string>& canceled,
                                               es::TaskCluster& cluster);
    std::optional<EsStoreResult> finish_top(const es::TaskId& id, nlohmann::ordered_json response,
                                            Nanos at, es::TaskCluster& cluster);

    Nanos doc_nanos_;
    std::map<es::TaskId, Worker> workers_;
    std::map<es::TaskId, Leader> leaders_;
    std::map<es::TaskId, nlohmann::ordered_json> responses_;
};

// The BulkByScrollResponse body: took, timed_out, the status fields, failures (stored results
// keep every counter).
nlohmann::ordered_json by_scroll_response(const nlohmann::ordered_json& status, Nanos took);
// The REST reply: update_by_query drops `created`, delete_by_query `created` and `updated`
// (the params of RestUpdateByQueryAction / RestDeleteByQueryAction).
nlohmann::ordered_json by_scroll_rest_view(ByScrollKind kind, nlohmann::ordered_json response);

}  // namespace taskcheck::server
