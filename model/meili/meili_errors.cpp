#include "model/meili/meili_errors.hpp"

#include "model/common/assert.hpp"
#include "model/meili/did_you_mean.hpp"

namespace taskcheck::meili {
namespace {

constexpr std::string_view kInvalidRequest = "invalid_request";

// "`a`, `b`, `c`": the list form every v1.1 message uses.
std::string backquoted_list(std::span<const std::string_view> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i != 0) out += ", ";
        out += "`" + std::string(names[i]) + "`";
    }
    return out;
}

std::string quoted(std::string_view text) {
    return "`" + std::string(text) + "`";
}

ApiError make(int http_status, std::string message, std::string_view code, std::string_view type) {
    return ApiError{http_status, std::move(message), std::string(code), std::string(type)};
}

}  // namespace

ApiError invalid_parameter_value(std::string_view code, std::string_view location,
                                 std::string_view inner) {
    return make(400, "Invalid value in parameter " + quoted(location) + ": " + std::string(inner),
                code, kInvalidRequest);
}

std::string positive_integer_problem(std::string_view text) {
    return "could not parse " + quoted(text) + " as a positive integer";
}

std::string task_status_problem(std::string_view text) {
    return quoted(text) +
           " is not a valid task status. Available statuses are `enqueued`, `processing`, "
           "`succeeded`, `failed`, `canceled`.";
}

std::string task_type_problem(std::string_view text) {
    return quoted(text) +
           " is not a valid task type. Available types are `documentAdditionOrUpdate`, "
           "`documentDeletion`, `settingsUpdate`, `indexCreation`, `indexDeletion`, "
           "`indexUpdate`, `indexSwap`, `taskCancelation`, `taskDeletion`, `dumpCreation`, "
           "`snapshotCreation`.";
}

std::string index_uid_problem(std::string_view text) {
    return quoted(text) +
           " is not a valid index uid. Index uid can be an integer or a string containing only "
           "alphanumeric characters, hyphens (-) and underscores (_).";
}

std::string date_problem(std::string_view text) {
    return quoted(text) +
           " is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time "
           "format.";
}

ApiError unknown_parameter(std::string_view key, std::span<const std::string_view> accepted) {
    return make(400,
                "Unknown parameter " + quoted(key) + ": " + did_you_mean(accepted, key) +
                    "expected one of " + backquoted_list(accepted),
                "bad_request", kInvalidRequest);
}

ApiError missing_task_filters(TaskRoute route) {
    TC_ASSERT(route != TaskRoute::list);
    std::string_view verb = route == TaskRoute::cancel ? "cancel" : "delete";
    return make(400,
                "Query parameters to filter the tasks to " + std::string(verb) +
                    " are missing. Available query parameters are: `uids`, `indexUids`, "
                    "`statuses`, `types`, `canceledBy`, `beforeEnqueuedAt`, `afterEnqueuedAt`, "
                    "`beforeStartedAt`, `afterStartedAt`, `beforeFinishedAt`, `afterFinishedAt`.",
                "missing_task_filters", kInvalidRequest);
}

ApiError invalid_task_uid_path(std::string_view text) {
    return make(
        400, "Task uid " + quoted(text) + " is invalid. It should only contain numeric characters.",
        "invalid_task_uids", kInvalidRequest);
}

ApiError task_not_found(TaskUid uid) {
    return make(404, "Task `" + std::to_string(uid) + "` not found.", "task_not_found",
                kInvalidRequest);
}

ApiError no_space_left_on_device() {
    return make(422,
                "Meilisearch cannot receive write operations because the limit of the task "
                "database has been reached. Please delete tasks to continue performing write "
                "operations.",
                "no_space_left_on_device", "system");
}

ApiError missing_authorization_header() {
    return make(401,
                "The Authorization header is missing. It must use the bearer authorization "
                "method.",
                "missing_authorization_header", "auth");
}

ApiError invalid_api_key() {
    return make(403, "The provided API key is invalid.", "invalid_api_key", "auth");
}

}  // namespace taskcheck::meili
