// Every error of spec/meilisearch.md §1.2 as the real server renders it: status, then the whole
// {"message","code","type","link"} body.
#include "model/meili/meili_errors.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::meili;

namespace {

std::string body(const ApiError& error) {
    return to_json(error).dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_errors)

BOOST_AUTO_TEST_CASE(task_not_found_is_404) {
    ApiError e = task_not_found(4294967295u);
    BOOST_TEST(e.http_status == 404);
    BOOST_TEST(
        body(e) ==
        R"({"message":"Task `4294967295` not found.","code":"task_not_found",)"
        R"("type":"invalid_request","link":"https://docs.meilisearch.com/errors#task_not_found"})");
}

BOOST_AUTO_TEST_CASE(invalid_task_uid_path_is_400_invalid_task_uids) {
    ApiError e = invalid_task_uid_path("abc");
    BOOST_TEST(e.http_status == 400);
    BOOST_TEST(body(e) ==
               R"({"message":"Task uid `abc` is invalid. It should only contain numeric )"
               R"(characters.","code":"invalid_task_uids","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#invalid_task_uids"})");
}

BOOST_AUTO_TEST_CASE(missing_task_filters_names_the_action) {
    const std::string list =
        "Available query parameters are: `uids`, `indexUids`, `statuses`, `types`, "
        "`canceledBy`, `beforeEnqueuedAt`, `afterEnqueuedAt`, `beforeStartedAt`, "
        "`afterStartedAt`, `beforeFinishedAt`, `afterFinishedAt`.";
    ApiError cancel = missing_task_filters(TaskRoute::cancel);
    ApiError remove = missing_task_filters(TaskRoute::delete_);
    BOOST_TEST(cancel.message ==
               "Query parameters to filter the tasks to cancel are missing. " + list);
    BOOST_TEST(remove.message ==
               "Query parameters to filter the tasks to delete are missing. " + list);
    BOOST_TEST(cancel.http_status == 400);
    BOOST_TEST(cancel.code == "missing_task_filters");
    BOOST_TEST(remove.code == "missing_task_filters");
    BOOST_TEST(cancel.type == "invalid_request");
}

BOOST_AUTO_TEST_CASE(no_space_left_on_device_is_422_system) {
    ApiError e = no_space_left_on_device();
    BOOST_TEST(e.http_status == 422);
    BOOST_TEST(body(e) ==
               R"({"message":"Meilisearch cannot receive write operations because the limit of )"
               R"(the task database has been reached. Please delete tasks to continue performing )"
               R"(write operations.","code":"no_space_left_on_device","type":"system",)"
               R"("link":"https://docs.meilisearch.com/errors#no_space_left_on_device"})");
}

BOOST_AUTO_TEST_CASE(auth_errors_are_401_and_403) {
    ApiError missing = missing_authorization_header();
    BOOST_TEST(missing.http_status == 401);
    BOOST_TEST(body(missing) ==
               R"({"message":"The Authorization header is missing. It must use the bearer )"
               R"(authorization method.","code":"missing_authorization_header","type":"auth",)"
               R"("link":"https://docs.meilisearch.com/errors#missing_authorization_header"})");
    ApiError invalid = invalid_api_key();
    BOOST_TEST(invalid.http_status == 403);
    BOOST_TEST(body(invalid) ==
               R"({"message":"The provided API key is invalid.","code":"invalid_api_key",)"
               R"("type":"auth","link":"https://docs.meilisearch.com/errors#invalid_api_key"})");
}

BOOST_AUTO_TEST_CASE(invalid_parameter_value_wraps_the_problem_with_the_location) {
    ApiError e =
        invalid_parameter_value("invalid_task_uids", "uids[1]", positive_integer_problem("-1"));
    BOOST_TEST(e.http_status == 400);
    BOOST_TEST(body(e) ==
               R"({"message":"Invalid value in parameter `uids[1]`: could not parse `-1` as a )"
               R"(positive integer","code":"invalid_task_uids","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#invalid_task_uids"})");
}

BOOST_AUTO_TEST_CASE(problem_texts_are_the_v1_1_texts) {
    BOOST_TEST(task_status_problem("done") ==
               "`done` is not a valid task status. Available statuses are `enqueued`, "
               "`processing`, `succeeded`, `failed`, `canceled`.");
    BOOST_TEST(task_type_problem("x") ==
               "`x` is not a valid task type. Available types are `documentAdditionOrUpdate`, "
               "`documentDeletion`, `settingsUpdate`, `indexCreation`, `indexDeletion`, "
               "`indexUpdate`, `indexSwap`, `taskCancelation`, `taskDeletion`, `dumpCreation`, "
               "`snapshotCreation`.");
    BOOST_TEST(index_uid_problem("a b") ==
               "`a b` is not a valid index uid. Index uid can be an integer or a string "
               "containing only alphanumeric characters, hyphens (-) and underscores (_).");
    BOOST_TEST(date_problem("doggo") ==
               "`doggo` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 "
               "date-time format.");
}

BOOST_AUTO_TEST_CASE(unknown_parameter_lists_the_accepted_keys_without_a_final_period) {
    ApiError e = unknown_parameter("lol", route_parameters(TaskRoute::cancel));
    BOOST_TEST(e.http_status == 400);
    BOOST_TEST(e.code == "bad_request");
    BOOST_TEST(e.type == "invalid_request");
    BOOST_TEST(e.message ==
               "Unknown parameter `lol`: expected one of `uids`, `canceledBy`, `types`, "
               "`statuses`, `indexUids`, `afterEnqueuedAt`, `beforeEnqueuedAt`, "
               "`afterStartedAt`, `beforeStartedAt`, `afterFinishedAt`, `beforeFinishedAt`");
}

BOOST_AUTO_TEST_SUITE_END()
