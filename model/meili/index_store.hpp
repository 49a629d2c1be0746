#pragma once
// IndexStore: just enough of Meilisearch's indexes to decide task outcomes (spec/meilisearch.md
// §3 "Batch outcome"): which indexes exist, their primary key, the ids of their documents and
// their typo sizes.
// Document bodies are not kept; an addition only needs each document's id.
// Invariants: an index without a primary key has no documents.
// Deterministic: ordered containers only.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/meili/typo_sizes.hpp"

namespace taskcheck::meili {

struct IndexState {
    std::optional<std::string> primary_key;
    std::set<std::string> document_ids;
    TypoSizes typo_sizes;  // the only settings value a task outcome depends on (typo_sizes.hpp)
};

class IndexStore {
  public:
    bool exists(const std::string& uid) const { return indexes_.count(uid) != 0; }
    // The index iff it exists.
    const IndexState* find(const std::string& uid) const;
    IndexState* find(const std::string& uid);
    // Creates an empty index with `primary_key`. Requires: !exists(uid).
    IndexState& create(const std::string& uid, std::optional<std::string> primary_key);
    // Removes the index and returns its number of documents. Requires: exists(uid).
    std::uint64_t remove(const std::string& uid);
    // Exchanges the contents of two indexes. Requires: both exist.
    void swap(const std::string& lhs, const std::string& rhs);
    // The uids of every index, sorted.
    std::vector<std::string> uids() const;

  private:
    std::map<std::string, IndexState, std::less<>> indexes_;
};

}  // namespace taskcheck::meili
