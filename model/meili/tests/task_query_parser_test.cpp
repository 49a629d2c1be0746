// The `/tasks` query parser against spec/meilisearch.md §1.1, §1.2 and the parsing items of §0.
// Errors are asserted as whole messages; the checks run in the order task_query_parser.hpp states.
#include "model/meili/task_query_parser.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

#include "model/common/time.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;

namespace {

const std::string kListAccepted =
    "expected one of `limit`, `from`, `uids`, `canceledBy`, `types`, `statuses`, `indexUids`, "
    "`afterEnqueuedAt`, `beforeEnqueuedAt`, `afterStartedAt`, `beforeStartedAt`, "
    "`afterFinishedAt`, `beforeFinishedAt`";
const std::string kFilterAccepted =
    "expected one of `uids`, `canceledBy`, `types`, `statuses`, `indexUids`, `afterEnqueuedAt`, "
    "`beforeEnqueuedAt`, `afterStartedAt`, `beforeStartedAt`, `afterFinishedAt`, "
    "`beforeFinishedAt`";

TaskQuery accepted(TaskRoute route, std::string_view raw) {
    auto result = parse_task_query(route, raw);
    BOOST_REQUIRE_MESSAGE(result.ok(),
                          "rejected `" << raw << "`: " << (result ? "" : result.error().message));
    return result.value();
}

TaskQuery get(std::string_view raw) {
    return accepted(TaskRoute::list, raw);
}

ApiError rejected(TaskRoute route, std::string_view raw) {
    auto result = parse_task_query(route, raw);
    BOOST_REQUIRE_MESSAGE(!result.ok(), "accepted `" << raw << "`");
    return result.error();
}

// The 400 a bad value gives: code plus "Invalid value in parameter `<where>`: <problem>".
void expect_bad_value(TaskRoute route, std::string_view raw, std::string_view code,
                      std::string_view where, std::string_view problem) {
    ApiError e = rejected(route, raw);
    BOOST_TEST(e.http_status == 400);
    BOOST_TEST(e.type == "invalid_request");
    BOOST_TEST(e.code == code);
    BOOST_TEST(e.message ==
               "Invalid value in parameter `" + std::string(where) + "`: " + std::string(problem));
}

std::string not_integer(std::string_view text) {
    return "could not parse `" + std::string(text) + "` as a positive integer";
}

std::string bad_date(std::string_view text) {
    return "`" + std::string(text) +
           "` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time "
           "format.";
}

std::string unknown(std::string_view key, std::string_view suggestion, const std::string& list) {
    return "Unknown parameter `" + std::string(key) + "`: " + std::string(suggestion) + list;
}

std::string date_text(const std::optional<Nanos>& bound) {
    return bound ? format_rfc3339(*bound) : "none";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_task_query_parser)

BOOST_AUTO_TEST_CASE(empty_get_query_has_the_defaults_and_no_filter) {
    TaskQuery q = get("");
    BOOST_TEST(q.limit == 20u);
    BOOST_TEST(!q.from.has_value());
    BOOST_TEST(!q.uids.has_value());
    BOOST_TEST(!q.statuses.has_value());
    BOOST_TEST(!q.index_uids.has_value());
    BOOST_TEST(!q.enqueued_at.after.has_value());
    BOOST_TEST(!q.has_filter);
    BOOST_TEST(q.original_filter == "?");
}

BOOST_AUTO_TEST_CASE(every_filter_lands_in_its_field) {
    TaskQuery q =
        get("limit=2&from=10&uids=1,2&canceledBy=7&types=indexCreation,dumpCreation"
            "&statuses=failed&indexUids=movies,books_2&afterEnqueuedAt=2021-12-03T10:00:00Z"
            "&beforeEnqueuedAt=2021-12-05&afterStartedAt=2021-12-03T10:00:00.5Z"
            "&beforeStartedAt=2022-01-01T00:00:00Z&afterFinishedAt=2020-02-29"
            "&beforeFinishedAt=2021-12-03T10:00:00.123456789Z");
    BOOST_TEST(q.limit == 2u);
    BOOST_TEST(q.from.value() == 10u);
    BOOST_TEST((q.uids.value() == std::vector<TaskUid>{1, 2}));
    BOOST_TEST((q.canceled_by.value() == std::vector<TaskUid>{7}));
    BOOST_TEST((q.types.value() == std::vector<Kind>{Kind::index_creation, Kind::dump_creation}));
    BOOST_TEST((q.statuses.value() == std::vector<Status>{Status::failed}));
    BOOST_TEST((q.index_uids.value() == std::vector<std::string>{"movies", "books_2"}));
    BOOST_TEST(date_text(q.enqueued_at.after) == "2021-12-03T10:00:00Z");
    BOOST_TEST(date_text(q.enqueued_at.before) == "2021-12-05T00:00:00Z");
    BOOST_TEST(date_text(q.started_at.after) == "2021-12-03T10:00:00.5Z");
    BOOST_TEST(date_text(q.started_at.before) == "2022-01-01T00:00:00Z");
    BOOST_TEST(date_text(q.finished_at.after) == "2020-03-01T00:00:00Z");
    BOOST_TEST(date_text(q.finished_at.before) == "2021-12-03T10:00:00.123456789Z");
    BOOST_TEST(q.has_filter);
}

BOOST_AUTO_TEST_CASE(limit_and_from_alone_are_not_filters) {
    TaskQuery q = get("limit=5&from=3");
    BOOST_TEST(!q.has_filter);
}

// ---- §0 items about parsing ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(spec_0_3_limit_zero_is_valid_and_there_is_no_maximum_below_u32) {
    BOOST_TEST(get("limit=0").limit == 0u);
    BOOST_TEST(get("limit=4294967295").limit == 4294967295u);
    expect_bad_value(TaskRoute::list, "limit=4294967296", "invalid_task_limit", "limit",
                     not_integer("4294967296"));
}

