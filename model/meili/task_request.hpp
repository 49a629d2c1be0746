#pragma once
// TaskRequest: the registration commands of the Meilisearch v1.1 routes that enqueue a task
// (spec/meilisearch.md §1, 202 routes), one struct per route family. The queue turns each into
// a task of the matching kind; taskCancelation and taskDeletion come from a TaskQuery instead
// (TaskQueue::cancel_tasks / delete_tasks).
// Deterministic: plain values; the time of a request is passed beside it.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/meili/autobatcher.hpp"

namespace taskcheck::meili {

// POST (replace) / PUT (update) /indexes/{uid}/documents.
struct AddDocuments {
    std::string index_uid;
    nlohmann::ordered_json documents = nlohmann::ordered_json::array();  // array of objects
    std::optional<std::string> primary_key;                              // `primaryKey` parameter
    DocumentMethod method = DocumentMethod::replace;
    bool allow_index_creation = true;  // the API key's indexes.create right
};
// DELETE /indexes/{uid}/documents/{id} and POST .../documents/delete-batch.
struct DeleteDocuments {
    std::string index_uid;
    std::vector<std::string> document_ids;
};
// DELETE /indexes/{uid}/documents.
struct ClearDocuments {
    std::string index_uid;
};
// PATCH|PUT|DELETE /indexes/{uid}/settings[/...]: the settings object as sent (a reset is null).
struct UpdateSettings {
    std::string index_uid;
    nlohmann::ordered_json settings = nlohmann::ordered_json::object();
    bool allow_index_creation = true;
};
// POST /indexes.
struct CreateIndex {
    std::string index_uid;
    std::optional<std::string> primary_key;
};
// PATCH /indexes/{uid}.
struct UpdateIndex {
    std::string index_uid;
    std::optional<std::string> primary_key;
};
// DELETE /indexes/{uid}.
struct DeleteIndex {
    std::string index_uid;
};
// POST /swap-indexes: each pair already validated by the route (no duplicates).
struct SwapIndexes {
    std::vector<std::pair<std::string, std::string>> swaps;
};
// POST /dumps.
struct CreateDump {};
// --schedule-snapshot (v1.1 has no snapshot route).
struct CreateSnapshot {};

using TaskRequest =
    std::variant<AddDocuments, DeleteDocuments, ClearDocuments, UpdateSettings, CreateIndex,
                 UpdateIndex, DeleteIndex, SwapIndexes, CreateDump, CreateSnapshot>;

}  // namespace taskcheck::meili
