#include "sim/checkers/es_no_task_lost.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace taskcheck::sim {

std::optional<Violation> EsNoTaskLostCheck::observe(const EsRecord& r, std::uint64_t i) {
    if (r.kind == EsRecordKind::persistent_accepted) {
        if (r.text == "create") live_[r.id] = i;
        if (r.text == "complete") live_.erase(r.id);
        return std::nullopt;
    }
    if (r.kind != EsRecordKind::published) return std::nullopt;
    std::set<std::string> present;
    for (const EsPublishedTask& t : r.tasks)
        present.insert(t.id);
    for (const auto& [id, created] : live_) {
        if (present.count(id)) continue;
        Violation v;
        v.invariant = "check_es_no_task_lost";
        v.time = r.at;
        v.node = es_node_name(r.node);
        v.event_index = i;
        v.expected = "task " + id + " in the cluster state";
        v.found = "absent";
        v.detail = "version=" + std::to_string(r.version) + " task=" + id + ": created at event #" +
                   std::to_string(created) + ", gone without an accepted completion";
        return v;
    }
    return std::nullopt;
}

std::optional<Violation> check_es_no_task_lost(const std::vector<EsRecord>& records) {
    EsNoTaskLostCheck check;
    for (std::uint64_t i = 0; i < records.size(); ++i)
        if (auto v = check.observe(records[i], i)) return v;
    return std::nullopt;
}

}  // namespace taskcheck::sim
