#pragma once
// TaskTable: one node's registered tasks, by id. A node hands out ids in increasing order, so
// tasks are appended to a vector that stays sorted by id: lookups are binary searches and a
// listing walks contiguous memory (a std::map walk dominated `es.list_parents_10k_ms`).
// Removal leaves a hole; holes are squeezed out once they outnumber the live tasks, so the
// cost is amortised O(1) per removal and memory stays within 2x of the live set plus a constant.
// Invalidation: append() and remove() invalidate pointers and iterators into the table
// (unlike std::map); callers must not hold a Task* across them.
// Deterministic: iteration is by ascending id.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/es/task.hpp"

namespace taskcheck::es {

class TaskTable {
  public:
    // Iterates the live tasks in ascending id order.
    class Iterator {
      public:
        Iterator(const TaskTable* table, std::size_t slot) : table_(table), slot_(slot) { skip(); }
        const Task& operator*() const { return table_->slots_[slot_]; }
        const Task* operator->() const { return &table_->slots_[slot_]; }
        Iterator& operator++() {
            ++slot_;
            skip();
            return *this;
        }
        bool operator==(const Iterator& other) const { return slot_ == other.slot_; }

      private:
        void skip() {
            while (slot_ < table_->slots_.size() && table_->live_[slot_] == 0)
                ++slot_;
        }
        const TaskTable* table_;
        std::size_t slot_;
    };

    // Adds `task`. Requires: task.id is greater than the id of every task appended before.
    void append(Task task);

    // Removes the task with this id and returns it; nullopt (nothing changes) iff none.
    std::optional<Task> remove(std::int64_t id);

    // The live task with this id, or null.
    Task* find(std::int64_t id);
    const Task* find(std::int64_t id) const;

    std::size_t size() const { return live_count_; }
    bool empty() const { return live_count_ == 0; }
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, slots_.size()); }

  private:
    // Slot of `id` among slots_ (live or hole), if present.
    std::optional<std::size_t> slot_of(std::int64_t id) const;
    void compact();

    std::vector<Task> slots_;         // ascending ids; holes keep their id
    std::vector<std::uint8_t> live_;  // 1 = live, 0 = hole; parallel to slots_
    std::size_t live_count_ = 0;
};

}  // namespace taskcheck::es
