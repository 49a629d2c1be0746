#pragma once
// ProcessingSet: the in-memory overlay of the batch being processed (spec/meilisearch.md §0.15).
// Its tasks are stored `enqueued`; readers show them `processing` with `started_at`. After an
// aborted batch the set stays until the next batch starts, as v1.1 keeps it for the cancelation
// that follows (B `TaskCancelation { previous_started_at, previous_processing_tasks }`).
// Invariants: `uids` is sorted ascending without duplicates; empty iff started_at is kNoTime.
// Deterministic: plain value.

#include <algorithm>
#include <vector>

#include "model/meili/task.hpp"

namespace taskcheck::meili {

struct ProcessingSet {
    std::vector<TaskUid> uids;
    Nanos started_at = kNoTime;

    bool empty() const { return uids.empty(); }
    bool contains(TaskUid uid) const { return std::binary_search(uids.begin(), uids.end(), uid); }
};

}  // namespace taskcheck::meili
