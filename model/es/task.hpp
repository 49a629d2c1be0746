#pragma once
// Task: one task registered on an Elasticsearch node, and what a request asks to register
// (Task.java, TaskManager.register; spec/elasticsearch.md §3.1, §4.1).
// Deterministic: plain values.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/common/time.hpp"
#include "model/es/task_id.hpp"

namespace taskcheck::es {

// Task.getType / channel type: REST-started and remote children "transport", children run on the
// local node "direct", persistent executor tasks "persistent".
enum class TaskType { transport, direct, persistent };
std::string_view to_string(TaskType type);

// Task headers (Task.HEADERS_TO_COPY) by name; rendered in this (byte-sorted) order.
// Immutable once built, and shared by a task, its children and every snapshot taken of it:
// copying is a reference-count increment (a 10,000-task listing copies every task's headers).
// Deterministic: the shared pointer never reaches output; equality compares the entries.
class TaskHeaders {
  public:
    using Map = std::map<std::string, std::string>;

    TaskHeaders() = default;
    TaskHeaders(Map entries);  // NOLINT(google-explicit-constructor): built maps convert
    TaskHeaders(std::initializer_list<Map::value_type> entries) : TaskHeaders(Map(entries)) {}

    const Map& entries() const { return map_ ? *map_ : empty_map(); }
    Map::const_iterator begin() const { return entries().begin(); }
    Map::const_iterator end() const { return entries().end(); }
    Map::const_iterator find(const std::string& name) const { return entries().find(name); }
    const std::string& at(const std::string& name) const { return entries().at(name); }
    std::size_t size() const { return entries().size(); }
    bool empty() const { return entries().empty(); }
    bool operator==(const TaskHeaders& other) const { return entries() == other.entries(); }

  private:
    static const Map& empty_map();
    std::shared_ptr<const Map> map_;  // null when empty
};

template <typename BasicJson>
void to_json(BasicJson& json, const TaskHeaders& headers) {
    json = headers.entries();
}
template <typename BasicJson>
void from_json(const BasicJson& json, TaskHeaders& headers) {
    headers = TaskHeaders(json.template get<TaskHeaders::Map>());
}

// What a request asks to register. Headers must come from copy_task_headers()
// (task_headers.hpp), which enforces the 16kb limit; children pass their parent's headers.
struct TaskRegistration {
    TaskType type = TaskType::transport;
    std::string action;                            // e.g. "indices:data/write/reindex"
    std::string description;                       // shown with detailed=true; "" for most tasks
    std::optional<nlohmann::ordered_json> status;  // detailed status object, if the task has one
    TaskId parent;                                 // unset for top-level tasks
    bool cancellable = false;
    TaskHeaders headers;
    bool store_result = false;  // REST wait_for_completion=false: result goes to `.tasks`
};

struct Task {
    std::int64_t id = 0;
    TaskType type = TaskType::transport;
    std::string action;
    std::string description;
    std::optional<nlohmann::ordered_json> status;
    TaskId parent;
    Nanos start_time = 0;  // epoch nanoseconds; start_time_in_millis = start_time / 1e6
    bool cancellable = false;
    bool cancelled = false;
    std::string cancel_reason;  // set iff cancelled
    TaskHeaders headers;
    bool store_result = false;
};

}  // namespace taskcheck::es
