#pragma once
// TaskRoute: the three `/tasks` routes that take a filter query string (spec/meilisearch.md §1),
// and the query parameters each accepts, in the order v1.1.1 lists them in its "Unknown
// parameter" error: the field order of `TasksFilterQuery` (GET) and
// `TaskDeletionOrCancelationQuery` (cancel/delete) in meilisearch/src/routes/tasks.rs (§1.2).
// Deterministic: constant tables only.

#include <array>
#include <span>
#include <string_view>

namespace taskcheck::meili {

enum class TaskRoute {
    list,     // GET /tasks
    cancel,   // POST /tasks/cancel
    delete_,  // DELETE /tasks
};

// "GET /tasks", "POST /tasks/cancel", "DELETE /tasks": for messages and test names.
constexpr std::string_view route_name(TaskRoute route) {
    switch (route) {
        case TaskRoute::list:
            return "GET /tasks";
        case TaskRoute::cancel:
            return "POST /tasks/cancel";
        case TaskRoute::delete_:
            return "DELETE /tasks";
    }
    return "?";
}

// GET /tasks parameters in field order; cancel/delete accept the same without the first two.
inline constexpr std::array<std::string_view, 13> kListParameters = {
    "limit",
    "from",
    "uids",
    "canceledBy",
    "types",
    "statuses",
    "indexUids",
    "afterEnqueuedAt",
    "beforeEnqueuedAt",
    "afterStartedAt",
    "beforeStartedAt",
    "afterFinishedAt",
    "beforeFinishedAt",
};

// The accepted parameter names of `route`, in struct field order: GET has `limit`, `from`, then
// the 11 filters; cancel and delete have only the 11 filters.
constexpr std::span<const std::string_view> route_parameters(TaskRoute route) {
    std::span<const std::string_view> all(kListParameters);
    return route == TaskRoute::list ? all : all.subspan(2);
}

}  // namespace taskcheck::meili
