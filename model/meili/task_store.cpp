#include "model/meili/task_store.hpp"

#include <algorithm>

#include "model/common/assert.hpp"

namespace taskcheck::meili {
namespace {

const UidSet kEmptySet;

std::size_t status_slot(Status status) {
    return static_cast<std::size_t>(status);
}
std::size_t kind_slot(Kind kind) {
    return static_cast<std::size_t>(kind);
}

void remove_dates(DateIndex& index, const std::vector<TaskUid>& sorted_uids) {
    std::erase_if(index, [&](const std::pair<Nanos, TaskUid>& entry) {
        return std::binary_search(sorted_uids.begin(), sorted_uids.end(), entry.second);
    });
}

}  // namespace

IndexId TaskStore::intern(const std::string& index_uid) {
    auto it = index_ids_.find(index_uid);
    if (it != index_ids_.end()) return it->second;
    const auto id = static_cast<IndexId>(index_names_.size());
    TC_ASSERT_NE(id, kNoIndex);
    index_names_.push_back(index_uid);
    index_tasks_.emplace_back();
    index_ids_.emplace(index_uid, id);
    return id;
}

std::optional<IndexId> TaskStore::find_index(const std::string& index_uid) const {
    auto it = index_ids_.find(index_uid);
    if (it == index_ids_.end()) return std::nullopt;
    return it->second;
}

const std::string& TaskStore::index_name(IndexId id) const {
    TC_ASSERT_LT(id, index_names_.size());
    return index_names_[id];
}

TaskUid TaskStore::next_uid() const {
    return next_uid_;
}

void TaskStore::recompute_next_uid() {
    next_uid_ = 0;
    all_.for_each_descending(kNoTask, [&](TaskUid uid) {
        next_uid_ = uid + 1;
        return false;
    });
}

void TaskStore::add_date(DateIndex& index, Nanos instant, TaskUid uid) {
    TC_ASSERT_NE(instant, kNoTime);
    const std::pair<Nanos, TaskUid> entry{instant, uid};
    // Dates usually arrive in order, so the common insert is at the end.
    if (index.empty() || index.back() < entry) {
        index.push_back(entry);
    } else {
        index.insert(std::upper_bound(index.begin(), index.end(), entry), entry);
    }
}

void TaskStore::insert(Task task, const std::vector<IndexId>& indexes) {
    TC_ASSERT_EQ(task.uid, next_uid());
    TC_ASSERT_EQ(task.status, Status::enqueued);
    const TaskUid uid = task.uid;
    // A deletion may have emptied slots below uid, never at or above it.
    while (tasks_.size() < uid)
        tasks_.emplace_back();
    if (tasks_.size() > uid) tasks_.resize(uid);
    TC_ASSERT_EQ(tasks_.size(), uid);
    all_.insert(uid);
    status_[status_slot(task.status)].insert(uid);
    kind_[kind_slot(task.kind)].insert(uid);
    for (IndexId id : indexes) {
        TC_ASSERT_LT(id, index_tasks_.size());
        index_tasks_[id].insert(uid);
    }
    add_date(enqueued_at_, task.enqueued_at, uid);
    tasks_.push_back(std::move(task));
    TC_ASSERT_LT(uid, kNoTask - 1);
    next_uid_ = uid + 1;
}

const Task* TaskStore::find(TaskUid uid) const {
    if (!all_.contains(uid)) return nullptr;
    return &tasks_[uid];
}

Task& TaskStore::at(TaskUid uid) {
    TC_ASSERT(all_.contains(uid));
    return tasks_[uid];
}

void TaskStore::finish(TaskUid uid, Status status, Nanos started_at, Nanos finished_at,
                       Details details, std::shared_ptr<const ApiError> error,
                       TaskUid canceled_by) {
    Task& task = at(uid);
    TC_ASSERT_EQ(task.status, Status::enqueued);
    TC_ASSERT(is_terminal(status));
    TC_ASSERT_NE(finished_at, kNoTime);
    bool moved = status_[status_slot(Status::enqueued)].erase(uid);
    TC_ASSERT(moved);
    status_[status_slot(status)].insert(uid);
    task.status = status;
    task.started_at = started_at;
    task.finished_at = finished_at;
    task.details = std::move(details);
    task.error = std::move(error);
    task.canceled_by = canceled_by;
    if (started_at != kNoTime) add_date(started_at_, started_at, uid);
    add_date(finished_at_, finished_at, uid);
    if (canceled_by != kNoTask) canceled_by_[canceled_by].insert(uid);
}

std::vector<IndexId> TaskStore::linked_indexes(const Task& task) const {
    std::vector<IndexId> out;
    if (task.index != kNoIndex) out.push_back(task.index);
    if (const auto* swap = std::get_if<IndexSwapDetails>(&task.details)) {
        for (const auto& [lhs, rhs] : *swap->swaps) {
            out.push_back(*find_index(lhs));
            out.push_back(*find_index(rhs));
        }
    }
    return out;
}

void TaskStore::erase(const std::vector<TaskUid>& uids) {
    std::vector<TaskUid> sorted = uids;
    std::sort(sorted.begin(), sorted.end());
    for (TaskUid uid : sorted) {
        const Task& task = at(uid);
        TC_ASSERT(is_terminal(task.status));
        status_[status_slot(task.status)].erase(uid);
        kind_[kind_slot(task.kind)].erase(uid);
        for (IndexId id : linked_indexes(task))
            index_tasks_[id].erase(uid);
        if (task.canceled_by != kNoTask) {
            auto it = canceled_by_.find(task.canceled_by);
            TC_ASSERT(it != canceled_by_.end());
            it->second.erase(uid);
            if (it->second.empty()) canceled_by_.erase(it);
        }
        all_.erase(uid);
        tasks_[uid] = Task{};
    }
    recompute_next_uid();
    remove_dates(enqueued_at_, sorted);
    remove_dates(started_at_, sorted);
    remove_dates(finished_at_, sorted);
}

void TaskStore::swap_index_tasks(IndexId lhs, IndexId rhs, TaskUid swap_uid) {
    TC_ASSERT_NE(lhs, rhs);
    TC_ASSERT_GT(swap_uid, 0u);
    std::vector<TaskUid> left, right;
    index_tasks_[lhs].for_each_descending(swap_uid - 1, [&](TaskUid uid) {
        left.push_back(uid);
        return true;
    });
    index_tasks_[rhs].for_each_descending(swap_uid - 1, [&](TaskUid uid) {
        right.push_back(uid);
        return true;
    });
    const std::string& lhs_name = index_names_[lhs];
    const std::string& rhs_name = index_names_[rhs];
    auto rename = [&](std::string& name) {
        if (name == lhs_name) {
            name = rhs_name;
        } else if (name == rhs_name) {
            name = lhs_name;
        }
    };
    std::vector<TaskUid> touched = left;
    touched.insert(touched.end(), right.begin(), right.end());
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (TaskUid uid : touched) {
        Task& task = at(uid);
        if (task.index == lhs) {
            task.index = rhs;
        } else if (task.index == rhs) {
            task.index = lhs;
        }
        if (auto* swap = std::get_if<IndexSwapDetails>(&task.details))
            for (auto& [a, b] : *swap->swaps)
                rename(a), rename(b);
    }
    for (TaskUid uid : left)
        index_tasks_[lhs].erase(uid);
    for (TaskUid uid : right)
        index_tasks_[rhs].erase(uid);
    for (TaskUid uid : right)
        index_tasks_[lhs].insert(uid);
    for (TaskUid uid : left)
        index_tasks_[rhs].insert(uid);
}

const UidSet& TaskStore::with_status(Status status) const {
    return status_[status_slot(status)];
}
const UidSet& TaskStore::with_kind(Kind kind) const {
    return kind_[kind_slot(kind)];
}

const UidSet& TaskStore::of_index(IndexId id) const {
    if (id >= index_tasks_.size()) return kEmptySet;
    return index_tasks_[id];
}

const UidSet* TaskStore::canceled_by(TaskUid canceler) const {
    auto it = canceled_by_.find(canceler);
    return it == canceled_by_.end() ? nullptr : &it->second;
}

}  // namespace taskcheck::meili
