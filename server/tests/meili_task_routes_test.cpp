// The /tasks routes over real HTTP on a manual clock: 202 vs 200 (spec/meilisearch.md §0.1),
// summarized tasks (§2.2), processing visible between batch start and end (§0.15), pagination
// (§0.2), originalFilter from the raw query (§2.1), the §1.2 errors, admin faults, and the
// journal replay that brings a processing task back enqueued.
#include <boost/test/unit_test.hpp>

#include "server/tests/meili_test_server.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;
using Json = nlohmann::ordered_json;

namespace {

const std::string kCreateMovies = R"({"uid":"movies"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_task_routes)

BOOST_AUTO_TEST_CASE(create_index_answers_202_with_the_five_key_summary) {
    MeiliTestServer server("meili-routes-summary");
    Reply reply = server.post("/indexes", kCreateMovies);
    BOOST_TEST(reply.status == 202);
    BOOST_TEST(reply.body ==
               R"({"taskUid":0,"indexUid":"movies","status":"enqueued","type":"indexCreation",)"
               R"("enqueuedAt":"2024-01-01T00:00:00Z"})");
}

BOOST_AUTO_TEST_CASE(a_batch_is_processing_until_its_time_has_passed) {
    MeiliTestServer server("meili-routes-processing");
    server.post("/indexes", kCreateMovies);
    BOOST_TEST(server.advance(4).status == 200);
    BOOST_TEST(server.get("/tasks/0").body ==
               R"({"uid":0,"indexUid":"movies","status":"processing","type":"indexCreation",)"
               R"("canceledBy":null,"details":{"primaryKey":null},"error":null,"duration":null,)"
               R"("enqueuedAt":"2024-01-01T00:00:00Z","startedAt":"2024-01-01T00:00:00Z",)"
               R"("finishedAt":null})");
    server.advance(6);
    BOOST_TEST(server.get("/tasks/0").body ==
               R"({"uid":0,"indexUid":"movies","status":"succeeded","type":"indexCreation",)"
               R"("canceledBy":null,"details":{"primaryKey":null},"error":null,)"
               R"("duration":"PT0.010S","enqueuedAt":"2024-01-01T00:00:00Z",)"
               R"("startedAt":"2024-01-01T00:00:00Z","finishedAt":"2024-01-01T00:00:00.01Z"})");
}

BOOST_AUTO_TEST_CASE(list_pages_with_from_and_next) {
    MeiliTestServer server("meili-routes-pages");
    for (int i = 0; i < 3; ++i)
        server.post("/indexes", R"({"uid":"i)" + std::to_string(i) + R"("})");
    Json page = server.get("/tasks?limit=2&from=2").json();
    BOOST_TEST(page["results"].size() == 2u);
    BOOST_TEST(page["results"][0]["uid"] == 2);
    BOOST_TEST(page["results"][1]["uid"] == 1);
    BOOST_TEST(page["limit"] == 2);
    BOOST_TEST(page["from"] == 2);
    BOOST_TEST(page["next"] == 0);
    BOOST_TEST(server.get("/tasks?limit=0").body ==
               R"({"results":[],"limit":0,"from":null,"next":2})");
}

BOOST_AUTO_TEST_CASE(spec_0_1_cancel_answers_200_and_keeps_the_raw_query_as_original_filter) {
    MeiliTestServer server("meili-routes-cancel");
    server.post("/indexes", kCreateMovies);
    Reply reply = server.post("/tasks/cancel?uids=0&types=indexCreation%2CindexUpdate", "{}");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body ==
               R"({"taskUid":1,"indexUid":null,"status":"enqueued","type":"taskCancelation",)"
               R"("enqueuedAt":"2024-01-01T00:00:00Z"})");
    server.advance(10);
    Json task = server.get("/tasks/1").json();
    BOOST_TEST(task["details"].dump() ==
               R"({"matchedTasks":1,"canceledTasks":0,)"
               R"("originalFilter":"?uids=0&types=indexCreation%2CindexUpdate"})");
    BOOST_TEST(server.get("/tasks/0").json()["status"] == "canceled");
    BOOST_TEST(server.get("/tasks/0").json()["canceledBy"] == 1);
}

