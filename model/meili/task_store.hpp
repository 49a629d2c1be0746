#pragma once
// TaskStore: the stored tasks of a Meilisearch v1.1 queue and their secondary indexes, the
// model's equivalent of index-scheduler's `all_tasks`, `status`, `kind`, `index_tasks`,
// `canceled_by`, `enqueued_at`, `started_at` and `finished_at` databases (S).
// Invariants (checked where state changes):
//  - every live task is in exactly one status set (its stored status, never processing), one kind
//    set, the index sets of every index it is linked to, and each date index it has a date for;
//  - canceled_by(c) holds the tasks canceled by c; it outlives c's own deletion (§3 Deletion);
//  - uids are never reused while the newest task lives.
// Deterministic: ordered containers only; no clock.

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/meili/task.hpp"
#include "model/meili/uid_set.hpp"

namespace taskcheck::meili {

// A date index: (instant, uid) pairs sorted ascending.
using DateIndex = std::vector<std::pair<Nanos, TaskUid>>;

class TaskStore {
  public:
    // ---- index uids -----------------------------------------------------------------------
    // The id of `index_uid`, interning it on first use.
    IndexId intern(const std::string& index_uid);
    // The id of `index_uid` iff some task ever named it.
    std::optional<IndexId> find_index(const std::string& index_uid) const;
    // Requires: id came from intern().
    const std::string& index_name(IndexId id) const;

    // ---- tasks ----------------------------------------------------------------------------
    // max existing uid + 1, or 0 for an empty store (utils.rs next_task_id).
    TaskUid next_uid() const;
    // Stores a freshly registered task and links it to `indexes` (its index, or both sides of
    // every swap). Requires: task.uid == next_uid(); task.status == enqueued.
    void insert(Task task, const std::vector<IndexId>& indexes);
    // The task iff it exists (not deleted).
    const Task* find(TaskUid uid) const;
    // Records the end of an enqueued task. Requires: the task exists and is stored enqueued;
    // `status` is terminal.
    void finish(TaskUid uid, Status status, Nanos started_at, Nanos finished_at, Details details,
                std::shared_ptr<const ApiError> error, TaskUid canceled_by = kNoTask);
    // Deletes the given finished tasks from every index. Requires: each exists and is finished.
    void erase(const std::vector<TaskUid>& uids);
    // Index swap (§0.13): every task older than `swap_uid` linked to `lhs` is linked to `rhs`
    // instead and vice versa, with its indexUid and earlier swaps' details rewritten.
    void swap_index_tasks(IndexId lhs, IndexId rhs, TaskUid swap_uid);

    // ---- secondary indexes -------------------------------------------------------------------
    const UidSet& all() const { return all_; }
    const UidSet& with_status(Status status) const;
    const UidSet& with_kind(Kind kind) const;
    const UidSet& of_index(IndexId id) const;
    // The tasks `canceler` canceled; nullptr iff it never canceled any (§0.5).
    const UidSet* canceled_by(TaskUid canceler) const;
    const DateIndex& enqueued_dates() const { return enqueued_at_; }
    const DateIndex& started_dates() const { return started_at_; }
    const DateIndex& finished_dates() const { return finished_at_; }

  private:
    // server/meili_snapshot.cpp saves and restores the whole store (reference-server start-up).
    friend struct SnapshotAccess;

    Task& at(TaskUid uid);
    static void add_date(DateIndex& index, Nanos instant, TaskUid uid);
    std::vector<IndexId> linked_indexes(const Task& task) const;
    void recompute_next_uid();

    TaskUid next_uid_ = 0;
    std::deque<Task> tasks_;  // by uid; a slot is live iff its uid is in all_
    UidSet all_;
    UidSet status_[kStatusCount];
    UidSet kind_[kKindCount];
    std::vector<UidSet> index_tasks_;  // by IndexId
    std::map<TaskUid, UidSet> canceled_by_;
    DateIndex enqueued_at_, started_at_, finished_at_;
    std::vector<std::string> index_names_;  // by IndexId
    std::map<std::string, IndexId, std::less<>> index_ids_;
};

}  // namespace taskcheck::meili
