#include "model/meili/uid_set.hpp"

#include <algorithm>

#include "model/common/assert.hpp"

namespace taskcheck::meili {

bool UidSet::block_contains(const Block& block, std::uint16_t low) {
    if (!block.bits.empty()) return (block.bits[low >> 6] >> (low & 63)) & 1;
    return std::binary_search(block.array.begin(), block.array.end(), low);
}

void UidSet::to_bitmap(Block& block) {
    TC_ASSERT(block.bits.empty());
    block.bits.assign(kWords, 0);
    for (std::uint16_t low : block.array)
        block.bits[low >> 6] |= std::uint64_t{1} << (low & 63);
    block.array.clear();
    block.array.shrink_to_fit();
}

void UidSet::to_array(Block& block) {
    TC_ASSERT(!block.bits.empty());
    std::vector<std::uint16_t> array;
    array.reserve(block.count);
    for (std::size_t word = 0; word < kWords; ++word)
        for (int bit = 0; bit < 64; ++bit)
            if ((block.bits[word] >> bit) & 1)
                array.push_back(static_cast<std::uint16_t>(word * 64 + bit));
    TC_ASSERT_EQ(array.size(), block.count);
    block.array = std::move(array);
    block.bits.clear();
    block.bits.shrink_to_fit();
}

bool UidSet::insert(TaskUid uid) {
    Block& block = blocks_[uid >> 16];
    const auto low = static_cast<std::uint16_t>(uid & 0xFFFF);
    if (block_contains(block, low)) return false;
    if (block.bits.empty()) {
        // Registration appends the newest uid, so the common insert is at the end.
        if (block.array.empty() || block.array.back() < low) {
            block.array.push_back(low);
        } else {
            block.array.insert(std::lower_bound(block.array.begin(), block.array.end(), low), low);
        }
    } else {
        block.bits[low >> 6] |= std::uint64_t{1} << (low & 63);
    }
    ++block.count;
    ++size_;
    if (block.bits.empty() && block.count > kArrayMax) to_bitmap(block);
    return true;
}

bool UidSet::erase(TaskUid uid) {
    auto it = blocks_.find(uid >> 16);
    if (it == blocks_.end()) return false;
    Block& block = it->second;
    const auto low = static_cast<std::uint16_t>(uid & 0xFFFF);
    if (!block_contains(block, low)) return false;
    if (block.bits.empty()) {
        block.array.erase(std::lower_bound(block.array.begin(), block.array.end(), low));
    } else {
        block.bits[low >> 6] &= ~(std::uint64_t{1} << (low & 63));
    }
    TC_ASSERT_GT(block.count, 0u);
    --block.count;
    --size_;
    if (block.count == 0) {
        blocks_.erase(it);
    } else if (!block.bits.empty() && block.count < kArrayMax / 2) {
        to_array(block);
    }
    return true;
}

bool UidSet::contains(TaskUid uid) const {
    auto it = blocks_.find(uid >> 16);
    return it != blocks_.end() &&
           block_contains(it->second, static_cast<std::uint16_t>(uid & 0xFFFF));
}

std::vector<TaskUid> UidSet::to_vector() const {
    std::vector<TaskUid> out;
    out.reserve(size_);
    for_each_descending(0xFFFFFFFFu, [&](TaskUid uid) {
        out.push_back(uid);
        return true;
    });
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace taskcheck::meili