BOOST_AUTO_TEST_CASE(spec_0_1_delete_answers_200_and_then_the_task_is_404) {
    MeiliTestServer server("meili-routes-delete");
    server.post("/indexes", kCreateMovies);
    server.advance(10);
    Reply reply = server.del("/tasks?statuses=succeeded");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.json()["type"] == "taskDeletion");
    server.advance(10);
    Reply gone = server.get("/tasks/0");
    BOOST_TEST(gone.status == 404);
    BOOST_TEST(
        gone.body ==
        R"({"message":"Task `0` not found.","code":"task_not_found",)"
        R"("type":"invalid_request","link":"https://docs.meilisearch.com/errors#task_not_found"})");
}

BOOST_AUTO_TEST_CASE(task_route_errors_are_the_v1_1_errors) {
    MeiliTestServer server("meili-routes-errors");
    Reply bad_uid = server.get("/tasks/abc");
    BOOST_TEST(bad_uid.status == 400);
    BOOST_TEST(bad_uid.json()["message"] ==
               "Task uid `abc` is invalid. It should only contain numeric characters.");
    Reply unknown = server.get("/tasks?lol=1");
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(unknown.json()["code"] == "bad_request");
    Reply no_filter = server.post("/tasks/cancel", "{}");
    BOOST_TEST(no_filter.status == 400);
    BOOST_TEST(no_filter.json()["code"] == "missing_task_filters");
    Reply bad_status = server.get("/tasks?statuses=done");
    BOOST_TEST(bad_status.json()["message"] ==
               "Invalid value in parameter `statuses`: `done` is not a valid task status. "
               "Available statuses are `enqueued`, `processing`, `succeeded`, `failed`, "
               "`canceled`.");
    BOOST_TEST(server.del("/tasks?limit=1").json()["code"] == "bad_request");
}

BOOST_AUTO_TEST_CASE(query_values_are_percent_decoded_and_plus_is_a_space) {
    MeiliTestServer server("meili-routes-decoding");
    Reply reply = server.get("/tasks?indexUids=a+b");
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(reply.json()["message"] ==
               "Invalid value in parameter `indexUids`: `a b` is not a valid index uid. Index uid "
               "can be an integer or a string containing only alphanumeric characters, hyphens "
               "(-) and underscores (_).");
    BOOST_TEST(server.get("/tasks?limit=5&limit=%31").json()["limit"] == 1);
}