BOOST_AUTO_TEST_CASE(spec_0_4_star_anywhere_makes_the_filter_match_all) {
    TaskQuery q = get("statuses=failed,*&types=*&uids=*,1&indexUids=movies,*");
    BOOST_TEST(!q.statuses.has_value());
    BOOST_TEST(!q.types.has_value());
    BOOST_TEST(!q.uids.has_value());
    BOOST_TEST(!q.index_uids.has_value());
    BOOST_TEST(q.has_filter);
}

BOOST_AUTO_TEST_CASE(spec_0_4_star_counts_as_a_filter_for_cancel_and_delete) {
    TaskQuery q = accepted(TaskRoute::delete_, "statuses=*");
    BOOST_TEST(q.has_filter);
    BOOST_TEST(!q.statuses.has_value());
    BOOST_TEST(accepted(TaskRoute::cancel, "afterEnqueuedAt=*").has_filter);
    BOOST_TEST(rejected(TaskRoute::delete_, "").code == "missing_task_filters");
}

BOOST_AUTO_TEST_CASE(spec_0_4_star_does_not_excuse_other_bad_elements) {
    expect_bad_value(TaskRoute::list, "statuses=*,done", "invalid_task_statuses", "statuses[1]",
                     "`done` is not a valid task status. Available statuses are `enqueued`, "
                     "`processing`, `succeeded`, `failed`, `canceled`.");
}

BOOST_AUTO_TEST_CASE(spec_0_5_empty_uids_is_an_empty_list_that_matches_nothing) {
    TaskQuery q = get("uids=&canceledBy=");
    BOOST_TEST(q.uids.has_value());
    BOOST_TEST(q.uids->empty());
    BOOST_TEST(q.canceled_by.has_value());
    BOOST_TEST(q.canceled_by->empty());
    BOOST_TEST(q.has_filter);
    // A bare key is the same empty value, and it is a filter for cancel.
    TaskQuery bare = accepted(TaskRoute::cancel, "uids");
    BOOST_TEST(bare.uids->empty());
    BOOST_TEST(bare.has_filter);
}

