#include "model/es/results_store.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::es {

void ResultsStore::store(TaskInfo task, TaskOutcome outcome) {
    TC_ASSERT_NE(outcome.response.has_value(), outcome.error.has_value());
    TC_ASSERT(task.id.is_set());
    index_exists_ = true;
    TaskId id = task.id;
    results_.insert_or_assign(std::move(id), StoredResult{std::move(task), std::move(outcome)});
}

const StoredResult* ResultsStore::find(const TaskId& id) const {
    auto it = results_.find(id);
    return it == results_.end() ? nullptr : &it->second;
}

nlohmann::ordered_json to_json(const StoredResult& result, TaskInfoFormat format) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["completed"] = true;
    // The document never holds "cancelled"; TaskInfo's parser defaults it to false.
    TaskInfo shown = result.task;
    shown.cancelled = false;
    out["task"] = to_json(shown, format);
    if (result.outcome.error.has_value()) out["error"] = to_throwable_json(*result.outcome.error);
    if (result.outcome.response.has_value()) out["response"] = *result.outcome.response;
    return out;
}

}  // namespace taskcheck::es
