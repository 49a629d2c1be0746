#pragma once
// PersistentTask: one entry of the persistent-tasks cluster metadata, and its Assignment
// (spec/elasticsearch.md §5.1; PersistentTasksCustomMetadata.PersistentTask in ES 8.x).
//
// A task is a value: the metadata (persistent_tasks_metadata.hpp) is the only thing that changes
// it, and every change that moves a task to another executor gives it a fresh AllocationId.
// Invariants kept by the metadata, not by this struct:
//  - allocation_id <= last_allocation_id of the metadata that holds the task;
//  - allocation_id_on_last_status_update, when set, is <= allocation_id.
// Deterministic: plain data, no clock.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/es/discovery_node.hpp"

namespace taskcheck::es {

// Names one placement of a persistent task on an executor node. Fences state updates and
// completion: a request carrying an old allocation id is answered 404.
// 0 only for tasks reloaded after a full cluster restart (the id is not persisted).
using AllocationId = std::int64_t;

// Where a task runs, or why it does not run anywhere.
struct Assignment {
    std::optional<NodeId> executor_node;  // nullopt: unassigned, rendered as null
    std::string explanation;              // "" when assigned by the default executor

    bool is_assigned() const { return executor_node.has_value(); }
    bool operator==(const Assignment&) const = default;
};

// The fixed unassigned assignments of ES 8.x, with their exact explanations.
Assignment initial_assignment();             // "waiting for initial assignment"
Assignment lost_node_assignment();           // "awaiting reassignment after node loss"
Assignment no_node_found_assignment();       // "no appropriate nodes found for the assignment"
Assignment assigned_to(const NodeId& node);  // (node, "")
Assignment unassigned_because(std::string explanation);

struct PersistentTask {
    std::string id;    // the persistent task id chosen by the creator, e.g. "rollup-1"
    std::string name;  // the executor (task) name, e.g. "xpack/rollup/job"
    std::optional<nlohmann::ordered_json> params;  // nullopt: rendered without "params"
    std::optional<nlohmann::ordered_json> state;   // nullopt until the first state update
    AllocationId allocation_id = 0;
    Assignment assignment = initial_assignment();
    std::optional<AllocationId> allocation_id_on_last_status_update;

    bool operator==(const PersistentTask&) const = default;
};

// {"executor_node": <id>|null, "explanation": "..."}
void to_json(nlohmann::ordered_json& out, const Assignment& assignment);

// The API-context rendering of ES 8.x, keys in this order:
//   {"id", "task": {"<name>": {["params"], ["state"]}}, "allocation_id", "assignment",
//    ["allocation_id_on_last_status_update"]}
// params / state are left out when absent, the last key when it is null.
void to_json(nlohmann::ordered_json& out, const PersistentTask& task);

}  // namespace taskcheck::es
