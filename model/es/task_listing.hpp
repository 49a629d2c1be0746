#pragma once
// TaskListing: the body of a list or cancel response (ListTasksResponse, BaseTasksResponse,
// TaskGroup; spec/elasticsearch.md §3.2), rendered as compact JSON text.
//   [ "node_failures": [{"type":"failed_node_exception","reason":"Failed node [<id>]",
//                        "node_id":"<id>","caused_by":{...}}] ]   (only when non-empty)
//   group_by=nodes   "nodes": {"<node>": {name, transport_address, host, ip, roles, [attributes],
//                              tasks: {"<node>:<id>": {TaskInfo}}}}   (only nodes with tasks)
//   group_by=parents "tasks": {"<id>": {TaskInfo..., ["children": [{...}]]}}
//   group_by=none    "tasks": [{TaskInfo}, ...]
// Order: ES iterates HashMaps here (unspecified). We fix it: tasks in the order given (the
// facade gives node join order, then task number), nodes in order of their first task, children
// in task order under their parent. A task whose parent is not in the listing is top-level.
// A node that left the cluster in the meantime shows only its "tasks".
// Deterministic: pure rendering.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/result.hpp"
#include "model/es/cluster_membership.hpp"
#include "model/es/es_error.hpp"
#include "model/es/task_info.hpp"

namespace taskcheck::es {

enum class GroupBy { nodes, parents, none };

// "nodes" | "parents" | "none"; anything else is 400 illegal_argument_exception
// "[group_by] must be one of [nodes], [parents] or [none] but was [<text>]".
Result<GroupBy, EsError> parse_group_by(std::string_view text);

struct NodeFailure {
    NodeId node;
    EsError cause;  // rendered as caused_by of failed_node_exception "Failed node [<node>]"
};

struct TaskListing {
    std::vector<TaskInfo> tasks;
    std::vector<NodeFailure> node_failures;
};

std::string render_listing(const TaskListing& listing, GroupBy group_by,
                           const ClusterMembership& membership, TaskInfoFormat format);

// Top-level tasks and children as TaskGroup builds them; indexes into listing.tasks. Children
// are stored flat (one allocation, not one per parent): those of task i are
// child_list[child_begin[i] .. child_begin[i + 1]), in listing order.
struct TaskTree {
    std::vector<std::size_t> roots;
    std::vector<std::size_t> child_begin;  // tasks.size() + 1 offsets into child_list
    std::vector<std::size_t> child_list;

    std::span<std::size_t> children(std::size_t task) {
        return {child_list.data() + child_begin[task], child_list.data() + child_begin[task + 1]};
    }
    std::span<const std::size_t> children(std::size_t task) const {
        return {child_list.data() + child_begin[task], child_list.data() + child_begin[task + 1]};
    }
};
TaskTree build_task_tree(const std::vector<TaskInfo>& tasks);

}  // namespace taskcheck::es
