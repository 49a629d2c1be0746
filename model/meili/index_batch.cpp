#include "model/meili/index_batch.hpp"

#include <algorithm>
#include <cctype>

#include "model/common/assert.hpp"
#include "model/meili/document_ids.hpp"
#include "model/meili/typo_sizes.hpp"

namespace taskcheck::meili {
namespace {

using Json = nlohmann::ordered_json;

std::shared_ptr<const ApiError> shared(ApiError error) {
    return std::make_shared<const ApiError>(std::move(error));
}

TaskOutcome succeeded(const Task& task, Details details) {
    return TaskOutcome{task.uid, Status::succeeded, std::move(details), nullptr};
}

TaskOutcome failed(const Task& task, ApiError error) {
    return TaskOutcome{task.uid, Status::failed, to_failed(task.details), shared(std::move(error))};
}

// One document addition: all of the task's documents or none of them. An index without a key
// takes the task's `primaryKey` parameter (set before the batch: run_index_batch), else infers
// one from this task's payload (document_ids.hpp).
TaskOutcome add_documents(const BatchTask& bt, IndexState& index) {
    const Task& task = *bt.task;
    TC_ASSERT(bt.payload != nullptr);
    const Json& documents = bt.payload->documents;
    std::optional<std::string> key = index.primary_key;
    if (!key) key = bt.payload->primary_key;
    if (!key) {
        auto inferred = infer_primary_key(documents);
        if (!inferred.ok()) return failed(task, inferred.error());
        key = inferred.value();
    }
    const std::vector<std::string> fields = payload_fields(documents);
    std::vector<std::string> ids;
    for (const Json& document : documents) {
        auto id = document_id(document, *key, fields);
        if (!id.ok()) return failed(task, id.error());
        ids.push_back(id.value());
    }
    index.primary_key = key;
    index.document_ids.insert(ids.begin(), ids.end());
    auto details = std::get<DocumentAdditionDetails>(task.details);
    details.indexed_documents = documents.size();
    return succeeded(task, details);
}

// v1.1 batch.rs: a document batch's `primaryKey` (all its additions share it) is set on an index
// without one before indexing, and fails the whole batch if the index has another.
Result<bool, ApiError> apply_batch_primary_key(const std::vector<BatchTask>& tasks,
                                               IndexState& index) {
    for (const BatchTask& bt : tasks) {
        if (bt.task->kind != Kind::document_addition_or_update || !bt.payload->primary_key)
            continue;
        const std::string& key = *bt.payload->primary_key;
        if (index.primary_key && *index.primary_key != key)
            return Err(primary_key_already_exists(*index.primary_key));
        index.primary_key = key;
        return true;
    }
    return false;
}

std::uint64_t delete_ids(const std::vector<std::string>& ids, IndexState& index) {
    std::uint64_t deleted = 0;
    for (const std::string& id : ids)
        deleted += index.document_ids.erase(id);
    return deleted;
}

bool is_clear(const Task& task) {
    return std::holds_alternative<ClearAllDetails>(task.details);
}

// A batch's settings tasks go to one milli builder, in order, before its documents (B
// `IndexOperation::Settings*`); the builder's error fails the whole batch. Only the typo sizes
// are kept (typo_sizes.hpp): no other setting changes an outcome.
Result<bool, ApiError> apply_settings(const std::vector<BatchTask>& tasks, IndexState& index) {
    std::vector<const Json*> settings;
    for (const BatchTask& bt : tasks)
        if (bt.task->kind == Kind::settings_update)
            settings.push_back(std::get<SettingsDetails>(bt.task->details).settings.get());
    if (settings.empty()) return false;
    auto sizes = apply_typo_settings(settings, index.typo_sizes);
    if (!sizes.ok()) return Err(sizes.error());
    index.typo_sizes = sizes.value();
    return true;
}

// DocumentOperation, Settings and their combinations: settings first, then documents in order.
std::vector<TaskOutcome> run_documents_and_settings(const std::vector<BatchTask>& tasks,
                                                    IndexState& index) {
    std::vector<TaskOutcome> out;
    for (const BatchTask& bt : tasks)
        if (bt.task->kind == Kind::settings_update)
            out.push_back(succeeded(*bt.task, bt.task->details));
    for (const BatchTask& bt : tasks) {
        const Task& task = *bt.task;
        if (task.kind == Kind::document_addition_or_update) {
            out.push_back(add_documents(bt, index));
        } else if (task.kind == Kind::document_deletion) {
            auto details = std::get<DocumentDeletionDetails>(task.details);
            details.deleted_documents = delete_ids(bt.payload->document_ids, index);
            out.push_back(succeeded(task, details));
        }
    }
    return out;
}

// A deletion batch reports, per task, the batch's total capped at the task's own ids
// (B: `deleted_documents.min(documents.len())`).
std::vector<TaskOutcome> run_deletions(const std::vector<BatchTask>& tasks, IndexState& index) {
    std::uint64_t total = 0;
    for (const BatchTask& bt : tasks)
        total += delete_ids(bt.payload->document_ids, index);
    std::vector<TaskOutcome> out;
    for (const BatchTask& bt : tasks) {
        auto details = std::get<DocumentDeletionDetails>(bt.task->details);
        details.deleted_documents = std::min<std::uint64_t>(total, details.provided_ids);
        out.push_back(succeeded(*bt.task, details));
    }
    return out;
}

// The first clear deletes everything; later clears report 0 and the other tasks report their
// finished defaults (B `IndexOperation::DocumentClear`). Settings still apply.
std::vector<TaskOutcome> run_clear(const std::vector<BatchTask>& tasks, IndexState& index) {
    const std::uint64_t count = index.document_ids.size();
    index.document_ids.clear();
    bool first_clear_found = false;
    std::vector<TaskOutcome> out;
    for (const BatchTask& bt : tasks) {
        const Task& task = *bt.task;
        if (task.kind == Kind::settings_update) {
            out.push_back(succeeded(task, task.details));
        } else if (is_clear(task)) {
            out.push_back(succeeded(task, ClearAllDetails{first_clear_found ? 0 : count}));
            first_clear_found = true;
        } else {
            out.push_back(succeeded(task, default_finished(task.details)));
        }
    }
    return out;
}

Result<std::vector<TaskOutcome>, ApiError> run_index_deletion(const Autobatch& batch,
                                                              const std::string& uid,
                                                              const std::vector<BatchTask>& tasks,
                                                              IndexStore& indexes) {
    if (!indexes.exists(uid) && !batch.must_create_index) return Err(index_not_found(uid));
    const std::uint64_t count = indexes.exists(uid) ? indexes.remove(uid) : 0;
    std::vector<TaskOutcome> out;
    for (const BatchTask& bt : tasks) {
        const Task& task = *bt.task;
        out.push_back(task.kind == Kind::index_deletion
                          ? succeeded(task, ClearAllDetails{count})
                          : succeeded(task, default_finished(task.details)));
    }
    return out;
}

std::optional<std::string> requested_key(const Task& task) {
    const auto& info = std::get<IndexInfoDetails>(task.details);
    if (!info.primary_key) return std::nullopt;
    return *info.primary_key;
}

Result<std::vector<TaskOutcome>, ApiError> run_index_info(const Autobatch& batch,
                                                          const std::string& uid, const Task& task,
                                                          IndexStore& indexes) {
    const std::optional<std::string> key = requested_key(task);
    if (batch.kind == BatchKind::index_creation) {
        if (indexes.exists(uid)) return Err(index_already_exists(uid));
        indexes.create(uid, key);
        return std::vector<TaskOutcome>{succeeded(task, task.details)};
    }
    IndexState* index = indexes.find(uid);
    if (index == nullptr) return Err(index_not_found(uid));
    if (key) {
        // milli Settings::update_primary_key refuses any change, even to the same key, once the
        // index holds documents.
        if (!index->document_ids.empty())
            return Err(primary_key_already_exists(index->primary_key.value_or("")));
        index->primary_key = key;
    }
    return std::vector<TaskOutcome>{succeeded(task, task.details)};
}

}  // namespace

ApiError index_not_found(const std::string& index_uid) {
    return ApiError{404, "Index `" + index_uid + "` not found.", "index_not_found",
                    "invalid_request"};
}

ApiError indexes_not_found(const std::vector<std::string>& sorted_uids) {
    std::string list;
    for (const std::string& uid : sorted_uids)
        list += (list.empty() ? "`" : ", `") + uid + "`";
    return ApiError{404, "Indexes " + list + " not found.", "index_not_found", "invalid_request"};
}

ApiError index_already_exists(const std::string& index_uid) {
    return ApiError{409, "Index `" + index_uid + "` already exists.", "index_already_exists",
                    "invalid_request"};
}

Result<std::vector<TaskOutcome>, ApiError> run_index_batch(const Autobatch& batch,
                                                           const std::string& index_uid,
                                                           const std::vector<BatchTask>& tasks,
                                                           IndexStore& indexes) {
    TC_ASSERT(!tasks.empty());
    switch (batch.kind) {
        case BatchKind::index_creation:
        case BatchKind::index_update:
            return run_index_info(batch, index_uid, *tasks[0].task, indexes);
        case BatchKind::index_deletion:
            return run_index_deletion(batch, index_uid, tasks, indexes);
        case BatchKind::index_swap:
            TC_ASSERT(false);
        default:
            break;
    }
    if (!indexes.exists(index_uid)) {
        if (!batch.must_create_index) return Err(index_not_found(index_uid));
        indexes.create(index_uid, std::nullopt);
    }
    IndexState& index = *indexes.find(index_uid);
    if (auto applied = apply_settings(tasks, index); !applied.ok()) return Err(applied.error());
    switch (batch.kind) {
        case BatchKind::document_clear:
        case BatchKind::clear_and_settings:
            return run_clear(tasks, index);
        case BatchKind::document_deletion:
            return run_deletions(tasks, index);
        default:
            break;
    }
    if (auto set = apply_batch_primary_key(tasks, index); !set.ok()) return Err(set.error());
    return run_documents_and_settings(tasks, index);
}

}  // namespace taskcheck::meili
