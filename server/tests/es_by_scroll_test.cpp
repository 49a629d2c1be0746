// The long-running task generators over real HTTP on a manual clock (es_by_scroll.hpp):
// _reindex / _update_by_query / _delete_by_query with wait_for_completion=false ({"task"} and a
// stored result), requests_per_second throttling, _rethrottle, slices as child tasks on several
// nodes, cancellation (`canceled` in the stored result), and parameter errors.
// Processing speed: 1 ms per document, so batches end at known times.
#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <thread>

#include "server/tests/es_test_server.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;
using Json = nlohmann::ordered_json;

namespace {

// `count` documents "d0".."d<count-1>" in `index`, with {"n": i, "even": i % 2 == 0}.
void fill(EsTestServer& server, const std::string& index, int count) {
    std::string bulk;
    for (int i = 0; i < count; ++i)
        bulk += R"({"index":{"_index":")" + index + R"(","_id":"d)" + std::to_string(i) + "\"}}\n" +
                R"({"n":)" + std::to_string(i) + R"(,"even":)" + (i % 2 == 0 ? "true" : "false") +
                "}\n";
    BOOST_REQUIRE(server.post("/_bulk", bulk).status == 200);
}

std::string start(EsTestServer& server, const std::string& path, const std::string& body) {
    EsReply reply = server.post(path, body, {{"X-Opaque-Id", "gen-1"}});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return reply.json()["task"].get<std::string>();
}

std::string error_of(const EsReply& reply) {
    Json error = reply.json()["error"];
    return error["type"].get<std::string>() + ": " + error["reason"].get<std::string>();
}

const char* kReindex = R"({"source":{"index":"src","size":2},"dest":{"index":"dst"}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(es_by_scroll)

BOOST_AUTO_TEST_CASE(reindex_without_waiting_answers_the_task_and_stores_its_result) {
    EsTestServer server("es-scroll-reindex");
    fill(server, "src", 5);
    // A list first, so the reindex is not task 1: after the restart a GET registers its own
    // task as <node>:1 (spec §4.1) and would find itself.
    server.get("/_tasks");
    const std::string id = start(server, "/_reindex?wait_for_completion=false", kReindex);
    BOOST_TEST(id.starts_with(server.node_id(0) + ":"));
    server.advance(3);
    Json running = server.get("/_tasks/" + id).json();
    BOOST_TEST(running["completed"] == false);
    BOOST_TEST(running["task"]["action"] == "indices:data/write/reindex");
    BOOST_TEST(running["task"]["description"] == "reindex from [src] to [dst]");
    BOOST_TEST(running["task"]["status"].dump() ==
               R"({"total":5,"updated":0,"created":2,"deleted":0,"batches":1,)"
               R"("version_conflicts":0,"noops":0,"retries":{"bulk":0,"search":0},)"
               R"("throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0})");
    server.advance(2);
    Json done = server.get("/_tasks/" + id).json();
    BOOST_TEST(done["completed"] == true);
    BOOST_TEST(done["task"]["headers"].dump() == R"({"X-Opaque-Id":"gen-1"})");
    BOOST_TEST(done["task"]["running_time_in_nanos"] == 5'000'000);
    BOOST_TEST(done["response"].dump() ==
               R"({"took":5,"timed_out":false,"total":5,"updated":0,"created":5,"deleted":0,)"
               R"("batches":3,"version_conflicts":0,"noops":0,"retries":{"bulk":0,"search":0},)"
               R"("throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,)"
               R"("failures":[]})");
    BOOST_TEST(server.get("/dst/_count").json()["count"] == 5);
    // The stored result and the copied documents are durable; nothing runs after a restart.
    server.restart();
    BOOST_TEST(server.get("/_tasks/" + id).json()["response"].dump() == done["response"].dump());
    BOOST_TEST(server.get("/dst/_count").json()["count"] == 5);
}

