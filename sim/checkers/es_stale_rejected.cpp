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

std::optional<Violation> check_es_stale_rejected(const std::vector<EsRecord>& records) {
    std::map<std::string, std::int64_t> current;
    for (std::uint64_t i = 0; i < records.size(); ++i) {
        const EsRecord& r = records[i];
        if (r.kind == EsRecordKind::published) {
            current.clear();
            for (const EsPublishedTask& t : r.tasks)
                current[t.id] = t.allocation_id;
            continue;
        }
        const bool accepted = r.kind == EsRecordKind::persistent_accepted;
        if ((!accepted && r.kind != EsRecordKind::persistent_rejected) || r.text == "create")
            continue;
        auto it = current.find(r.id);
        if (it == current.end()) {
            if (accepted)
                return violation(r, i, -1,
                                 r.text + " accepted for a task the master does not have");
            continue;
        }
        if (accepted && it->second != r.allocation_id)
            return violation(r, i, it->second,
                             "stale " + r.text + " from allocation " +
                                 std::to_string(r.allocation_id) + " accepted");
        if (!accepted && it->second == r.allocation_id)
            return violation(r, i, it->second,
                             r.text + " from the current allocation rejected: " + r.reason);
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
