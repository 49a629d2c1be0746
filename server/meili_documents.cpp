#include "server/meili_documents.hpp"

#include "model/common/assert.hpp"
#include "model/meili/document_ids.hpp"

namespace taskcheck::server {
namespace {

using Json = nlohmann::ordered_json;
using namespace taskcheck::meili;

// The index uids a finished task wrote to (both sides of every swap).
std::vector<std::string> task_indexes(const TaskQueue& queue, const Task& task) {
    if (task.kind == Kind::index_swap) {
        std::vector<std::string> out;
        for (const auto& [lhs, rhs] : *std::get<IndexSwapDetails>(task.details).swaps) {
            out.push_back(lhs);
            out.push_back(rhs);
        }
        return out;
    }
    if (task.index == kNoIndex) return {};
    return {queue.tasks().index_name(task.index)};
}

bool is_clear(const Task& task) {
    return std::holds_alternative<ClearAllDetails>(task.details);
}

}  // namespace

std::optional<std::string> meili_document_id(const Json& document, const std::string& primary_key) {
    auto id = document_id(document, primary_key, {});
    if (!id.ok()) return std::nullopt;
    return id.value();
}

void MeiliDocuments::remember(TaskUid uid, const TaskRequest& request) {
    if (const auto* add = std::get_if<AddDocuments>(&request)) {
        pending_[uid] = Pending{add->documents, add->method, {}};
    } else if (const auto* del = std::get_if<DeleteDocuments>(&request)) {
        pending_[uid] = Pending{Json(), DocumentMethod::replace, del->document_ids};
    }
}

const MeiliIndexRecord* MeiliDocuments::find(const std::string& index_uid) const {
    auto it = indexes_.find(index_uid);
    return it == indexes_.end() ? nullptr : &it->second;
}

void MeiliDocuments::record_batch(const TaskQueue& queue, const std::vector<TaskUid>& batch,
                                  Nanos now) {
    std::vector<std::string> touched;
    bool canceled_some = false;
    for (TaskUid uid : batch) {
        const Task* task = queue.tasks().find(uid);
        TC_ASSERT(task != nullptr);  // a batch's tasks are unfinished, so never deleted
        if (task->kind == Kind::task_cancelation) canceled_some = true;
        if (task->status == Status::succeeded) apply_task(queue, *task, now, touched);
        for (const std::string& index : task_indexes(queue, *task))
            touched.push_back(index);
        // An aborted batch leaves its tasks enqueued; they run again and still need this.
        if (task->status != Status::enqueued) pending_.erase(uid);
    }
    for (const std::string& index : touched)
        sync_with_model(queue, index, now);
    if (canceled_some) forget_finished(queue);
}

void MeiliDocuments::apply_task(const TaskQueue& queue, const Task& task, Nanos now,
                                std::vector<std::string>& touched) {
    if (task.kind == Kind::index_swap) {
        for (const auto& [lhs, rhs] : *std::get<IndexSwapDetails>(task.details).swaps) {
            std::swap(indexes_[lhs], indexes_[rhs]);
            indexes_[lhs].updated_at = now;
            indexes_[rhs].updated_at = now;
        }
        return;
    }
    if (task.index == kNoIndex) return;
    const std::string& uid = queue.tasks().index_name(task.index);
    touched.push_back(uid);
    if (task.kind == Kind::index_deletion) {
        indexes_.erase(uid);
        return;
    }
    const IndexState* model_index = queue.indexes().find(uid);
    if (model_index == nullptr) return;  // absorbed by a later index deletion in the batch
    auto [it, created] = indexes_.try_emplace(uid);
    MeiliIndexRecord& index = it->second;
    if (created) index.created_at = now;
    index.updated_at = now;
    auto pending = pending_.find(task.uid);
    if (task.kind == Kind::document_addition_or_update) {
        const auto& details = std::get<DocumentAdditionDetails>(task.details);
        // An addition absorbed by a clear "succeeds" with indexedDocuments 0 (spec §2.1).
        if (details.indexed_documents.value_or(0) == 0 || pending == pending_.end()) return;
        TC_ASSERT(model_index->primary_key.has_value());
        add_documents(index, *model_index->primary_key, pending->second);
    } else if (task.kind == Kind::document_deletion && is_clear(task)) {
        if (std::get<ClearAllDetails>(task.details).deleted_documents.has_value()) {
            index.position_of.clear();
            index.by_position.clear();
        }
    } else if (task.kind == Kind::document_deletion && pending != pending_.end()) {
        for (const std::string& id : pending->second.document_ids) {
            auto found = index.position_of.find(id);
            if (found == index.position_of.end()) continue;
            index.by_position.erase(found->second);
            index.position_of.erase(found);
        }
    }
}

void MeiliDocuments::add_documents(MeiliIndexRecord& index, const std::string& primary_key,
                                   const Pending& pending) {
    for (const Json& document : pending.documents) {
        const std::optional<std::string> id = meili_document_id(document, primary_key);
        TC_ASSERT(id.has_value());
        auto found = index.position_of.find(*id);
        if (found == index.position_of.end()) {
            index.position_of.emplace(*id, index.next_position);
            index.by_position.emplace(index.next_position++, document);
            continue;
        }
        Json& body = index.by_position.at(found->second);
        if (pending.method == DocumentMethod::replace) {
            body = document;
        } else {
            for (const auto& [key, value] : document.items())
                body[key] = value;
        }
    }
}

void MeiliDocuments::sync_with_model(const TaskQueue& queue, const std::string& index_uid,
                                     Nanos now) {
    const IndexState* model_index = queue.indexes().find(index_uid);
    if (model_index == nullptr) {
        indexes_.erase(index_uid);
        return;
    }
    auto [it, created] = indexes_.try_emplace(index_uid);
    if (created) {
        it->second.created_at = now;
        it->second.updated_at = now;
    }
    TC_ASSERT_EQ(it->second.position_of.size(), model_index->document_ids.size());
    TC_ASSERT_EQ(it->second.by_position.size(), model_index->document_ids.size());
}

// A cancelation finished tasks that never ran: their payloads are no longer needed.
void MeiliDocuments::forget_finished(const TaskQueue& queue) {
    std::erase_if(pending_, [&](const auto& entry) {
        const Task* task = queue.tasks().find(entry.first);
        return task == nullptr || task->status != Status::enqueued;
    });
}

}  // namespace taskcheck::server
