#pragma once
// run_index_batch: the outcome of one index's batch (spec/meilisearch.md §3 step 5 and "Batch
// outcome"; B `apply_index_operation`, `Batch::IndexCreation|IndexUpdate|IndexDeletion`).
//  - per-task failures (a bad document, primary-key inference) fail only that task;
//  - a batch-level error (index_not_found, index_already_exists,
//    index_primary_key_already_exists) is returned as the error and leaves `indexes` unchanged,
//    except that an index the batch was allowed to create has been created, as v1.1 creates it
//    in its own transaction before the batch runs;
//  - tasks absorbed by a clear or an index deletion succeed with default_finished() details.
// Deterministic: pure function of its arguments and `indexes`.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"
#include "model/meili/autobatcher.hpp"
#include "model/meili/index_store.hpp"
#include "model/meili/task.hpp"

namespace taskcheck::meili {

// What a task carries besides its details; dropped when the task finishes.
struct Payload {
    nlohmann::ordered_json documents;  // documentAdditionOrUpdate: array of objects
    std::optional<std::string> primary_key;
    DocumentMethod method = DocumentMethod::replace;
    bool allow_index_creation = true;       // documents and settings
    std::vector<std::string> document_ids;  // documentDeletion by ids
    std::vector<TaskUid> matched;           // taskCancelation, taskDeletion (ascending)
};

struct BatchTask {
    const Task* task = nullptr;
    const Payload* payload = nullptr;  // may be null for kinds without one
};

struct TaskOutcome {
    TaskUid uid = 0;
    Status status = Status::succeeded;
    Details details;
    std::shared_ptr<const ApiError> error;
};

Result<std::vector<TaskOutcome>, ApiError> run_index_batch(const Autobatch& batch,
                                                           const std::string& index_uid,
                                                           const std::vector<BatchTask>& tasks,
                                                           IndexStore& indexes);

// The index-level errors of v1.1 (meilisearch-types / index-scheduler error.rs).
ApiError index_not_found(const std::string& index_uid);
ApiError indexes_not_found(const std::vector<std::string>& sorted_uids);
ApiError index_already_exists(const std::string& index_uid);

}  // namespace taskcheck::meili
