#pragma once
// EsMessage: what simulated Elasticsearch nodes send each other over the Network. The network
// payload is the message's index in the world's message table, so a duplicated delivery (a
// stale replay) carries exactly the same message.
//   child_start     parent's node -> child's node: register a child task of `parent`
//   ban / ban_ack   cancelling node -> node with children of `parent`: ban them (reliable)
//   unban           the cancelled parent unregistered: lift the ban (best effort)
//   cancel_node / cancel_done   coordinator -> node: cancel the tasks op `op` selects (reliable)
//   ping / pong     the master's follower check; the pong carries the node's es id, boot number
//                   and applied cluster-state version (a stale or missing node rejoins this way)
//   publish         master -> node: cluster-state version `version`
//   master_request / master_reply   node -> master: persistent create | update | complete
//                   (reliable; a node that is not master answers not_master and the sender
//                   retries on the master it knows)
// Reliable requests carry the sender's request number; answers echo it. Requests whose sender
// crashed are forgotten with its volatile state, so their answers are ignored.
// Deterministic: plain values.

#include <cstdint>
#include <string>

#include "model/es/task_id.hpp"
#include "sim/es_operation.hpp"

namespace taskcheck::sim {

enum class EsMessageKind : std::uint8_t {
    child_start,
    ban,
    ban_ack,
    unban,
    cancel_node,
    cancel_done,
    ping,
    pong,
    publish,
    master_request,
    master_reply,
};

struct EsMessage {
    EsMessageKind kind = EsMessageKind::ping;
    std::uint64_t request = 0;  // reliable requests and their answers
    std::uint32_t op = UINT32_MAX;
    es::TaskId parent;         // child_start, ban, unban; cancel_node: the task or parent named
    std::string reason;        // ban
    std::uint32_t tree = 0;    // child_start
    std::uint32_t depth = 0;   // child_start: levels below the child
    std::uint32_t fanout = 0;  // child_start
    EsOpKind cancel = EsOpKind::cancel_task;  // cancel_node
    std::string actions;                      // cancel_node (cancel_actions)
    std::uint64_t version = 0;                // publish; pong: applied version
    std::uint64_t boot = 0;                   // pong
    std::string es_id;                        // pong
    std::string what;                         // master_request: "create" | "update" | "complete"
    std::string id;                           // master_request: persistent task id
    std::string name;                         // master_request create
    std::int64_t allocation_id = -1;          // master_request update / complete
    bool failed = false;                      // master_request complete: the executor failed
    bool not_master = false;                  // master_reply
};

}  // namespace taskcheck::sim
