#include "sim/checkers/task_ledger.hpp"

#include <algorithm>

namespace taskcheck::sim {

bool LedgerTask::linked_to(const std::string& name) const {
    if (index == name) return true;
    return std::find(linked.begin(), linked.end(), name) != linked.end();
}

void TaskLedger::apply(const MeiliRecord& r) {
    switch (r.kind) {
        case MeiliRecordKind::registered: {
            LedgerTask task;
            task.kind = r.task_kind;
            task.index = r.index;
            task.linked = r.indexes;
            task.matched = r.matched;
            task.op = r.op;
            tasks_[r.uid] = std::move(task);
            return;
        }
        case MeiliRecordKind::status: {
            const auto it = tasks_.find(r.uid);
            if (it == tasks_.end()) return;
            it->second.status = r.to;
            it->second.canceled_by = r.canceled_by;
            if (it->second.kind == meili::Kind::index_swap && r.to == meili::Status::succeeded)
                swap_links(r.uid, it->second.linked);
            return;
        }
        case MeiliRecordKind::deleted: {
            const auto it = tasks_.find(r.uid);
            if (it != tasks_.end()) it->second.live = false;
            return;
        }
        default:
            return;
    }
}

const LedgerTask* TaskLedger::find(meili::TaskUid uid) const {
    const auto it = tasks_.find(uid);
    return it == tasks_.end() ? nullptr : &it->second;
}

void TaskLedger::swap_links(meili::TaskUid swap_uid, const std::vector<std::string>& pairs) {
    for (std::size_t p = 0; p + 1 < pairs.size(); p += 2) {
        const std::string& lhs = pairs[p];
        const std::string& rhs = pairs[p + 1];
        auto flip = [&](std::string& name) {
            if (name == lhs) {
                name = rhs;
            } else if (name == rhs) {
                name = lhs;
            }
        };
        for (auto& [uid, task] : tasks_) {
            if (uid >= swap_uid) break;
            flip(task.index);
            for (std::string& name : task.linked)
                flip(name);
        }
    }
}

Violation violation_at(const std::string& invariant, const std::vector<MeiliRecord>& records,
                       std::size_t index, std::string detail, std::string expected,
                       std::string found) {
    Violation v;
    v.invariant = invariant;
    v.time = records[index].at;
    v.node = meili_node_name(records[index].node);
    v.event_index = index;
    v.expected = std::move(expected);
    v.found = std::move(found);
    v.detail = std::move(detail);
    return v;
}

std::string format_uids(const std::vector<meili::TaskUid>& uids) {
    std::string out = "[";
    for (std::size_t i = 0; i < uids.size(); ++i) {
        if (i) out += ",";
        out += std::to_string(uids[i]);
    }
    return out + "]";
}

}  // namespace taskcheck::sim