BOOST_AUTO_TEST_CASE(spec_0_5_empty_elements_are_dropped) {
    BOOST_TEST((get("uids=1,,2").uids.value() == std::vector<TaskUid>{1, 2}));
    BOOST_TEST((get("uids=,1,").uids.value() == std::vector<TaskUid>{1}));
    BOOST_TEST(get("statuses=,,").statuses.value().empty());
}

BOOST_AUTO_TEST_CASE(spec_0_5_elements_are_not_trimmed) {
    expect_bad_value(TaskRoute::list, "uids=1,%202", "invalid_task_uids", "uids[1]",
                     not_integer(" 2"));
    // `+` is a space after decoding.
    expect_bad_value(TaskRoute::list, "statuses=failed,+enqueued", "invalid_task_statuses",
                     "statuses[1]",
                     "` enqueued` is not a valid task status. Available statuses are `enqueued`, "
                     "`processing`, `succeeded`, `failed`, `canceled`.");
}

BOOST_AUTO_TEST_CASE(spec_0_7_index_uids_error_code_is_invalid_index_uid) {
    expect_bad_value(TaskRoute::list, "indexUids=the%20good%20doggo", "invalid_index_uid",
                     "indexUids",
                     "`the good doggo` is not a valid index uid. Index uid can be an integer or a "
                     "string containing only alphanumeric characters, hyphens (-) and underscores "
                     "(_).");
}

BOOST_AUTO_TEST_CASE(spec_0_7_task_uid_path_abc_is_400_and_u32_max_parses) {
    auto bad = parse_task_uid_path("abc");
    BOOST_REQUIRE(!bad.ok());
    BOOST_TEST(bad.error().http_status == 400);
    BOOST_TEST(bad.error().code == "invalid_task_uids");
    BOOST_TEST(bad.error().message ==
               "Task uid `abc` is invalid. It should only contain numeric characters.");
    BOOST_TEST(parse_task_uid_path("4294967295").value() == 4294967295u);
    BOOST_TEST(parse_task_uid_path("0").value() == 0u);
    BOOST_TEST(parse_task_uid_path("4294967296").error().message ==
               "Task uid `4294967296` is invalid. It should only contain numeric characters.");
    BOOST_TEST(parse_task_uid_path("-1").error().code == "invalid_task_uids");
    BOOST_TEST(parse_task_uid_path("").error().message ==
               "Task uid `` is invalid. It should only contain numeric characters.");
}

BOOST_AUTO_TEST_CASE(spec_0_8_statuses_and_types_parse_case_insensitively_index_uids_do_not) {
    TaskQuery q = get("statuses=FAILED,Succeeded&types=DOCUMENTADDITIONORUPDATE&indexUids=Movies");
    BOOST_TEST((q.statuses.value() == std::vector<Status>{Status::failed, Status::succeeded}));
    BOOST_TEST((q.types.value() == std::vector<Kind>{Kind::document_addition_or_update}));
    BOOST_TEST((q.index_uids.value() == std::vector<std::string>{"Movies"}));
}

BOOST_AUTO_TEST_CASE(spec_0_9_plain_after_date_means_next_midnight) {
    TaskQuery q =
        get("afterEnqueuedAt=2021-12-03&beforeEnqueuedAt=2021-12-03"
            "&afterStartedAt=2021-12-31&afterFinishedAt=2024-02-28");
    BOOST_TEST(date_text(q.enqueued_at.after) == "2021-12-04T00:00:00Z");
    BOOST_TEST(date_text(q.enqueued_at.before) == "2021-12-03T00:00:00Z");
    BOOST_TEST(date_text(q.started_at.after) == "2022-01-01T00:00:00Z");
    BOOST_TEST(date_text(q.finished_at.after) == "2024-02-29T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(spec_0_9_rfc3339_after_date_is_not_moved) {
    TaskQuery q = get("afterEnqueuedAt=2021-12-03T00:00:00Z&beforeStartedAt=2021-12-03t10:00:00z");
    BOOST_TEST(date_text(q.enqueued_at.after) == "2021-12-03T00:00:00Z");
    BOOST_TEST(date_text(q.started_at.before) == "2021-12-03T10:00:00Z");
}

// ---- values
// ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(integers_accept_an_encoded_plus_but_not_a_space) {
    BOOST_TEST(get("limit=%2B5").limit == 5u);
    BOOST_TEST(get("from=007").from.value() == 7u);
    expect_bad_value(TaskRoute::list, "limit=+5", "invalid_task_limit", "limit", not_integer(" 5"));
    expect_bad_value(TaskRoute::list, "limit=%2B", "invalid_task_limit", "limit", not_integer("+"));
}

