#pragma once
// Test vocabulary for the task-manager suites: a two-node cluster ("node-a" es-0 master,
// "node-b" es-1) at a fixed instant, and one-line helpers to start tasks and call the APIs.
#include <boost/test/unit_test.hpp>

#include "model/es/cat_tasks.hpp"
#include "model/es/task_cluster.hpp"

namespace taskcheck::es::testing {

using nlohmann::ordered_json;

// 2024-05-01T10:00:00.123Z
constexpr Nanos kT0 = 1714557600123LL * kNanosPerMilli;

inline DiscoveryNode make_node(std::string id, std::string name, int port) {
    DiscoveryNode node;
    node.id = std::move(id);
    node.name = std::move(name);
    node.roles = {"master", "data"};
    node.transport_port = port;
    return node;
}

// Re-dumps JSON text so expected values can be written pretty; key order is kept.
inline std::string canon(const std::string& text) {
    return ordered_json::parse(text).dump();
}

struct TwoNodes {
    TaskCluster cluster;
    Nanos now = kT0;

    explicit TwoNodes(TaskClusterOptions options = {}) : cluster(options) {
        cluster.join(make_node("node-a", "es-0", 9300));
        cluster.join(make_node("node-b", "es-1", 9301));
    }

    TaskId start(const NodeId& node, const std::string& action, bool cancellable,
                 TaskId parent = TaskId::unset(), TaskHeaders headers = {}) {
        TaskRegistration r;
        r.type = parent.is_set() && parent.node == node ? TaskType::direct : TaskType::transport;
        r.action = action;
        r.cancellable = cancellable;
        r.parent = std::move(parent);
        r.headers = std::move(headers);
        auto id = cluster.start_task(node, std::move(r), now);
        BOOST_REQUIRE(id.ok());
        return id.value();
    }

    void finish(const TaskId& id) {
        BOOST_REQUIRE(cluster.finish_task(id, TaskOutcome{ordered_json::object(), {}}, now));
    }

    static std::string body(const Reply& reply) {
        BOOST_REQUIRE(!reply.pending());
        BOOST_REQUIRE(reply.result->ok());
        return reply.result->value();
    }
    static std::string error(const Reply& reply) {
        BOOST_REQUIRE(!reply.pending());
        BOOST_REQUIRE(!reply.result->ok());
        return to_rest_json(reply.result->error()).dump();
    }

    std::string list(ListTasksRequest request, RequestContext context = {}) {
        return body(cluster.list(request, context, now));
    }
    std::string cancel(CancelTasksRequest request) {
        return body(cluster.cancel(request, RequestContext{}, now));
    }
    Reply get(std::string id, bool wait = false, std::optional<Nanos> timeout = std::nullopt) {
        GetTaskRequest request;
        request.task_id = std::move(id);
        request.wait_for_completion = wait;
        request.timeout = timeout;
        return cluster.get(request, RequestContext{}, now);
    }
};

}  // namespace taskcheck::es::testing