BOOST_AUTO_TEST_CASE(reindex_waiting_answers_the_response_when_the_clock_gets_there) {
    EsTestServer server("es-scroll-wait");
    fill(server, "src", 3);
    EsReply reply;
    std::thread client([&] { reply = server.post("/_update_by_query", ""); });
    client.join();
    BOOST_TEST(reply.status == 400);  // no index in the path: no handler
    std::atomic<bool> answered = false;
    std::thread waiting([&] {
        reply = server.post("/src/_update_by_query?scroll_size=2", "");
        answered = true;
    });
    for (int i = 0; i < 50 && !answered; ++i) {
        server.advance(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    waiting.join();
    BOOST_TEST(reply.status == 200);
    Json body = reply.json();
    body.erase("took");
    // update_by_query's REST response has no "created" (RestUpdateByQueryAction).
    BOOST_TEST(body.dump() ==
               R"({"timed_out":false,"total":3,"updated":3,"deleted":0,"batches":2,)"
               R"("version_conflicts":0,"noops":0,"retries":{"bulk":0,"search":0},)"
               R"("throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,)"
               R"("failures":[]})");
    BOOST_TEST(server.get("/src/_doc/d0").json()["_version"] == 2);
}

BOOST_AUTO_TEST_CASE(throttling_waits_between_batches_and_a_faster_rethrottle_shortens_it) {
    EsTestServer server("es-scroll-throttle");
    fill(server, "src", 4);
    const std::string id =
        start(server, "/_reindex?wait_for_completion=false&requests_per_second=1", kReindex);
    // Batch 1 (2 docs) ends at 2 ms; at 1 rps the next may start at 2 s: wait 1998 ms.
    server.advance(3);
    Json status = server.get("/_tasks/" + id).json()["task"]["status"];
    BOOST_TEST(status["batches"] == 1);
    BOOST_TEST(status["throttled_millis"] == 1998);
    BOOST_TEST(status["requests_per_second"] == 1.0);
    BOOST_TEST(status["throttled_until_millis"] == 1997);
    EsReply rethrottled = server.post("/_reindex/" + id + "/_rethrottle?requests_per_second=1000");
    BOOST_TEST(rethrottled.status == 200);
    Json task = rethrottled.json()["nodes"][server.node_id(0)]["tasks"][id];
    BOOST_TEST(task["status"]["requests_per_second"] == 1000.0);
    BOOST_TEST(task["status"]["throttled_until_millis"] == 1);  // 1997 ms * 1 / 1000
    server.advance(4);
    Json done = server.get("/_tasks/" + id).json();
    BOOST_TEST(done["completed"] == true);
    BOOST_TEST(done["response"]["took"] == 6);
    BOOST_TEST(done["response"]["throttled_millis"] == 1998);
    BOOST_TEST(done["response"]["created"] == 4);
}

BOOST_AUTO_TEST_CASE(a_cancelled_reindex_stores_a_response_with_the_canceled_reason) {
    EsTestServer server("es-scroll-cancel");
    fill(server, "src", 4);
    const std::string id =
        start(server, "/_reindex?wait_for_completion=false&requests_per_second=1", kReindex);
    server.advance(10);
    BOOST_TEST(server.post("/_tasks/" + id + "/_cancel").status == 200);
    Json done = server.get("/_tasks/" + id).json();
    BOOST_TEST(done["completed"] == true);
    BOOST_TEST(done["response"]["canceled"] == "by user request");
    BOOST_TEST(done["response"]["created"] == 2);
    BOOST_TEST(done["response"]["total"] == 4);
    BOOST_TEST(server.get("/dst/_count").json()["count"] == 2);
}

BOOST_AUTO_TEST_CASE(slices_run_as_child_tasks_on_several_nodes_under_the_leader) {
    EsTestServer server("es-scroll-slices");
    fill(server, "src", 6);
    const std::string id = start(server, "/_reindex?wait_for_completion=false&slices=3", kReindex);
    Json tree = server
                    .get(
                        "/_tasks?actions=indices:data/write/reindex&detailed=true"
                        "&group_by=parents")
                    .json()["tasks"];
    BOOST_TEST_REQUIRE(tree.size() == 1u);
    Json leader = tree[id];
    BOOST_TEST(leader["status"]["slices"].dump() == "[null,null,null]");
    BOOST_TEST_REQUIRE(leader["children"].size() == 3u);
    std::vector<std::string> nodes;
    for (const Json& child : leader["children"]) {
        nodes.push_back(child["node"].get<std::string>());
        BOOST_TEST(child["parent_task_id"] == id);
    }
    std::sort(nodes.begin(), nodes.end());
    BOOST_TEST((std::unique(nodes.begin(), nodes.end()) == nodes.end()));
    server.advance(10);
    Json done = server.get("/_tasks/" + id).json();
    BOOST_TEST(done["completed"] == true);
    BOOST_TEST(done["response"]["total"] == 6);
    BOOST_TEST(done["response"]["created"] == 6);
    BOOST_TEST(done["response"]["slices"].size() == 3u);
    BOOST_TEST(done["response"]["slices"][2]["slice_id"] == 2);
    BOOST_TEST(server.get("/dst/_count").json()["count"] == 6);
}

BOOST_AUTO_TEST_CASE(delete_by_query_removes_only_matching_documents) {
    EsTestServer server("es-scroll-delete");
    fill(server, "src", 6);
    const std::string id = start(server, "/src/_delete_by_query?wait_for_completion=false",
                                 R"({"query":{"term":{"even":true}}})");
    server.advance(5);
    Json done = server.get("/_tasks/" + id).json();
    BOOST_TEST(done["task"]["action"] == "indices:data/write/delete/byquery");
    BOOST_TEST(done["task"]["description"] == "delete-by-query [src]");
    BOOST_TEST(done["response"]["deleted"] == 3);
    BOOST_TEST(server.get("/src/_count").json()["count"] == 3);
}

BOOST_AUTO_TEST_CASE(parameter_and_body_errors_are_400_with_es_messages) {
    EsTestServer server("es-scroll-errors");
    fill(server, "src", 1);
    const std::string rps_error =
        "illegal_argument_exception: [requests_per_second] must be a float greater than 0. Use "
        "-1 to disable throttling.";
    BOOST_TEST(error_of(server.post("/_reindex?requests_per_second=0", kReindex)) == rps_error);
    BOOST_TEST(error_of(server.post("/_reindex?requests_per_second=x", kReindex)) == rps_error);
    BOOST_TEST(error_of(server.post("/_reindex?slices=0", kReindex)) ==
               "illegal_argument_exception: [slices] must be a positive integer or the string "
               "\"auto\", but was [0]");
    BOOST_TEST(error_of(server.post("/_reindex", R"({"source":{},"dest":{}})")) ==
               "action_request_validation_exception: Validation Failed: 1: use _all if you "
               "really want to copy from all existing indexes;2: index must be specified;");
    EsReply missing =
        server.post("/_reindex", R"({"source":{"index":"nope"},"dest":{"index":"d"}})");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(error_of(missing) == "index_not_found_exception: no such index [nope]");
    BOOST_TEST(error_of(server.post("/src/_delete_by_query", "")) ==
               "action_request_validation_exception: Validation Failed: 1: query is missing;");
    BOOST_TEST(error_of(server.post("/_reindex/x:1/_rethrottle")) ==
               "illegal_argument_exception: requests_per_second is a required parameter");
    EsReply unknown =
        server.post("/_reindex/" + server.node_id(1) + ":99/_rethrottle?requests_per_second=5");
    BOOST_TEST(unknown.status == 200);
    BOOST_TEST(unknown.json()["node_failures"][0]["caused_by"]["reason"] ==
               "task [" + server.node_id(1) + ":99] is missing");
    BOOST_TEST(server.post("/_reindex?wait_for_completionn=false", kReindex).status == 400);
}

BOOST_AUTO_TEST_SUITE_END()
