#pragma once
// TaskInfo: the snapshot of one task that list, get, cancel and `.tasks` show
// (TaskInfo.java; spec/elasticsearch.md §3.1). Field order is ES's, exactly:
//   node, id, type, action, [status], [description], [start_time], start_time_in_millis,
//   [running_time], running_time_in_nanos, cancellable, [cancelled], [parent_task_id], headers
// status/description only when taken with detailed=true (description may be ""); the human
// strings only with ?human=true; cancelled only for cancellable tasks and not in stored docs;
// headers always ({} if none).
// Deterministic: running time is `now - start`, never a clock reading.

#include <optional>
#include <string>

#include "model/common/time.hpp"
#include "model/es/json_text.hpp"
#include "model/es/task_id.hpp"
#include "model/es/task_manager.hpp"

namespace taskcheck::es {

struct TaskInfo {
    TaskId id;
    TaskType type = TaskType::transport;
    std::string action;
    std::optional<nlohmann::ordered_json> status;  // set only for detailed snapshots
    std::optional<std::string> description;        // set only for detailed snapshots
    Nanos start_time = 0;
    Nanos running_time = 0;
    bool cancellable = false;
    bool cancelled = false;
    TaskId parent;
    TaskHeaders headers;
};

// Snapshot of `task` registered on `node` at `now`. Requires: now >= task.start_time.
TaskInfo task_info(const Task& task, const NodeId& node, bool detailed, Nanos now);

struct TaskInfoFormat {
    bool human = false;             // ?human=true adds start_time and running_time text
    bool include_cancelled = true;  // false when writing the `.tasks` document
};

// Appends the TaskInfo fields (no enclosing braces: callers add "children" etc. after them).
void write_task_info_fields(JsonText& json, const TaskInfo& info, TaskInfoFormat format);

// {TaskInfo fields} as a value.
nlohmann::ordered_json to_json(const TaskInfo& info, TaskInfoFormat format);

}  // namespace taskcheck::es
