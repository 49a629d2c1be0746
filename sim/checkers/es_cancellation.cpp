#include "sim/checkers/es_cancellation.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace taskcheck::sim {
namespace {

constexpr const char* kInvariant = "check_es_cancellation";

struct KnownTask {
    std::string parent;
    bool cancelled = false;
};

struct NodeView {
    std::set<std::string> bans;
    std::map<std::int64_t, KnownTask> tasks;
};

Violation violation(const EsRecord& r, std::uint64_t index, std::string expected,
                    std::string detail) {
    Violation v;
    v.invariant = kInvariant;
    v.time = r.at;
    v.node = es_node_name(r.node);
    v.event_index = index;
    v.expected = std::move(expected);
    v.found = std::string(es_record_name(r.kind));
    v.detail = std::move(detail);
    return v;
}

std::optional<Violation> on_step(const EsRecord& r, std::uint64_t index, NodeView& node) {
    auto it = node.tasks.find(r.task);
    if (it == node.tasks.end()) return std::nullopt;
    const std::string task = "task=" + std::to_string(r.task);
    if (it->second.cancelled)
        return violation(r, index, "no work after task_cancelled",
                         task + ": ran after it was cancelled");
    if (node.bans.count(it->second.parent))
        return violation(r, index, "task_cancelled when the ban arrived",
                         task + " parent=" + it->second.parent +
                             ": ran after the ban on its parent reached " + es_node_name(r.node));
    return std::nullopt;
}

}  // namespace

std::optional<Violation> check_es_cancellation(const std::vector<EsRecord>& records) {
    std::map<NodeId, NodeView> nodes;
    for (std::uint64_t i = 0; i < records.size(); ++i) {
        const EsRecord& r = records[i];
        if (r.node == kNoNode) continue;
        NodeView& node = nodes[r.node];
        switch (r.kind) {
            case EsRecordKind::crash:
            case EsRecordKind::restart:
                node = NodeView{};
                break;
            case EsRecordKind::ban_placed:
                node.bans.insert(r.parent);
                break;
            case EsRecordKind::ban_removed:
                node.bans.erase(r.parent);
                break;
            case EsRecordKind::task_registered:
                if (node.bans.count(r.parent))
                    return violation(r, i, "task_rejected",
                                     "task=" + std::to_string(r.task) + " parent=" + r.parent +
                                         ": child registered under a ban on " +
                                         es_node_name(r.node));
                node.tasks[r.task] = KnownTask{r.parent, false};
                break;
            case EsRecordKind::task_cancelled:
                node.tasks[r.task].cancelled = true;
                break;
            case EsRecordKind::task_finished:
                node.tasks.erase(r.task);
                break;
            case EsRecordKind::task_step:
                if (auto v = on_step(r, i, node)) return v;
                break;
            default:
                break;
        }
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