BOOST_AUTO_TEST_CASE(limit_errors_name_the_text) {
    expect_bad_value(TaskRoute::list, "limit=abc", "invalid_task_limit", "limit",
                     not_integer("abc"));
    expect_bad_value(TaskRoute::list, "limit=-1", "invalid_task_limit", "limit", not_integer("-1"));
    expect_bad_value(TaskRoute::list, "limit=", "invalid_task_limit", "limit", not_integer(""));
    expect_bad_value(TaskRoute::list, "limit=1,2", "invalid_task_limit", "limit",
                     not_integer("1,2"));
}

BOOST_AUTO_TEST_CASE(from_rejects_star) {
    expect_bad_value(TaskRoute::list, "from=*", "invalid_task_from", "from", not_integer("*"));
}

BOOST_AUTO_TEST_CASE(list_error_location_has_an_index_only_for_several_elements) {
    expect_bad_value(TaskRoute::list, "uids=abc", "invalid_task_uids", "uids", not_integer("abc"));
    expect_bad_value(TaskRoute::list, "uids=1,abc", "invalid_task_uids", "uids[1]",
                     not_integer("abc"));
    // Counted after empty elements are dropped.
    expect_bad_value(TaskRoute::list, "uids=abc,", "invalid_task_uids", "uids", not_integer("abc"));
    expect_bad_value(TaskRoute::list, "uids=,,x,1", "invalid_task_uids", "uids[0]",
                     not_integer("x"));
}

BOOST_AUTO_TEST_CASE(first_bad_element_of_a_list_is_reported) {
    expect_bad_value(TaskRoute::list, "canceledBy=1,-2,x", "invalid_task_canceled_by",
                     "canceledBy[1]", not_integer("-2"));
}

BOOST_AUTO_TEST_CASE(bad_type_gives_the_full_type_list) {
    expect_bad_value(TaskRoute::cancel, "types=documentAddition", "invalid_task_types", "types",
                     "`documentAddition` is not a valid task type. Available types are "
                     "`documentAdditionOrUpdate`, `documentDeletion`, `settingsUpdate`, "
                     "`indexCreation`, `indexDeletion`, `indexUpdate`, `indexSwap`, "
                     "`taskCancelation`, `taskDeletion`, `dumpCreation`, `snapshotCreation`.");
}

BOOST_AUTO_TEST_CASE(index_uid_is_1_to_400_bytes_of_letters_digits_dash_underscore) {
    std::string longest(400, 'a');
    BOOST_TEST(get("indexUids=" + longest).index_uids->front() == longest);
    BOOST_TEST(get("indexUids=A-z_09").index_uids->front() == "A-z_09");
    std::string too_long(401, 'a');
    ApiError e = rejected(TaskRoute::list, "indexUids=" + too_long);
    BOOST_TEST(e.code == "invalid_index_uid");
    expect_bad_value(TaskRoute::delete_, "indexUids=movies,m%C3%A9", "invalid_index_uid",
                     "indexUids[1]",
                     "`m\xC3\xA9` is not a valid index uid. Index uid can be an integer or a "
                     "string containing only alphanumeric characters, hyphens (-) and underscores "
                     "(_).");
}

