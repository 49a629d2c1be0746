#pragma once
// EsOperation: one client request of the `elasticsearch` simulation profile, as it appears in a
// scenario's "workload" list. A client hands it to coordinating node `node` at `at_ns`:
//   {"at_ns":1500000000,"node":1,"op":"start_tree","tree":4,"fanout":2,"depth":2}
// Ops and their fields (besides at_ns, node, op), in JSON order:
//   start_tree           tree (a label), fanout (1..4), depth (0..3): a cancellable root task
//                        "indices:data/write/reindex" on `node`; each task with depth > 0 starts
//                        `fanout` children "indices:data/write/bulk[s]" on nodes node+1.. (mod n)
//   cancel_task          tree: POST /_tasks/<root of tree>/_cancel
//   cancel_actions       actions: POST /_tasks/_cancel?actions=<pattern>
//   cancel_children      tree: POST /_tasks/_cancel?parent_task_id=<root of tree>
//   create_persistent    id, name: cluster:admin/persistent/start to the master
//   update_persistent    id: every node running an allocation of `id` sends update_status
//   complete_persistent  id: every node running an allocation of `id` completes it
// Trees and persistent tasks are named by labels, not list positions, so the shrinker can drop
// any operation: a cancel of a tree that never started matches nothing (a value, not an error).
// Deterministic: plain values; JSON key order fixed.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "sim/option_problem.hpp"

namespace taskcheck::sim {

// Written into scenario files by name: never rename.
enum class EsOpKind : std::uint8_t {
    start_tree,
    cancel_task,
    cancel_actions,
    cancel_children,
    create_persistent,
    update_persistent,
    complete_persistent,
};
constexpr std::size_t kEsOpKindCount = 7;

std::string_view es_op_name(EsOpKind kind);

struct EsOperation {
    Nanos at = 0;            // when the client sends it; >= 0
    std::uint32_t node = 0;  // coordinating node; < node_count
    EsOpKind kind = EsOpKind::start_tree;
    std::uint32_t tree = 0;    // start_tree, cancel_task, cancel_children
    std::uint32_t fanout = 1;  // start_tree: 1..4
    std::uint32_t depth = 0;   // start_tree: 0..3
    std::string actions;       // cancel_actions: comma list of simple wildcards, non-empty
    std::string id;            // persistent ops: the persistent task id, non-empty
    std::string name;          // create_persistent: the executor name, non-empty

    bool is_cancel() const {
        return kind == EsOpKind::cancel_task || kind == EsOpKind::cancel_actions ||
               kind == EsOpKind::cancel_children;
    }
    friend bool operator==(const EsOperation&, const EsOperation&) = default;
};

void to_json(nlohmann::ordered_json& out, const EsOperation& operation);

// Reads one operation; rejects unknown, missing or ill-typed keys and out-of-range values. The
// problem's field is relative to the operation (e.g. "fanout").
Result<EsOperation, OptionProblem> es_operation_from_json(const nlohmann::ordered_json& in,
                                                          std::uint32_t node_count);

}  // namespace taskcheck::sim
