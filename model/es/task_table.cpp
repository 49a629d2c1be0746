#include "model/es/task_table.hpp"

#include <algorithm>
#include <utility>

#include "model/common/assert.hpp"

namespace taskcheck::es {

void TaskTable::append(Task task) {
    TC_ASSERT(slots_.empty() || slots_.back().id < task.id);
    slots_.push_back(std::move(task));
    live_.push_back(1);
    ++live_count_;
}

std::optional<std::size_t> TaskTable::slot_of(std::int64_t id) const {
    auto it =
        std::lower_bound(slots_.begin(), slots_.end(), id,
                         [](const Task& task, std::int64_t wanted) { return task.id < wanted; });
    if (it == slots_.end() || it->id != id) return std::nullopt;
    return static_cast<std::size_t>(it - slots_.begin());
}

std::optional<Task> TaskTable::remove(std::int64_t id) {
    const std::optional<std::size_t> slot = slot_of(id);
    if (!slot || live_[*slot] == 0) return std::nullopt;
    Task task = std::move(slots_[*slot]);
    // A hole keeps its id (binary search needs it) and drops everything else it owned.
    slots_[*slot] = Task{};
    slots_[*slot].id = id;
    live_[*slot] = 0;
    --live_count_;
    const std::size_t holes = slots_.size() - live_count_;
    if (holes > live_count_ && holes >= 32) compact();
    return task;
}

void TaskTable::compact() {
    std::size_t kept = 0;
    for (std::size_t slot = 0; slot < slots_.size(); ++slot) {
        if (live_[slot] == 0) continue;
        if (kept != slot) slots_[kept] = std::move(slots_[slot]);
        ++kept;
    }
    slots_.resize(kept);
    live_.assign(kept, 1);
}

Task* TaskTable::find(std::int64_t id) {
    const std::optional<std::size_t> slot = slot_of(id);
    return slot && live_[*slot] != 0 ? &slots_[*slot] : nullptr;
}

const Task* TaskTable::find(std::int64_t id) const {
    const std::optional<std::size_t> slot = slot_of(id);
    return slot && live_[*slot] != 0 ? &slots_[*slot] : nullptr;
}

}  // namespace taskcheck::es
