#include "sim/checkers/es_stale_rejected.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace taskcheck::sim {
namespace {

Violation violation(const EsRecord& r, std::uint64_t index, std::int64_t current,
                    std::string detail) {
    Violation v;
    v.invariant = "check_es_stale_rejected";
    v.time = r.at;
    v.node = es_node_name(r.node);
    v.event_index = index;
    v.expected =
        std::string(r.kind == EsRecordKind::persistent_accepted ? "rejected" : "accepted") +
        " (current allocation " + std::to_string(current) + ")";
    v.found =
        std::string(es_record_name(r.kind)) + " allocation " + std::to_string(r.allocation_id);
    v.detail = "task=" + r.id + ": " + std::move(detail);
    return v;
}

}  // namespace

std::optional<Violation> EsStaleRejectedCheck::observe(const EsRecord& r, std::uint64_t i) {
    if (r.kind == EsRecordKind::published) {
        current_.clear();
        for (const EsPublishedTask& t : r.tasks)
            current_[t.id] = t.allocation_id;
        return std::nullopt;
    }
    const bool accepted = r.kind == EsRecordKind::persistent_accepted;
    if ((!accepted && r.kind != EsRecordKind::persistent_rejected) || r.text == "create")
        return std::nullopt;
    auto it = current_.find(r.id);
    if (it == current_.end()) {
        if (accepted)
            return violation(r, i, -1, r.text + " accepted for a task the master does not have");
        return std::nullopt;
    }
    if (accepted && it->second != r.allocation_id)
        return violation(r, i, it->second,
                         "stale " + r.text + " from allocation " + std::to_string(r.allocation_id) +
                             " accepted");
    if (!accepted && it->second == r.allocation_id)
        return violation(r, i, it->second,
                         r.text + " from the current allocation rejected: " + r.reason);
    return std::nullopt;
}

std::optional<Violation> check_es_stale_rejected(const std::vector<EsRecord>& records) {
    EsStaleRejectedCheck check;
    for (std::uint64_t i = 0; i < records.size(); ++i)
        if (auto v = check.observe(records[i], i)) return v;
    return std::nullopt;
}

}  // namespace taskcheck::sim
