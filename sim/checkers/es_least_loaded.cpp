#include "sim/checkers/es_least_loaded.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace taskcheck::sim {
namespace {

using Placement = std::pair<std::string, std::int64_t>;  // executor, allocation id

Violation violation(const EsRecord& r, std::uint64_t index, const EsPublishedTask& t,
                    std::string expected, std::string found, std::string why) {
    Violation v;
    v.invariant = "check_es_least_loaded";
    v.time = r.at;
    v.node = es_node_name(r.node);
    v.event_index = index;
    v.expected = std::move(expected);
    v.found = std::move(found);
    v.detail = "version=" + std::to_string(r.version) + " task=" + t.id + " (" + t.name +
               "): " + std::move(why);
    return v;
}

std::optional<Violation> check_state(const EsRecord& r, std::uint64_t index,
                                     const std::map<std::string, Placement>& before) {
    std::map<std::pair<std::string, std::string>, std::int64_t> load;  // (name, node) -> count
    for (const EsPublishedTask& t : r.tasks)
        if (!t.executor.empty()) ++load[{t.name, t.executor}];
    for (const EsPublishedTask& t : r.tasks) {
        if (t.executor.empty()) continue;
        auto old = before.find(t.id);
        if (old != before.end() && old->second == Placement{t.executor, t.allocation_id}) continue;
        if (std::find(r.members.begin(), r.members.end(), t.executor) == r.members.end())
            return violation(r, index, t, "a node of the cluster", t.executor,
                             "assigned to a node outside the cluster");
        const std::int64_t mine = load[{t.name, t.executor}];
        for (const std::string& other : r.members) {
            const std::int64_t theirs = load[{t.name, other}];
            if (mine - 1 <= theirs) continue;
            return violation(r, index, t,
                             other + " (" + std::to_string(theirs) + " tasks named " + t.name + ")",
                             t.executor + " (" + std::to_string(mine - 1) + " before this one)",
                             "assigned to " + t.executor + ", not a least-loaded node");
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<Violation> EsLeastLoadedCheck::observe(const EsRecord& r, std::uint64_t i) {
    if (r.kind != EsRecordKind::published) return std::nullopt;
    if (auto v = check_state(r, i, current_)) return v;
    current_.clear();
    for (const EsPublishedTask& t : r.tasks)
        current_[t.id] = Placement{t.executor, t.allocation_id};
    return std::nullopt;
}

std::optional<Violation> check_es_least_loaded(const std::vector<EsRecord>& records) {
    EsLeastLoadedCheck check;
    for (std::uint64_t i = 0; i < records.size(); ++i)
        if (auto v = check.observe(records[i], i)) return v;
    return std::nullopt;
}

}  // namespace taskcheck::sim