BOOST_AUTO_TEST_CASE(every_date_parameter_has_its_own_code) {
    const std::pair<const char*, const char*> cases[] = {
        {"afterEnqueuedAt", "invalid_task_after_enqueued_at"},
        {"beforeEnqueuedAt", "invalid_task_before_enqueued_at"},
        {"afterStartedAt", "invalid_task_after_started_at"},
        {"beforeStartedAt", "invalid_task_before_started_at"},
        {"afterFinishedAt", "invalid_task_after_finished_at"},
        {"beforeFinishedAt", "invalid_task_before_finished_at"},
    };
    for (auto [name, code] : cases)
        expect_bad_value(TaskRoute::cancel, std::string(name) + "=doggo", code, name,
                         bad_date("doggo"));
}

BOOST_AUTO_TEST_CASE(dates_need_two_digit_fields_seconds_and_an_offset) {
    for (std::string_view text : {"2021-1-03", "2021-12-3", "2021-12-03T10:00Z",
                                  "2021-12-03T10:00:00", "2021-02-30", "2021-12-03 "})
        expect_bad_value(TaskRoute::list, "afterEnqueuedAt=" + std::string(text),
                         "invalid_task_after_enqueued_at", "afterEnqueuedAt", bad_date(text));
}

BOOST_AUTO_TEST_CASE(date_offset_needs_an_encoded_plus) {
    TaskQuery q = get("beforeFinishedAt=2021-12-03T10:00:00%2B01:00");
    BOOST_TEST(date_text(q.finished_at.before) == "2021-12-03T09:00:00Z");
    expect_bad_value(TaskRoute::list, "beforeFinishedAt=2021-12-03T10:00:00+01:00",
                     "invalid_task_before_finished_at", "beforeFinishedAt",
                     bad_date("2021-12-03T10:00:00 01:00"));
}

BOOST_AUTO_TEST_CASE(a_date_is_one_value_not_a_list) {
    expect_bad_value(TaskRoute::list, "afterStartedAt=2021-12-03,*",
                     "invalid_task_after_started_at", "afterStartedAt", bad_date("2021-12-03,*"));
}

// ---- unknown parameters
// -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(unknown_parameter_lol_lists_every_get_parameter) {
    ApiError e = rejected(TaskRoute::list, "lol=1");
    BOOST_TEST(e.http_status == 400);
    BOOST_TEST(e.code == "bad_request");
    BOOST_TEST(e.type == "invalid_request");
    BOOST_TEST(e.message == unknown("lol", "", kListAccepted));
}

BOOST_AUTO_TEST_CASE(unknown_parameter_on_cancel_and_delete_lists_only_filters) {
    BOOST_TEST(rejected(TaskRoute::cancel, "lol").message == unknown("lol", "", kFilterAccepted));
    BOOST_TEST(rejected(TaskRoute::delete_, "lol=").message == unknown("lol", "", kFilterAccepted));
}

BOOST_AUTO_TEST_CASE(limit_and_from_are_unknown_on_cancel_and_delete) {
    BOOST_TEST(rejected(TaskRoute::cancel, "limit=1&uids=1").message ==
               unknown("limit", "", kFilterAccepted));
    BOOST_TEST(rejected(TaskRoute::delete_, "uids=1&from=1").message ==
               unknown("from", "", kFilterAccepted));
}

BOOST_AUTO_TEST_CASE(near_misses_get_a_suggestion) {
    BOOST_TEST(rejected(TaskRoute::list, "statuse=failed").message ==
               unknown("statuse", "did you mean `statuses`? ", kListAccepted));
    BOOST_TEST(rejected(TaskRoute::list, "indexUid=movies").message ==
               unknown("indexUid", "did you mean `indexUids`? ", kListAccepted));
    BOOST_TEST(rejected(TaskRoute::list, "limt=2").message ==
               unknown("limt", "did you mean `limit`? ", kListAccepted));
    BOOST_TEST(rejected(TaskRoute::delete_, "canceled_by=1").message ==
               unknown("canceled_by", "did you mean `canceledBy`? ", kFilterAccepted));
}

BOOST_AUTO_TEST_CASE(parameter_names_are_case_sensitive) {
    BOOST_TEST(rejected(TaskRoute::list, "UIDS=1").message == unknown("UIDS", "", kListAccepted));
}

