#include "model/es/task_info.hpp"

#include "model/common/assert.hpp"
#include "model/es/time_value.hpp"

namespace taskcheck::es {

TaskInfo task_info(const Task& task, const NodeId& node, bool detailed, Nanos now) {
    TC_ASSERT_GE(now, task.start_time);
    TaskInfo info;
    info.id = TaskId{node, task.id};
    info.type = task.type;
    info.action = task.action;
    if (detailed) {
        info.status = task.status;
        info.description = task.description;
    }
    info.start_time = task.start_time;
    info.running_time = now - task.start_time;
    info.cancellable = task.cancellable;
    info.cancelled = task.cancelled;
    info.parent = task.parent;
    info.headers = task.headers;
    return info;
}

namespace {

// Epoch milliseconds, floored (Java's currentTimeMillis granularity).
std::int64_t epoch_millis(Nanos instant) {
    std::int64_t millis = instant / kNanosPerMilli;
    if (instant % kNanosPerMilli < 0) --millis;
    return millis;
}

}  // namespace

void write_task_info_fields(JsonText& json, const TaskInfo& info, TaskInfoFormat format) {
    json.field("node", info.id.node);
    json.field("id", info.id.number);
    json.field("type", to_string(info.type));
    json.field("action", info.action);
    if (info.status.has_value()) json.field("status", *info.status);
    if (info.description.has_value()) json.field("description", *info.description);
    const std::int64_t start_millis = epoch_millis(info.start_time);
    if (format.human) json.field("start_time", format_iso_millis(start_millis * kNanosPerMilli));
    json.field("start_time_in_millis", start_millis);
    if (format.human) json.field("running_time", format_time_value(info.running_time));
    json.field("running_time_in_nanos", info.running_time);
    json.field("cancellable", info.cancellable);
    if (format.include_cancelled && info.cancellable) json.field("cancelled", info.cancelled);
    if (info.parent.is_set()) {
        json.key("parent_task_id");
        json.task_id_value(info.parent.node, info.parent.number);
    }
    json.key("headers");
    json.begin_object();
    for (const auto& [name, value] : info.headers)
        json.field(name, value);
    json.end_object();
}

nlohmann::ordered_json to_json(const TaskInfo& info, TaskInfoFormat format) {
    JsonText json;
    json.begin_object();
    write_task_info_fields(json, info, format);
    json.end_object();
    return nlohmann::ordered_json::parse(json.out());
}

}  // namespace taskcheck::es
