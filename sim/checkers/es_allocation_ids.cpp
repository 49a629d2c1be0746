#include "sim/checkers/es_allocation_ids.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace taskcheck::sim {
namespace {

Violation violation(const EsRecord& r, std::uint64_t index, std::string expected, std::string found,
                    std::string detail) {
    Violation v;
    v.invariant = "check_es_allocation_ids";
    v.time = r.at;
    v.node = es_node_name(r.node);
    v.event_index = index;
    v.expected = std::move(expected);
    v.found = std::move(found);
    v.detail = std::move(detail);
    return v;
}

std::optional<Violation> check_state(const EsRecord& r, std::uint64_t index,
                                     std::int64_t last_before,
                                     const std::map<std::string, std::int64_t>& before) {
    const std::string version = "version=" + std::to_string(r.version) + " ";
    if (r.allocation_id < last_before)
        return violation(r, index, ">= " + std::to_string(last_before),
                         std::to_string(r.allocation_id), version + "last_allocation_id went back");
    std::map<std::int64_t, std::string> owner;
    for (const EsPublishedTask& t : r.tasks) {
        const std::string task = version + "task=" + t.id + ": ";
        auto [it, fresh] = owner.emplace(t.allocation_id, t.id);
        if (!fresh)
            return violation(r, index, "one task per allocation id", t.id,
                             task + "shares allocation id " + std::to_string(t.allocation_id) +
                                 " with " + it->second);
        auto old = before.find(t.id);
        if (old != before.end() && old->second == t.allocation_id) continue;
        if (old != before.end() && t.allocation_id < old->second)
            return violation(r, index, ">= " + std::to_string(old->second),
                             std::to_string(t.allocation_id), task + "allocation id went back");
        if (t.allocation_id <= last_before || t.allocation_id > r.allocation_id)
            return violation(
                r, index,
                "in " + std::to_string(last_before + 1) + ".." + std::to_string(r.allocation_id),
                std::to_string(t.allocation_id),
                task + "new allocation id is not above every earlier one");
    }
    return std::nullopt;
}

}  // namespace

std::optional<Violation> EsAllocationIdsCheck::observe(const EsRecord& r, std::uint64_t i) {
    if (r.kind == EsRecordKind::master_elected && r.flag) reloaded_ = true;
    if (r.kind != EsRecordKind::published) return std::nullopt;
    if (!reloaded_) {
        if (auto v = check_state(r, i, last_, current_)) return v;
    }
    reloaded_ = false;
    last_ = r.allocation_id;
    current_.clear();
    for (const EsPublishedTask& t : r.tasks)
        current_[t.id] = t.allocation_id;
    return std::nullopt;
}

std::optional<Violation> check_es_allocation_ids(const std::vector<EsRecord>& records) {
    EsAllocationIdsCheck check;
    for (std::uint64_t i = 0; i < records.size(); ++i)
        if (auto v = check.observe(records[i], i)) return v;
    return std::nullopt;
}

}  // namespace taskcheck::sim
