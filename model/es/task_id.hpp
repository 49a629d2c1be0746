#pragma once
// TaskId: "<node id>:<task number>", the name of one task in an Elasticsearch cluster
// (TaskId.java, spec/elasticsearch.md §3.4, §7.1).
// Invariant: an id is set iff number != -1; an unset id has an empty node and renders "unset".
// Parsing follows TaskId(String): "" and "unset" mean the unset id; otherwise the text is split at
// the first ':' and the rest must be a Java long. "node:-1" therefore parses to the *unset* id, and
// "-1" (the documented "return all" value) is rejected as malformed (§7.1).
// Deterministic: pure values and functions.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/es/discovery_node.hpp"
#include "model/es/es_error.hpp"

namespace taskcheck::es {

struct TaskId {
    NodeId node;
    std::int64_t number = -1;

    static TaskId unset() { return TaskId{}; }
    bool is_set() const { return number != -1; }

    // "<node>:<number>", or "unset" when !is_set().
    std::string to_string() const;

    auto operator<=>(const TaskId&) const = default;
};

// Parses a task id as the REST layer does. Rejects, as 400 illegal_argument_exception:
//   - text without ':'                    -> "malformed task id <text>"
//   - a number part that is not a long    -> same reason, caused_by number_format_exception
//                                            "For input string: \"<number part>\""
Result<TaskId, EsError> parse_task_id(std::string_view text);

}  // namespace taskcheck::es
