#pragma once
// UidSet: an ordered set of task uids, stored like a roaring bitmap so that a million uids cost
// about a bit each when dense and two bytes each when sparse. The task store keeps one per
// status, kind, index and canceling task (spec/meilisearch.md §1.1: queries use indexes, never a
// scan of all tasks).
// Each 65536-uid block is either a sorted array of 16-bit offsets (up to kArrayMax entries) or a
// 1024-word bitmap; a block converts to a bitmap past kArrayMax entries and back below half of it.
// Invariants: size() equals the number of members; no block is empty.
// Deterministic: iteration is by uid, never by address.

#include <cstdint>
#include <map>
#include <vector>

#include "model/meili/task_kind.hpp"

namespace taskcheck::meili {

class UidSet {
  public:
    // Inserts `uid`; true iff it was absent.
    bool insert(TaskUid uid);
    // Removes `uid`; true iff it was present.
    bool erase(TaskUid uid);
    bool contains(TaskUid uid) const;
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    // Calls `visit(uid)` for every member <= `from`, in descending uid order, until `visit`
    // returns false.
    template <typename Visit>
    void for_each_descending(TaskUid from, Visit visit) const;

    // Calls `visit(uid)` for every member >= `from`, in ascending uid order, until `visit`
    // returns false.
    template <typename Visit>
    void for_each_ascending(TaskUid from, Visit visit) const;

    // All members in ascending order.
    std::vector<TaskUid> to_vector() const;

  private:
    static constexpr std::size_t kArrayMax = 4096;
    static constexpr std::size_t kWords = 1024;
    struct Block {
        std::vector<std::uint16_t> array;  // sorted; used iff bits is empty
        std::vector<std::uint64_t> bits;   // kWords words, or empty
        std::uint32_t count = 0;
    };
    static bool block_contains(const Block& block, std::uint16_t low);
    static void to_bitmap(Block& block);
    static void to_array(Block& block);
    template <typename Visit>
    static bool visit_block_descending(const Block& block, std::uint32_t high, std::uint32_t top,
                                       Visit& visit);

    std::map<std::uint32_t, Block> blocks_;  // key: uid >> 16
    std::size_t size_ = 0;
};

template <typename Visit>
bool UidSet::visit_block_descending(const Block& block, std::uint32_t high, std::uint32_t top,
                                    Visit& visit) {
    const TaskUid base = high << 16;
    if (block.bits.empty()) {
        for (auto it = block.array.rbegin(); it != block.array.rend(); ++it) {
            if (*it > top) continue;
            if (!visit(base | *it)) return false;
        }
        return true;
    }
    for (std::int64_t word = top >> 6; word >= 0; --word) {
        std::uint64_t bits = block.bits[static_cast<std::size_t>(word)];
        if (static_cast<std::uint32_t>(word) == (top >> 6) && (top & 63) != 63)
            bits &= (std::uint64_t{1} << ((top & 63) + 1)) - 1;
        while (bits != 0) {
            int bit = 63 - __builtin_clzll(bits);
            bits &= ~(std::uint64_t{1} << bit);
            if (!visit(base | static_cast<TaskUid>(word * 64 + bit))) return false;
        }
    }
    return true;
}

template <typename Visit>
void UidSet::for_each_descending(TaskUid from, Visit visit) const {
    const std::uint32_t from_high = from >> 16;
    auto it = blocks_.upper_bound(from_high);
    while (it != blocks_.begin()) {
        --it;
        std::uint32_t top = it->first == from_high ? (from & 0xFFFF) : 0xFFFF;
        if (!visit_block_descending(it->second, it->first, top, visit)) return;
    }
}

template <typename Visit>
void UidSet::for_each_ascending(TaskUid from, Visit visit) const {
    for (auto it = blocks_.lower_bound(from >> 16); it != blocks_.end(); ++it) {
        const TaskUid base = it->first << 16;
        const std::uint32_t bottom = it->first == (from >> 16) ? (from & 0xFFFF) : 0;
        const Block& block = it->second;
        if (block.bits.empty()) {
            for (std::uint16_t low : block.array)
                if (low >= bottom && !visit(base | low)) return;
            continue;
        }
        for (std::uint32_t word = bottom >> 6; word < kWords; ++word) {
            std::uint64_t bits = block.bits[word];
            if (word == (bottom >> 6)) bits &= ~std::uint64_t{0} << (bottom & 63);
            while (bits != 0) {
                int bit = __builtin_ctzll(bits);
                bits &= bits - 1;
                if (!visit(base | (word * 64 + static_cast<std::uint32_t>(bit)))) return;
            }
        }
    }
}

}  // namespace taskcheck::meili