BOOST_AUTO_TEST_CASE(unknown_routes_answer_404_in_the_error_envelope) {
    MeiliTestServer server("meili-routes-404");
    Reply reply = server.get("/nope");
    BOOST_TEST(reply.status == 404);
    BOOST_TEST(reply.body ==
               R"({"message":"Not found.","code":"not_found","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#not_found"})");
}

BOOST_AUTO_TEST_CASE(health_version_and_dumps) {
    MeiliTestServer server("meili-routes-health");
    BOOST_TEST(server.get("/health").body == R"({"status":"available"})");
    BOOST_TEST(server.get("/version").json()["pkgVersion"] == "1.1.1");
    Reply dump = server.post("/dumps", "");
    BOOST_TEST(dump.status == 202);
    BOOST_TEST(dump.json()["type"] == "dumpCreation");
    server.advance(10);
    BOOST_TEST(server.get("/tasks/0").json()["details"].dump() ==
               R"({"dumpUid":"20240101-000000000"})");
}

BOOST_AUTO_TEST_CASE(fail_next_fails_every_task_of_the_batch) {
    MeiliTestServer server("meili-routes-fail-next");
    server.post("/indexes", kCreateMovies);
    Reply armed = server.post("/_taskcheck/batches/fail-next", "");
    BOOST_TEST(armed.status == 200);
    server.advance(10);
    Json task = server.get("/tasks/0").json();
    BOOST_TEST(task["status"] == "failed");
    BOOST_TEST(task["error"].dump() ==
               R"({"message":"An unexpected crash occurred when processing the task.",)"
               R"("code":"internal","type":"internal",)"
               R"("link":"https://docs.meilisearch.com/errors#internal"})");
}

BOOST_AUTO_TEST_CASE(pause_holds_enqueued_tasks_until_resume) {
    MeiliTestServer server("meili-routes-pause");
    BOOST_TEST(server.post("/_taskcheck/processing/pause", "").body == R"({"paused":true})");
    server.post("/indexes", kCreateMovies);
    server.advance(50);
    BOOST_TEST(server.get("/tasks/0").json()["status"] == "enqueued");
    server.post("/_taskcheck/processing/resume", "");
    server.advance(10);
    BOOST_TEST(server.get("/tasks/0").json()["status"] == "succeeded");
}

BOOST_AUTO_TEST_CASE(advance_is_refused_with_a_bad_body) {
    MeiliTestServer server("meili-routes-advance");
    Reply reply = server.post("/_taskcheck/clock/advance", R"({"ms":-1})");
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(reply.json()["code"] == "invalid_clock_advance");
    BOOST_TEST(server.get("/_taskcheck/clock").body ==
               R"({"clock":"manual","now":"2024-01-01T00:00:00Z","nowNs":1704067200000000000})");
}

// A task seen processing comes back enqueued: 1. the batch starts; 2. the server stops without
// finishing it; 3. the journal is replayed (spec/meilisearch.md §0.15). It then runs again.
BOOST_AUTO_TEST_CASE(a_processing_task_comes_back_enqueued_after_restart) {
    MeiliTestServer server("meili-routes-restart");
    server.post("/indexes", kCreateMovies);
    server.advance(4);
    BOOST_TEST(server.get("/tasks/0").json()["status"] == "processing");
    server.restart();
    Json task = server.get("/tasks/0").json();
    BOOST_TEST(task["status"] == "enqueued");
    BOOST_TEST(task["startedAt"].is_null());
    server.advance(10);
    task = server.get("/tasks/0").json();
    BOOST_TEST(task["status"] == "succeeded");
    // The manual clock restarts from the latest journalled instant, the batch start.
    BOOST_TEST(task["startedAt"] == "2024-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(processing_duration_changes_the_time_of_the_batch_in_progress) {
    MeiliTestServer server("meili-routes-duration");
    server.post("/indexes", kCreateMovies);
    server.advance(4);
    Reply set = server.post("/_taskcheck/processing/duration", R"({"ms":50})");
    BOOST_TEST(set.status == 200);
    BOOST_TEST(set.body == R"({"processingMs":50})");
    server.advance(10);  // the default 10 ms have passed; the batch now takes 50
    BOOST_TEST(server.get("/tasks/0").json()["status"] == "processing");
    server.advance(40);
    Json task = server.get("/tasks/0").json();
    BOOST_TEST(task["status"] == "succeeded");
    BOOST_TEST(task["duration"] == "PT0.050S");
}

BOOST_AUTO_TEST_CASE(processing_duration_refuses_a_bad_body) {
    MeiliTestServer server("meili-routes-duration-bad");
    for (const char* body : {R"({"ms":-1})", R"({"ms":3600001})", R"({"ns":5})", "x"}) {
        Reply reply = server.post("/_taskcheck/processing/duration", body);
        BOOST_TEST(reply.status == 400);
        BOOST_TEST(reply.json()["code"] == "invalid_processing_duration");
    }
    BOOST_TEST(server.post("/_taskcheck/processing/duration", R"({"ms":-1})").json()["message"] ==
               "`ms` must be an integer in 0..3600000, found -1");
}

// v1.1 enqueues snapshots only on --schedule-snapshot; the admin route stands in for it. A
// snapshotCreation is global and has no `details` key at all (spec/meilisearch.md §0.14).
BOOST_AUTO_TEST_CASE(admin_snapshot_enqueues_a_global_task_without_details) {
    MeiliTestServer server("meili-routes-snapshot");
    Reply reply = server.post("/_taskcheck/snapshots", "");
    BOOST_TEST(reply.status == 202);
    BOOST_TEST(reply.body ==
               R"({"taskUid":0,"indexUid":null,"status":"enqueued","type":"snapshotCreation",)"
               R"("enqueuedAt":"2024-01-01T00:00:00Z"})");
    server.advance(10);
    BOOST_TEST(server.get("/tasks/0").body ==
               R"({"uid":0,"indexUid":null,"status":"succeeded","type":"snapshotCreation",)"
               R"("canceledBy":null,"error":null,"duration":"PT0.010S",)"
               R"("enqueuedAt":"2024-01-01T00:00:00Z","startedAt":"2024-01-01T00:00:00Z",)"
               R"("finishedAt":"2024-01-01T00:00:00.01Z"})");
}

BOOST_AUTO_TEST_SUITE_END()