BOOST_AUTO_TEST_CASE(keys_are_matched_after_percent_decoding) {
    BOOST_TEST((get("%75ids=3").uids.value() == std::vector<TaskUid>{3}));
}

// ---- which error wins
// --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(first_error_in_query_order_is_reported) {
    expect_bad_value(TaskRoute::list, "uids=abc&lol=1", "invalid_task_uids", "uids",
                     not_integer("abc"));
    BOOST_TEST(rejected(TaskRoute::list, "lol=1&uids=abc").message ==
               unknown("lol", "", kListAccepted));
}

// A repeated key keeps the position of its first occurrence but the value of its last: here the
// bad `uids` is checked before `lol` although it was sent after it.
BOOST_AUTO_TEST_CASE(repeated_key_is_checked_at_its_first_position_with_its_last_value) {
    expect_bad_value(TaskRoute::list, "uids=1&lol=2&uids=x", "invalid_task_uids", "uids",
                     not_integer("x"));
    TaskQuery q = get("uids=x&uids=2");
    BOOST_TEST((q.uids.value() == std::vector<TaskUid>{2}));
}

BOOST_AUTO_TEST_CASE(parse_errors_come_before_missing_task_filters) {
    BOOST_TEST(rejected(TaskRoute::cancel, "lol=1").message == unknown("lol", "", kFilterAccepted));
}

// ---- cancel / delete
// -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(cancel_and_delete_without_a_filter_are_missing_task_filters) {
    const std::string list =
        " are missing. Available query parameters are: `uids`, `indexUids`, `statuses`, "
        "`types`, `canceledBy`, `beforeEnqueuedAt`, `afterEnqueuedAt`, `beforeStartedAt`, "
        "`afterStartedAt`, `beforeFinishedAt`, `afterFinishedAt`.";
    ApiError cancel = rejected(TaskRoute::cancel, "");
    BOOST_TEST(cancel.http_status == 400);
    BOOST_TEST(cancel.code == "missing_task_filters");
    BOOST_TEST(cancel.message == "Query parameters to filter the tasks to cancel" + list);
    BOOST_TEST(rejected(TaskRoute::delete_, "&&").message ==
               "Query parameters to filter the tasks to delete" + list);
}

BOOST_AUTO_TEST_CASE(original_filter_is_the_raw_query_still_encoded) {
    TaskQuery q = accepted(TaskRoute::cancel, "types=documentAdditionOrUpdate%2CdocumentDeletion");
    BOOST_TEST(q.original_filter == "?types=documentAdditionOrUpdate%2CdocumentDeletion");
    BOOST_TEST((q.types.value() ==
                std::vector<Kind>{Kind::document_addition_or_update, Kind::document_deletion}));
    BOOST_TEST(accepted(TaskRoute::delete_, "uids=1&&uids=2").original_filter == "?uids=1&&uids=2");
}

BOOST_AUTO_TEST_CASE(cancel_keeps_the_get_only_defaults) {
    TaskQuery q = accepted(TaskRoute::cancel, "uids=1");
    BOOST_TEST(q.limit == 20u);
    BOOST_TEST(!q.from.has_value());
}

// ---- rendering
// -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(render_writes_parameters_in_field_order) {
    TaskQuery q =
        get("indexUids=movies&statuses=failed,canceled&uids=&afterEnqueuedAt=2021-12-03"
            "&limit=3");
    BOOST_TEST(render_task_query(TaskRoute::list, q) ==
               "limit=3&uids=&statuses=failed,canceled&indexUids=movies"
               "&afterEnqueuedAt=2021-12-04T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(render_keeps_a_star_only_filter_as_a_filter) {
    TaskQuery q = accepted(TaskRoute::delete_, "types=*");
    BOOST_TEST(render_task_query(TaskRoute::delete_, q) == "uids=*");
    BOOST_TEST(render_task_query(TaskRoute::list, get("")) == "limit=20");
}

BOOST_AUTO_TEST_SUITE_END()
