#pragma once
// MeiliState: the whole state of the Meilisearch profile — the task queue model plus the
// document mirror — as a function of the journalled commands (meili_command.hpp). The live
// server and the start-up replay both go through apply(), so what a restart rebuilds is what was
// served.
// Invariants: latest() never decreases; batch() is non-empty iff the queue has a batch in
// progress; commands apply in journal order.
// Not thread-safe: MeiliService guards it with one mutex.
// Deterministic: a pure function of the command sequence.

#include <cstdint>
#include <optional>
#include <vector>

#include "model/meili/task_queue.hpp"
#include "server/meili_command.hpp"
#include "server/meili_documents.hpp"

namespace taskcheck::server {

// What one command did.
struct MeiliApplied {
    std::optional<meili::TaskUid> task;  // the task an enqueue/filter command registered
    std::vector<meili::TaskUid> batch;   // start_batch: the batch; empty if none
    std::optional<meili::BatchEnd> end;  // finish_batch: how the batch ended
};

class MeiliState {
  public:
    // Applies `command`. Throws InputError id "journal-corrupt" naming `seq` (0 for a live
    // command) when the command cannot follow the state — a finish with no batch in progress, a
    // start during one, a time going backwards, a filter query the parser rejects — so a bad
    // journal is never half-applied silently; the state is unchanged then.
    MeiliApplied apply(const MeiliCommand& command, std::uint64_t seq = 0);

    const meili::TaskQueue& queue() const { return queue_; }
    const MeiliDocuments& documents() const { return documents_; }
    // The uids of the batch in progress (ascending), empty when none.
    const std::vector<meili::TaskUid>& batch() const { return batch_; }
    // When the batch in progress started. Requires: !batch().empty().
    Nanos batch_started_at() const;
    // The largest `now` of any applied command; 0 before the first.
    Nanos latest() const { return latest_; }
    // Commands applied so far.
    std::uint64_t applied() const { return applied_; }

  private:
    friend struct MeiliSnapshotAccess;  // meili_snapshot.cpp saves and restores the state

    MeiliApplied apply_filter(const MeiliFilterTask& command, std::uint64_t seq);

    meili::TaskQueue queue_;
    MeiliDocuments documents_;
    std::vector<meili::TaskUid> batch_;
    Nanos latest_ = 0;
    std::uint64_t applied_ = 0;
};

}  // namespace taskcheck::server
