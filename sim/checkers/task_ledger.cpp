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
            if (r.uid >= tasks_.size()) {
                tasks_.resize(r.uid + 1);
                known_.resize(r.uid + 1, false);
            }
            LedgerTask& task = tasks_[r.uid];
            task = LedgerTask{};
            task.kind = r.task_kind;
            task.index = r.index;
            task.linked = r.indexes;
            task.matched = r.matched;
            task.op = r.op;
            known_[r.uid] = true;
            return update_open(r.uid);
        }
        case MeiliRecordKind::status: {
            if (find(r.uid) == nullptr) return;
            LedgerTask& task = tasks_[r.uid];
            task.status = r.to;
            task.canceled_by = r.canceled_by;
            if (task.kind == meili::Kind::index_swap && r.to == meili::Status::succeeded)
                swap_links(r.uid, task.linked);
            return update_open(r.uid);
        }
        case MeiliRecordKind::deleted: {
            if (find(r.uid) == nullptr) return;
            tasks_[r.uid].live = false;
            return update_open(r.uid);
        }
        default:
            return;
    }
}

const LedgerTask* TaskLedger::find(meili::TaskUid uid) const {
    return uid < known_.size() && known_[uid] ? &tasks_[uid] : nullptr;
}

void TaskLedger::update_open(meili::TaskUid uid) {
    const LedgerTask& task = tasks_[uid];
    const bool open = task.live && (task.status == meili::Status::enqueued ||
                                    task.status == meili::Status::processing);
    const auto it = std::lower_bound(open_.begin(), open_.end(), uid);
    const bool listed = it != open_.end() && *it == uid;
    if (open && !listed) open_.insert(it, uid);
    if (!open && listed) open_.erase(it);
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
        for (meili::TaskUid uid = 0; uid < swap_uid && uid < tasks_.size(); ++uid) {
            if (!known_[uid]) continue;
            flip(tasks_[uid].index);
            for (std::string& name : tasks_[uid].linked)
                flip(name);
        }
    }
}

Violation violation_at(const std::string& invariant, const MeiliRecord& record, std::size_t index,
                       std::string detail, std::string expected, std::string found) {
    Violation v;
    v.invariant = invariant;
    v.time = record.at;
    v.node = meili_node_name(record.node);
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
