#include "model/es/task_listing.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

namespace taskcheck::es {

Result<GroupBy, EsError> parse_group_by(std::string_view text) {
    if (text == "nodes") return GroupBy::nodes;
    if (text == "parents") return GroupBy::parents;
    if (text == "none") return GroupBy::none;
    return Err(illegal_argument("[group_by] must be one of [nodes], [parents] or [none] but was [" +
                                std::string(text) + "]"));
}

TaskTree build_task_tree(const std::vector<TaskInfo>& tasks) {
    // Index (node slot, task number, position), sorted, for binary-searched parent lookups: one
    // allocation instead of a hash node per task. Few nodes: slots are found by a linear scan
    // that first tries the previous task's node (listings come grouped by node).
    std::vector<const NodeId*> nodes;
    std::size_t last_slot = 0;
    auto slot_of = [&](const NodeId& node) -> std::optional<std::size_t> {
        if (last_slot < nodes.size() && *nodes[last_slot] == node) return last_slot;
        for (std::size_t s = 0; s < nodes.size(); ++s) {
            if (*nodes[s] == node) return last_slot = s;
        }
        return std::nullopt;
    };
    struct Key {
        std::size_t slot;
        std::int64_t number;
        std::size_t position;
        bool operator<(const Key& o) const {
            return std::tie(slot, number, position) < std::tie(o.slot, o.number, o.position);
        }
    };
    std::vector<Key> keys;
    keys.reserve(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        std::optional<std::size_t> slot = slot_of(tasks[i].id.node);
        if (!slot) {
            nodes.push_back(&tasks[i].id.node);
            slot = last_slot = nodes.size() - 1;
        }
        keys.push_back(Key{*slot, tasks[i].id.number, i});
    }
    if (!std::is_sorted(keys.begin(), keys.end())) std::sort(keys.begin(), keys.end());
    // The first task listed under (node, number), as a hash map's emplace would keep.
    auto find = [&](const TaskId& id) -> std::optional<std::size_t> {
        const std::optional<std::size_t> slot = slot_of(id.node);
        if (!slot) return std::nullopt;
        auto it = std::lower_bound(keys.begin(), keys.end(), Key{*slot, id.number, 0});
        if (it == keys.end() || it->slot != *slot || it->number != id.number) return std::nullopt;
        return it->position;
    };
    TaskTree tree;
    tree.children.resize(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const TaskId& parent = tasks[i].parent;
        std::optional<std::size_t> found;
        if (parent.is_set()) {
            found = find(parent);
            if (found == i) found.reset();
        }
        if (found) {
            tree.children[*found].push_back(i);
        } else {
            tree.roots.push_back(i);
        }
    }
    return tree;
}

namespace {

void write_node_failures(JsonText& json, const std::vector<NodeFailure>& failures) {
    if (failures.empty()) return;
    json.key("node_failures");
    json.begin_array();
    for (const NodeFailure& failure : failures) {
        EsError failed;
        failed.type = "failed_node_exception";
        failed.reason = "Failed node [" + failure.node + "]";
        failed.metadata["node_id"] = failure.node;
        json.value(to_throwable_json(failed.with_cause(failure.cause)));
    }
    json.end_array();
}

void write_node_header(JsonText& json, const DiscoveryNode& node) {
    json.field("name", node.name);
    json.field("transport_address", node.transport_address());
    json.field("host", node.host);
    json.field("ip", node.transport_address());
    json.key("roles");
    json.begin_array();
    for (const std::string& role : node.roles)
        json.value(role);
    json.end_array();
    if (!node.attributes.empty()) {
        json.key("attributes");
        json.begin_object();
        for (const auto& [name, value] : node.attributes)
            json.field(name, value);
        json.end_object();
    }
}

void write_by_nodes(JsonText& json, const TaskListing& listing, const ClusterMembership& membership,
                    TaskInfoFormat format) {
    json.key("nodes");
    json.begin_object();
    const std::vector<TaskInfo>& tasks = listing.tasks;
    std::size_t i = 0;
    while (i < tasks.size()) {
        const NodeId& node = tasks[i].id.node;
        json.key(node);
        json.begin_object();
        if (const DiscoveryNode* member = membership.find(node)) write_node_header(json, *member);
        json.key("tasks");
        json.begin_object();
        for (; i < tasks.size() && tasks[i].id.node == node; ++i) {
            json.key(tasks[i].id.to_string());
            json.begin_object();
            write_task_info_fields(json, tasks[i], format);
            json.end_object();
        }
        json.end_object();
        json.end_object();
    }
    json.end_object();
}

void write_group(JsonText& json, const TaskListing& listing, const TaskTree& tree, std::size_t task,
                 TaskInfoFormat format) {
    json.begin_object();
    write_task_info_fields(json, listing.tasks[task], format);
    if (!tree.children[task].empty()) {
        json.key("children");
        json.begin_array();
        for (std::size_t child : tree.children[task]) {
            write_group(json, listing, tree, child, format);
        }
        json.end_array();
    }
    json.end_object();
}

void write_by_parents(JsonText& json, const TaskListing& listing, TaskInfoFormat format) {
    const TaskTree tree = build_task_tree(listing.tasks);
    json.key("tasks");
    json.begin_object();
    for (std::size_t root : tree.roots) {
        json.key(listing.tasks[root].id.to_string());
        write_group(json, listing, tree, root, format);
    }
    json.end_object();
}

void write_flat(JsonText& json, const TaskListing& listing, TaskInfoFormat format) {
    json.key("tasks");
    json.begin_array();
    for (const TaskInfo& info : listing.tasks) {
        json.begin_object();
        write_task_info_fields(json, info, format);
        json.end_object();
    }
    json.end_array();
}

}  // namespace

std::string render_listing(const TaskListing& listing, GroupBy group_by,
                           const ClusterMembership& membership, TaskInfoFormat format) {
    JsonText json;
    json.out().reserve(256 + listing.tasks.size() * 320);
    json.begin_object();
    write_node_failures(json, listing.node_failures);
    switch (group_by) {
        case GroupBy::nodes:
            write_by_nodes(json, listing, membership, format);
            break;
        case GroupBy::parents:
            write_by_parents(json, listing, format);
            break;
        case GroupBy::none:
            write_flat(json, listing, format);
            break;
    }
    json.end_object();
    return json.take();
}

}  // namespace taskcheck::es
