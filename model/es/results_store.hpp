#pragma once
// ResultsStore: the `.tasks` system index, where tasks started with wait_for_completion=false
// keep their outcome (TaskResultsService, TaskResult; spec/elasticsearch.md §3.3, §4.3).
// Invariants: the index exists iff at least one result was ever stored (ES creates it on the
// first write); one document per task id "<node>:<number>" — a restarted node reuses numbers,
// so a later result overwrites an earlier one, as in ES.
// Deterministic: documents are kept by task id; no clock.

#include <map>
#include <optional>

#include "model/es/es_error.hpp"
#include "model/es/task_info.hpp"

namespace taskcheck::es {

// What a finished task reports: a response object, or an error (exactly one of them).
struct TaskOutcome {
    std::optional<nlohmann::ordered_json> response;
    std::optional<EsError> error;
};

struct StoredResult {
    TaskInfo task;  // detailed snapshot taken when the task finished
    TaskOutcome outcome;
};

class ResultsStore {
  public:
    // Stores (or overwrites) the result of `task`. Requires: exactly one of response / error.
    void store(TaskInfo task, TaskOutcome outcome);

    bool index_exists() const { return index_exists_; }

    // The stored result for `id`, or null.
    const StoredResult* find(const TaskId& id) const;

    const std::map<TaskId, StoredResult>& results() const { return results_; }

  private:
    bool index_exists_ = false;
    std::map<TaskId, StoredResult> results_;
};

// The GET _tasks/<id> body of a stored result:
//   {"completed": true, "task": {TaskInfo}, ["error": {...}], ["response": {...}]}
// `format.include_cancelled = false` gives the `.tasks` document source itself; GET re-renders
// the parsed document with include_cancelled, so a cancellable task shows "cancelled": false.
nlohmann::ordered_json to_json(const StoredResult& result, TaskInfoFormat format);

}  // namespace taskcheck::es
