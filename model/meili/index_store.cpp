#include "model/meili/index_store.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::meili {

const IndexState* IndexStore::find(const std::string& uid) const {
    auto it = indexes_.find(uid);
    return it == indexes_.end() ? nullptr : &it->second;
}

IndexState* IndexStore::find(const std::string& uid) {
    auto it = indexes_.find(uid);
    return it == indexes_.end() ? nullptr : &it->second;
}

IndexState& IndexStore::create(const std::string& uid, std::optional<std::string> primary_key) {
    auto [it, inserted] = indexes_.emplace(uid, IndexState{std::move(primary_key), {}, {}});
    TC_ASSERT(inserted);
    return it->second;
}

std::uint64_t IndexStore::remove(const std::string& uid) {
    auto it = indexes_.find(uid);
    TC_ASSERT(it != indexes_.end());
    const std::uint64_t count = it->second.document_ids.size();
    indexes_.erase(it);
    return count;
}

void IndexStore::swap(const std::string& lhs, const std::string& rhs) {
    IndexState* a = find(lhs);
    IndexState* b = find(rhs);
    TC_ASSERT(a != nullptr);
    TC_ASSERT(b != nullptr);
    std::swap(*a, *b);
}

std::vector<std::string> IndexStore::uids() const {
    std::vector<std::string> out;
    for (const auto& [uid, state] : indexes_)
        out.push_back(uid);
    return out;
}

}  // namespace taskcheck::meili
