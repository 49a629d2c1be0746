#pragma once
// EsNode: one simulated Elasticsearch node of the `elasticsearch` profile — what survives a
// restart and what does not (spec/elasticsearch.md §4.1, §5.3).
//   durable:  the persistent node id (es_id; a new one after an amnesia restart) and the boot
//             count; the cluster state itself is replicated and kept by the world (EsWorld);
//   volatile: the TaskManager (ids start again at 1 after a restart), the persistent-task node
//             service, the running work, the cluster state it applied, unanswered requests and
//             cancels in progress. A crash drops all of it.
// Invariants: up iff tasks and persistent are engaged; every key of `work` is a task registered
// in `tasks`; requests are numbered world-wide, so an answer to a forgotten request is ignored.
// Deterministic: ordered containers only.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/common/time.hpp"
#include "model/es/persistent_node_service.hpp"
#include "model/es/task_manager.hpp"
#include "sim/clock.hpp"
#include "sim/es_message.hpp"
#include "sim/event_queue.hpp"

namespace taskcheck::sim {

// A task this node runs step by step: a tree task, or a persistent allocation's executor.
struct EsWork {
    bool persistent = false;
    std::int64_t allocation_id = 0;  // persistent
    std::uint32_t tree = 0;          // tree tasks
    std::uint32_t depth = 0;         // levels of children still to start below this task
    std::uint32_t fanout = 0;
    Nanos started_at = 0;          // tree tasks: registered at; steps fall every step_interval
    Nanos finish_at = 0;           // tree tasks finish at the first step at or after this
    bool spawned = false;          // children started (at the first step)
    std::set<NodeId> child_nodes;  // where children were sent
    std::set<NodeId> banned_at;    // where this task's bans were sent (for unban)
};

// An unanswered reliable request.
struct EsOutgoing {
    std::uint64_t message = 0;  // index in the world's message table
    bool to_master = false;     // resent to the master this node knows
    NodeId target = 0;          // fixed target (when !to_master)
    std::string target_es_id;   // the target's es id when sent; given up when it leaves
    std::uint64_t group = 0;    // ban: the cancel group waiting for it (0: none)
};

// A cancel_node being served: the bans it placed that are not yet acknowledged.
struct EsCancelGroup {
    NodeId requester = 0;
    std::uint64_t request = 0;
    std::uint32_t op = UINT32_MAX;
    std::set<std::uint64_t> bans;
};

struct EsNode {
    // durable
    std::string es_id;
    std::uint32_t amnesia_count = 0;
    std::uint64_t boot = 0;
    // volatile
    bool up = true;
    Nanos paused_until = 0;
    NodeClock clock;
    std::optional<es::TaskManager> tasks;
    std::optional<es::PersistentNodeService> persistent;
    std::map<std::int64_t, EsWork> work;
    std::uint64_t applied_version = 0;
    std::optional<NodeId> master;      // as the applied state says
    std::vector<std::string> members;  // es ids, as the applied state says
    std::map<std::uint64_t, EsOutgoing> outbox;
    std::map<std::uint64_t, EsCancelGroup> groups;
    std::map<std::uint32_t, std::set<std::uint64_t>> cancels;  // coordinated op -> requests

    bool is_member(const std::string& es_id_of) const {
        for (const std::string& m : members)
            if (m == es_id_of) return true;
        return false;
    }
};

}  // namespace taskcheck::sim
