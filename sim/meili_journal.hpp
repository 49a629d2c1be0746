#pragma once
// MeiliJournal: the durable state of the simulated Meilisearch instance — every command the
// task queue applied, in order, with the time it carried. A restart rebuilds the queue by
// replaying the journal into a fresh TaskQueue and then calling restart(), which drops what was
// in flight: a batch started but not finished comes back enqueued (spec/meilisearch.md §0.15,
// "processing is never stored"). Everything else (the TaskQueue object the world holds between
// restarts, the processing overlay, the scheduler's timers) is volatile.
// Two levels of durability, as on a real disk: an appended entry is *written* (it is in the OS
// page cache and survives the process being killed — crash, restart) and becomes *synced* at the
// next sync() (it survives power loss — amnesia_restart). A correct instance syncs every entry
// before it answers, so for it the two never differ; lose_unsynced() is what power loss does.
// Invariants: entries are appended in the order the live queue applied them, so a replay makes
// the same decisions (the model is deterministic); batch_finish always follows its batch_start;
// synced() <= size().
// Deterministic: a pure replay of recorded commands.

#include <cstdint>
#include <memory>
#include <vector>

#include "model/common/time.hpp"
#include "model/meili/task_query.hpp"
#include "model/meili/task_queue.hpp"
#include "model/meili/task_request.hpp"

namespace taskcheck::sim {

struct MeiliJournalEntry {
    enum class Kind : std::uint8_t {
        enqueue,
        cancel,
        delete_tasks,
        batch_start,
        batch_finish,
        restart
    };
    Kind kind = Kind::enqueue;
    Nanos at = 0;  // the node-clock instant the command carried
    // Held apart so that an entry stays small: batch and restart entries carry neither, and the
    // journal moves only pointers when it grows (inline, they made an entry ~400 bytes and its
    // moves a twentieth of a property case).
    std::unique_ptr<const meili::TaskRequest> request;  // enqueue
    std::unique_ptr<const meili::TaskQuery> query;      // cancel, delete_tasks
    bool had_failure = false;  // batch_finish: some task of the batch ended failed
};

// Applies a registration entry (enqueue, cancel, delete_tasks) to `queue`; returns the new uid.
meili::TaskUid apply_registration(meili::TaskQueue& queue, const MeiliJournalEntry& entry);

class MeiliJournal {
  public:
    void append(MeiliJournalEntry entry) { entries_.push_back(std::move(entry)); }
    std::size_t size() const { return entries_.size(); }
    // Entries [0, synced()) survive power loss.
    std::size_t synced() const { return synced_; }
    // Makes every appended entry durable (fsync).
    void sync() { synced_ = entries_.size(); }
    // Power loss: drops the entries appended since the last sync(); returns how many.
    std::size_t lose_unsynced();

    // A queue in the state a restart finds: every entry replayed from the first into a fresh
    // TaskQueue, then restart(). With `forget_failures` (the planted bug replay_forgets_failures)
    // the end of a batch that had a failure is skipped and the batch dropped as if by a restart.
    // The world calls this only when its live queue may differ from the journal (docs/simulator.md,
    // meilisearch profile, "Performance"): otherwise the live queue, which applied exactly these
    // commands in this order on the same deterministic model, is that replay already.
    meili::TaskQueue rebuild(bool forget_failures = false) const;

  private:
    std::vector<MeiliJournalEntry> entries_;
    std::size_t synced_ = 0;
};

}  // namespace taskcheck::sim
