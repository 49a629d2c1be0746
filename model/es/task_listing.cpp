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

namespace {

// Where each (node, task number) sits in a listing: the first position listed under it, as a
// hash map's emplace would keep. Few nodes, so a node's slot is found by a linear scan that first
// tries the previous hit (listings come grouped by node). Per slot, task numbers are looked up
// in a direct table when they are dense (they are: a node numbers its tasks 1, 2, 3 ...), else
// by binary search. One allocation per slot instead of a hash node per task.
class TaskPositions {
  public:
    explicit TaskPositions(const std::vector<TaskInfo>& tasks) {
        std::vector<std::vector<std::pair<std::int64_t, std::size_t>>> numbers;
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            std::optional<std::size_t> slot = slot_of(tasks[i].id.node);
            if (!slot) {
                nodes_.push_back(&tasks[i].id.node);
                numbers.emplace_back();
                slot = last_slot_ = nodes_.size() - 1;
            }
            numbers[*slot].emplace_back(tasks[i].id.number, i);
        }
        slots_.resize(nodes_.size());
        for (std::size_t s = 0; s < nodes_.size(); ++s)
            slots_[s] = index(std::move(numbers[s]));
    }

    std::optional<std::size_t> find(const TaskId& id) {
        const std::optional<std::size_t> slot = slot_of(id.node);
        if (!slot) return std::nullopt;
        const Slot& at = slots_[*slot];
        if (!at.dense.empty()) {
            if (id.number < at.min ||
                id.number - at.min >= static_cast<std::int64_t>(at.dense.size()))
                return std::nullopt;
            const std::size_t position = at.dense[static_cast<std::size_t>(id.number - at.min)];
            return position == kNone ? std::nullopt : std::optional<std::size_t>(position);
        }
        auto it = std::lower_bound(at.sorted.begin(), at.sorted.end(),
                                   std::pair(id.number, std::size_t{0}));
        if (it == at.sorted.end() || it->first != id.number) return std::nullopt;
        return it->second;
    }

  private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    struct Slot {
        std::int64_t min = 0;
        std::vector<std::size_t> dense;  // position by number - min, or kNone; empty if sparse
        std::vector<std::pair<std::int64_t, std::size_t>> sorted;  // (number, position) if sparse
    };

    static Slot index(std::vector<std::pair<std::int64_t, std::size_t>> numbers) {
        Slot slot;
        if (!std::is_sorted(numbers.begin(), numbers.end()))
            std::sort(numbers.begin(), numbers.end());
        const std::int64_t span = numbers.back().first - numbers.front().first + 1;
        if (span > 4 * static_cast<std::int64_t>(numbers.size()) + 1024) {
            slot.sorted = std::move(numbers);
            return slot;
        }
        slot.min = numbers.front().first;
        slot.dense.assign(static_cast<std::size_t>(span), kNone);
        // Descending, so the first listed position under a number is the one kept.
        for (auto it = numbers.rbegin(); it != numbers.rend(); ++it)
            slot.dense[static_cast<std::size_t>(it->first - slot.min)] = it->second;
        return slot;
    }

    std::optional<std::size_t> slot_of(const NodeId& node) {
        if (last_slot_ < nodes_.size() && *nodes_[last_slot_] == node) return last_slot_;
        for (std::size_t s = 0; s < nodes_.size(); ++s) {
            if (*nodes_[s] == node) return last_slot_ = s;
        }
        return std::nullopt;
    }

    std::vector<const NodeId*> nodes_;
    std::vector<Slot> slots_;
    std::size_t last_slot_ = 0;
};

}  // namespace

TaskTree build_task_tree(const std::vector<TaskInfo>& tasks) {
    TaskPositions positions(tasks);
    // Each task's parent position (or none), then a counting sort into the flat child list,
    // which keeps listing order among siblings.
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent_of(tasks.size(), kNone);
    TaskTree tree;
    tree.child_begin.assign(tasks.size() + 1, 0);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const TaskId& parent = tasks[i].parent;
        if (!parent.is_set()) continue;
        const std::optional<std::size_t> found = positions.find(parent);
        if (found && *found != i) {
            parent_of[i] = *found;
            ++tree.child_begin[*found + 1];
        }
    }
    for (std::size_t i = 0; i < tasks.size(); ++i)
        tree.child_begin[i + 1] += tree.child_begin[i];
    tree.child_list.resize(tree.child_begin[tasks.size()]);
    std::vector<std::size_t> next(tree.child_begin.begin(), tree.child_begin.end() - 1);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (parent_of[i] == kNone) {
            tree.roots.push_back(i);
        } else {
            tree.child_list[next[parent_of[i]]++] = i;
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
            json.task_id_key(tasks[i].id.node, tasks[i].id.number);
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
    if (!tree.children(task).empty()) {
        json.key("children");
        json.begin_array();
        for (std::size_t child : tree.children(task)) {
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
        json.task_id_key(listing.tasks[root].id.node, listing.tasks[root].id.number);
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
