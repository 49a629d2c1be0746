#pragma once
// The two JSON shapes of a task (spec/meilisearch.md §2, §2.2), with v1.1.1's exact key order:
//  - the full view of GET /tasks/{uid} and GET /tasks results:
//    uid, indexUid, status, type, canceledBy, details?, error, duration, enqueuedAt, startedAt,
//    finishedAt; `details` is absent for snapshotCreation (§0.14);
//  - the summarized view returned when a task is enqueued: exactly taskUid, indexUid, status,
//    type, enqueuedAt.
// Dates use format_rfc3339, the duration format_meili_duration (null unless both dates are set).
// Deterministic: pure functions of their arguments.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/meili/task.hpp"

namespace taskcheck::meili {

// Overlay for a task of the batch in progress: shown as `processing` with the batch start.
struct ProcessingOverlay {
    Nanos started_at = kNoTime;
};

// The full task view. `index_uid` is the task's index uid, or null for a global task.
// `processing` is engaged iff the task belongs to the processing batch (§0.15).
nlohmann::ordered_json full_view(const Task& task, const std::string* index_uid,
                                 std::optional<ProcessingOverlay> processing);

// The summarized view, status always "enqueued" (it is the answer to the enqueueing request).
nlohmann::ordered_json summarized_view(const Task& task, const std::string* index_uid);

// The DetailsView object of `details`, keys in DetailsView field order; settings are flattened
// in the field order of Settings<Unchecked>. Requires: details is not std::monostate.
nlohmann::ordered_json details_view(const Details& details);

}  // namespace taskcheck::meili
