#pragma once
// The errors Meilisearch v1.1.1 answers on the `/tasks` routes, one factory per row of
// spec/meilisearch.md §1.2, with the exact status, code, type and message. Each returns an
// ApiError value (a model output, STYLE.md §5a); none throws.
// Deterministic: pure functions of their arguments.

#include <span>
#include <string>
#include <string_view>

#include "model/meili/api_error.hpp"
#include "model/meili/task_kind.hpp"
#include "model/meili/task_route.hpp"

namespace taskcheck::meili {

// ---- 400 invalid_request, a bad query parameter value ----------------------------------------
// "Invalid value in parameter `<location>`: <inner>" with `code`, e.g. location "uids[1]" and
// code "invalid_task_uids". `inner` is one of the *_problem texts below.
ApiError invalid_parameter_value(std::string_view code, std::string_view location,
                                 std::string_view inner);

// "could not parse `X` as a positive integer" (also for `-1`, overflow and `*`).
std::string positive_integer_problem(std::string_view text);
// "`X` is not a valid task status. Available statuses are `enqueued`, ... `canceled`."
std::string task_status_problem(std::string_view text);
// "`X` is not a valid task type. Available types are `documentAdditionOrUpdate`, ... ."
std::string task_type_problem(std::string_view text);
// "`X` is not a valid index uid. Index uid can be an integer or a string containing only
// alphanumeric characters, hyphens (-) and underscores (_)." (the v1.1 text, spec §1.2)
std::string index_uid_problem(std::string_view text);
// "`X` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format."
std::string date_problem(std::string_view text);

// ---- 400 bad_request, an unknown parameter -----------------------------------------------------
// "Unknown parameter `K`: [did you mean `S`? ]expected one of `a`, `b`, ..." (no final period),
// where `accepted` is listed in the given order and the suggestion follows deserr's rule
// (did_you_mean.hpp).
ApiError unknown_parameter(std::string_view key, std::span<const std::string_view> accepted);

// ---- 400 missing_task_filters ------------------------------------------------------------------
// "Query parameters to filter the tasks to cancel are missing. Available query parameters are:
// `uids`, ... `afterFinishedAt`." ("to delete" for TaskRoute::delete_).
// Requires: route is TaskRoute::cancel or TaskRoute::delete_.
ApiError missing_task_filters(TaskRoute route);

// ---- GET /tasks/{uid}
// ---------------------------------------------------------------------------- 400
// invalid_task_uids "Task uid `X` is invalid. It should only contain numeric characters."
ApiError invalid_task_uid_path(std::string_view text);
// 404 task_not_found "Task `N` not found."
ApiError task_not_found(TaskUid uid);

// ---- queue and authentication
// -------------------------------------------------------------------- 422 no_space_left_on_device,
// type `system`: the task database limit was reached.
ApiError no_space_left_on_device();
// 401 missing_authorization_header, type `auth`.
ApiError missing_authorization_header();
// 403 invalid_api_key, type `auth`.
ApiError invalid_api_key();

}  // namespace taskcheck::meili
