#include "model/es/persistent_task.hpp"

namespace taskcheck::es {

Assignment initial_assignment() {
    return unassigned_because("waiting for initial assignment");
}

Assignment lost_node_assignment() {
    return unassigned_because("awaiting reassignment after node loss");
}

Assignment no_node_found_assignment() {
    return unassigned_because("no appropriate nodes found for the assignment");
}

Assignment assigned_to(const NodeId& node) {
    return Assignment{node, ""};
}

Assignment unassigned_because(std::string explanation) {
    return Assignment{std::nullopt, std::move(explanation)};
}

void to_json(nlohmann::ordered_json& out, const Assignment& assignment) {
    out = nlohmann::ordered_json::object();
    out["executor_node"] = assignment.executor_node
                               ? nlohmann::ordered_json(*assignment.executor_node)
                               : nlohmann::ordered_json(nullptr);
    out["explanation"] = assignment.explanation;
}

void to_json(nlohmann::ordered_json& out, const PersistentTask& task) {
    nlohmann::ordered_json body = nlohmann::ordered_json::object();
    if (task.params) body["params"] = *task.params;
    if (task.state) body["state"] = *task.state;
    out = nlohmann::ordered_json::object();
    out["id"] = task.id;
    out["task"] = nlohmann::ordered_json::object();
    out["task"][task.name] = std::move(body);
    out["allocation_id"] = task.allocation_id;
    out["assignment"] = task.assignment;
    if (task.allocation_id_on_last_status_update) {
        out["allocation_id_on_last_status_update"] = *task.allocation_id_on_last_status_update;
    }
}

}  // namespace taskcheck::es
