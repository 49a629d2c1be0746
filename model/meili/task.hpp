#pragma once
// Task: one stored Meilisearch v1.1 task, kept small (about 100 bytes) so that a million fit in
// the memory budget: no JSON per task, index uids interned, payloads (documents, matched sets)
// held apart by the queue and dropped when the task finishes.
// Details follow spec/meilisearch.md §2.1: one alternative per details shape, with the
// "finished" and "failed" forms produced by the functions below.
// Invariants: `status` is never Status::processing (processing is an overlay, §0.15);
// started_at/finished_at are kNoTime or a batch's instants.
// Deterministic: plain values.

#include <cstdint>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/common/time.hpp"
#include "model/meili/api_error.hpp"
#include "model/meili/task_kind.hpp"

namespace taskcheck::meili {

using IndexId = std::uint32_t;  // interned index uid (IndexNames)
constexpr IndexId kNoIndex = std::numeric_limits<IndexId>::max();
constexpr Nanos kNoTime = std::numeric_limits<Nanos>::min();
constexpr TaskUid kNoTask = std::numeric_limits<TaskUid>::max();

using Count = std::optional<std::uint64_t>;

struct DocumentAdditionDetails {  // documentAdditionOrUpdate
    std::uint64_t received_documents = 0;
    Count indexed_documents;
};
struct DocumentDeletionDetails {  // documentDeletion by ids
    std::uint64_t provided_ids = 0;
    Count deleted_documents;
};
struct ClearAllDetails {  // documentDeletion (clear all) and indexDeletion
    Count deleted_documents;
};
struct SettingsDetails {  // settingsUpdate: the submitted settings, shared with the payload
    std::shared_ptr<const nlohmann::ordered_json> settings;
};
struct IndexInfoDetails {                            // indexCreation, indexUpdate
    std::shared_ptr<const std::string> primary_key;  // null = `primaryKey: null`
};
struct IndexSwapDetails {  // indexSwap: the index uids here are rewritten by later swaps (§0.13)
    std::shared_ptr<std::vector<std::pair<std::string, std::string>>> swaps;
};
struct TaskCancelationDetails {
    std::uint64_t matched_tasks = 0;
    Count canceled_tasks;
    std::shared_ptr<const std::string> original_filter;
};
struct TaskDeletionDetails {
    std::uint64_t matched_tasks = 0;
    Count deleted_tasks;
    std::shared_ptr<const std::string> original_filter;
};
struct DumpDetails {
    std::shared_ptr<const std::string> dump_uid;  // null until the dump succeeded
};
// snapshotCreation has no details at all (§0.14): std::monostate.
using Details = std::variant<std::monostate, DocumentAdditionDetails, DocumentDeletionDetails,
                             ClearAllDetails, SettingsDetails, IndexInfoDetails, IndexSwapDetails,
                             TaskCancelationDetails, TaskDeletionDetails, DumpDetails>;

// T `to_failed`: the counters a failed or canceled task reports (0); other details unchanged.
Details to_failed(Details details);
// T `default_finished_details`: what a task absorbed by a clear or an index deletion reports
// when it "succeeds" without running (§2.1 edge case): counters 0, except a clear-all keeps
// `deletedDocuments: null`.
Details default_finished(Details details);

struct Task {
    TaskUid uid = 0;
    Kind kind = Kind::document_addition_or_update;
    Status status = Status::enqueued;  // stored status: never processing
    IndexId index = kNoIndex;          // kNoIndex for the global kinds
    TaskUid canceled_by = kNoTask;
    Nanos enqueued_at = kNoTime;
    Nanos started_at = kNoTime;
    Nanos finished_at = kNoTime;
    Details details;
    std::shared_ptr<const ApiError> error;  // shared by every task a batch error failed
};

}  // namespace taskcheck::meili
