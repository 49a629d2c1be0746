#include "model/meili/task_view.hpp"

#include <array>
#include <string_view>

#include "model/common/assert.hpp"

namespace taskcheck::meili {
namespace {

using Json = nlohmann::ordered_json;

// Field order of v1.1 `Settings<Unchecked>`; a settings update is flattened in this order.
constexpr std::array<std::string_view, 11> kSettingsOrder = {
    "displayedAttributes",
    "searchableAttributes",
    "filterableAttributes",
    "sortableAttributes",
    "rankingRules",
    "stopWords",
    "synonyms",
    "distinctAttribute",
    "typoTolerance",
    "faceting",
    "pagination",
};

Json count_json(const Count& count) {
    return count ? Json(*count) : Json(nullptr);
}

Json string_json(const std::shared_ptr<const std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

Json settings_json(const Json& settings) {
    Json out = Json::object();
    for (std::string_view key : kSettingsOrder) {
        auto it = settings.find(std::string(key));
        if (it != settings.end()) out[std::string(key)] = *it;
    }
    // Keys outside the v1.1 settings struct are rejected by the real route; a caller that sends
    // them anyway sees them echoed after the known ones, in its own order.
    for (const auto& [key, value] : settings.items())
        if (!out.contains(key)) out[key] = value;
    return out;
}

Json swaps_json(const std::vector<std::pair<std::string, std::string>>& swaps) {
    Json out = Json::array();
    for (const auto& [lhs, rhs] : swaps)
        out.push_back(Json{{"indexes", Json::array({lhs, rhs})}});
    return out;
}

struct DetailsJson {
    Json& out;
    void operator()(const std::monostate&) const { TC_ASSERT(false); }
    void operator()(const DocumentAdditionDetails& d) const {
        out["receivedDocuments"] = d.received_documents;
        out["indexedDocuments"] = count_json(d.indexed_documents);
    }
    void operator()(const DocumentDeletionDetails& d) const {
        out["providedIds"] = d.provided_ids;
        out["deletedDocuments"] = count_json(d.deleted_documents);
    }
    void operator()(const ClearAllDetails& d) const {
        out["deletedDocuments"] = count_json(d.deleted_documents);
    }
    void operator()(const SettingsDetails& d) const {
        TC_ASSERT(d.settings != nullptr);
        out = settings_json(*d.settings);
    }
    void operator()(const IndexInfoDetails& d) const {
        out["primaryKey"] = string_json(d.primary_key);
    }
    void operator()(const IndexSwapDetails& d) const { out["swaps"] = swaps_json(*d.swaps); }
    void operator()(const TaskCancelationDetails& d) const {
        out["matchedTasks"] = d.matched_tasks;
        out["canceledTasks"] = count_json(d.canceled_tasks);
        out["originalFilter"] = string_json(d.original_filter);
    }
    void operator()(const TaskDeletionDetails& d) const {
        out["matchedTasks"] = d.matched_tasks;
        out["deletedTasks"] = count_json(d.deleted_tasks);
        out["originalFilter"] = string_json(d.original_filter);
    }
    void operator()(const DumpDetails& d) const { out["dumpUid"] = string_json(d.dump_uid); }
};

Json date_json(Nanos instant) {
    return instant == kNoTime ? Json(nullptr) : Json(format_rfc3339(instant));
}

Json index_json(const std::string* index_uid) {
    return index_uid ? Json(*index_uid) : Json(nullptr);
}

}  // namespace

Json details_view(const Details& details) {
    Json out = Json::object();
    std::visit(DetailsJson{out}, details);
    return out;
}

Json full_view(const Task& task, const std::string* index_uid,
               std::optional<ProcessingOverlay> processing) {
    TC_ASSERT_NE(task.status, Status::processing);
    const Status status = processing ? Status::processing : task.status;
    const Nanos started_at = processing ? processing->started_at : task.started_at;
    Json out;
    out["uid"] = task.uid;
    out["indexUid"] = index_json(index_uid);
    out["status"] = status_name(status);
    out["type"] = kind_name(task.kind);
    out["canceledBy"] = task.canceled_by == kNoTask ? Json(nullptr) : Json(task.canceled_by);
    if (!std::holds_alternative<std::monostate>(task.details))
        out["details"] = details_view(task.details);
    out["error"] = task.error ? to_json(*task.error) : Json(nullptr);
    std::optional<std::string> duration;
    if (started_at != kNoTime && task.finished_at != kNoTime && !processing)
        duration = format_meili_duration(task.finished_at - started_at);
    out["duration"] = duration ? Json(*duration) : Json(nullptr);
    out["enqueuedAt"] = date_json(task.enqueued_at);
    out["startedAt"] = date_json(started_at);
    out["finishedAt"] = processing ? Json(nullptr) : date_json(task.finished_at);
    return out;
}

Json summarized_view(const Task& task, const std::string* index_uid) {
    Json out;
    out["taskUid"] = task.uid;
    out["indexUid"] = index_json(index_uid);
    out["status"] = status_name(Status::enqueued);
    out["type"] = kind_name(task.kind);
    out["enqueuedAt"] = date_json(task.enqueued_at);
    return out;
}

}  // namespace taskcheck::meili
