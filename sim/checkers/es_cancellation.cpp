#include "sim/checkers/es_cancellation.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace taskcheck::sim {
namespace {

constexpr const char* kInvariant = "check_es_cancellation";

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

}  // namespace

std::optional<Violation> EsCancellationCheck::on_step(const EsRecord& r, std::uint64_t index,
                                                      NodeView& node) const {
    auto it = node.tasks.find(r.task);
    if (it == node.tasks.end()) return std::nullopt;
    const KnownTask& known = it->second;
    if (!known.cancelled && !node.bans.count(known.parent)) return std::nullopt;
    const std::string task = "task=" + std::to_string(r.task);
    if (known.cancelled)
        return violation(r, index, "no work after task_cancelled",
                         task + ": ran after it was cancelled");
    return violation(r, index, "task_cancelled when the ban arrived",
                     task + " parent=" + known.parent +
                         ": ran after the ban on its parent reached " + es_node_name(r.node));
}

std::optional<Violation> EsCancellationCheck::observe(const EsRecord& r, std::uint64_t i) {
    if (r.node == kNoNode) return std::nullopt;
    if (r.node >= nodes_.size()) nodes_.resize(r.node + 1);
    NodeView& node = nodes_[r.node];
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
                                     ": child registered under a ban on " + es_node_name(r.node));
            node.tasks[r.task] = KnownTask{r.parent, false};
            break;
        case EsRecordKind::task_cancelled:
            node.tasks[r.task].cancelled = true;
            break;
        case EsRecordKind::task_finished:
            node.tasks.erase(r.task);
            break;
        case EsRecordKind::task_step:
            return on_step(r, i, node);
        default:
            break;
    }
    return std::nullopt;
}

std::optional<Violation> check_es_cancellation(const std::vector<EsRecord>& records) {
    EsCancellationCheck check;
    for (std::uint64_t i = 0; i < records.size(); ++i)
        if (auto v = check.observe(records[i], i)) return v;
    return std::nullopt;
}

}  // namespace taskcheck::sim
