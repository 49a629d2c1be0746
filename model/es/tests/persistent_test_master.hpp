#pragma once
// Test vocabulary for the persistent-tasks master: nodes with roles, and a Master fixture holding
// a PersistentTasksService with executors "rollup" and "transform", the caller's shuffle and now.

#include <set>
#include <string>
#include <vector>

#include "model/es/persistent_tasks_service.hpp"

namespace taskcheck::es::testing {

using Json = nlohmann::ordered_json;
using taskcheck::Nanos;
using taskcheck::seconds;

inline DiscoveryNode node_with_roles(const std::string& id, std::set<std::string> roles) {
    DiscoveryNode node;
    node.id = id;
    node.name = id;
    node.roles = std::move(roles);
    return node;
}
inline DiscoveryNode data_node(const std::string& id) {
    return node_with_roles(id, {"data", "master"});
}
inline DiscoveryNode master_only(const std::string& id) {
    return node_with_roles(id, {"master"});
}

// A master with executors "rollup" and "transform"; `shuffle` is the caller's candidate order.
struct Master {
    PersistentTasksService service{{"rollup", "transform"}};
    std::vector<NodeId> shuffle;
    Nanos now = 0;

    void nodes(std::vector<DiscoveryNode> nodes, std::set<NodeId> shutting_down = {}) {
        service.set_nodes({std::move(nodes), std::move(shutting_down)}, now, shuffle);
    }
    PersistentTask create(const std::string& id, const std::string& name = "rollup") {
        return service.create({id, name, Json{{"n", 1}}}, now, shuffle).value();
    }
    taskcheck::Result<PersistentTask, EsError> complete(CompletionRequest request) {
        return service.complete(request, now, shuffle);
    }
    const PersistentTask& task(const std::string& id) { return *service.metadata()->find(id); }
    std::string json(const std::string& id) { return Json(task(id)).dump(); }
    std::string assignment(const std::string& id) { return Json(task(id).assignment).dump(); }
};

inline std::string rest(const EsError& error) {
    return to_rest_json(error).dump();
}

}  // namespace taskcheck::es::testing
