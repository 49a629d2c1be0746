#pragma once
// EsRecord: one thing an `elasticsearch` simulation observed, as a typed value — record i of a
// run is trace line i, so a checker's event index names the line of the JSONL trace. The world
// hands records to its EsHistory (sim/es_history.hpp); the checkers (sim/checkers/es_*) read
// them and nothing else, so a checker can be fed a hand-built list of records in tests.
//
// Records and their trace fields (after i, t, node, kind). `node` is the simulated node index
// ("es-<k>"); task numbers are that node's TaskManager ids; parents are TaskId text
// ("<es node id>:<n>"), where the es node id is "es-<k>", or "es-<k>.<m>" after the m-th
// amnesia restart (a wiped data path gets a new persistent node id).
//   operation            the client handed op `op` to its coordinating node   op, name
//   task_registered      task `task` started on node with `parent`             task, parent, action
//   task_rejected        a child of `parent` was refused (parent banned)       parent, reason
//   task_step            running task `task` did one unit of work              task
//   task_cancelled       task `task` was marked cancelled                      task, reason
//   task_finished        task `task` unregistered                              task
//   ban_placed           node now bans children of `parent`                    parent
//   ban_removed          node lifted its ban on `parent`                       parent
//   cancel_acked         the coordinator answered cancel op `op`               op
//   cancel_lost          the coordinator of op `op` crashed before answering   op
//   persistent_started   node registered allocation `allocation_id` of `id`    id, allocation_id,
//                                                                               task
//   persistent_accepted  the master accepted `what` (create|update|complete)   what, id,
//                        for (`id`, `allocation_id`)                            allocation_id
//   persistent_rejected  the master refused it with `reason`                   what, id,
//                                                                               allocation_id,
//                                                                               reason
//   published            the master published cluster-state version `version`: version,
//                        members (es node ids) and persistent tasks             last_allocation_id,
//                        [[id, name, allocation_id, executor|null], ...]        nodes, tasks
//   master_elected       node became master (full_restart: every node had     full_restart
//                        been down, tasks reloaded with allocation id 0)
//   node_joined, node_removed   the master's membership changed                es_id
//   crash                node stopped; its volatile state is gone
//   restart              node came back (amnesia: with a new es node id)       amnesia, es_id
//   fault                a fault was applied                                   what
//   liveness             the liveness phase began (heal, faults off)
// Deterministic: plain values; the trace text is a pure function of the records.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/time.hpp"
#include "sim/event_queue.hpp"
#include "sim/trace.hpp"

namespace taskcheck::sim {

constexpr std::uint32_t kEsNoOp = UINT32_MAX;

enum class EsRecordKind : std::uint8_t {
    operation,
    task_registered,
    task_rejected,
    task_step,
    task_cancelled,
    task_finished,
    ban_placed,
    ban_removed,
    cancel_acked,
    cancel_lost,
    persistent_started,
    persistent_accepted,
    persistent_rejected,
    published,
    master_elected,
    node_joined,
    node_removed,
    crash,
    restart,
    fault,
    liveness,
};
inline constexpr std::size_t kEsRecordKindCount = 21;

std::string_view es_record_name(EsRecordKind kind);

// One persistent task as a published cluster state shows it.
struct EsPublishedTask {
    std::string id;
    std::string name;
    std::int64_t allocation_id = 0;
    std::string executor;  // es node id; "" when unassigned

    friend bool operator==(const EsPublishedTask&, const EsPublishedTask&) = default;
};

struct EsRecord {
    EsRecordKind kind = EsRecordKind::fault;
    Nanos at = 0;
    NodeId node = kNoNode;
    std::uint32_t op = kEsNoOp;
    std::int64_t task = 0;               // task_*: the node's task number
    std::string parent;                  // task_registered / rejected, ban_*: TaskId text
    std::string text;                    // operation: op name; action; what; fault text
    std::string reason;                  // task_rejected, task_cancelled, persistent_rejected
    std::string id;                      // persistent_*: task id; node_*, restart: es node id
    std::int64_t allocation_id = 0;      // persistent_*; published: last_allocation_id
    std::uint64_t version = 0;           // published
    bool flag = false;                   // master_elected: full_restart; restart: amnesia
    std::vector<std::string> members;    // published: es node ids in join order
    std::vector<EsPublishedTask> tasks;  // published: by id
};

// "es-<node>", or "" for kNoNode.
std::string es_node_name(NodeId node);

// The trace line of `record` written into `trace`. Requires: trace.enabled().
void trace_es_record(Trace& trace, const EsRecord& record);

}  // namespace taskcheck::sim
