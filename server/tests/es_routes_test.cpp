// The Elasticsearch profile over real HTTP on a manual clock (2024-01-01T00:00:00Z = epoch ms
// 1704067200000): GET /, _nodes, _cluster/state, the task APIs, _cat/tasks, the product header,
// X-Opaque-Id, compatible-with media types, parameter and path errors in ES's envelope, and the
// admin routes (synthetic tasks, node faults, persistent tasks).
#include <boost/test/unit_test.hpp>

#include "server/tests/es_test_server.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;
using Json = nlohmann::ordered_json;

BOOST_AUTO_TEST_SUITE(es_routes)

BOOST_AUTO_TEST_CASE(root_names_the_node_version_flavor_and_tagline) {
    EsTestServer server("es-routes-root");
    EsReply reply = server.get("/");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.header("X-Elastic-Product") == "Elasticsearch");
    BOOST_TEST(reply.header("Content-Type") == "application/json");
    BOOST_TEST(
        reply.body ==
        R"({"name":"es-0","cluster_name":"taskcheck","cluster_uuid":"tcCluster0UuidAAAAAAAA",)"
        R"("version":{"number":"8.17.0","build_flavor":"default","build_type":"tar",)"
        R"("build_hash":"2b6a7fed44faa321997703718f07ee0420804b41",)"
        R"("build_date":"2024-12-11T12:08:05.663969764Z","build_snapshot":false,)"
        R"("lucene_version":"9.12.0","minimum_wire_compatibility_version":"7.17.0",)"
        R"("minimum_index_compatibility_version":"7.0.0"},"tagline":"You Know, for Search"})");
}

BOOST_AUTO_TEST_CASE(nodes_lists_every_node_with_its_roles) {
    EsTestServer server("es-routes-nodes");
    Json body = server.get("/_nodes").json();
    BOOST_TEST(body["_nodes"].dump() == R"({"total":3,"successful":3,"failed":0})");
    BOOST_TEST(body["nodes"].size() == 3u);
    Json first = body["nodes"][server.node_id(0)];
    BOOST_TEST(first.dump() ==
               R"({"name":"es-0","transport_address":"127.0.0.1:9300","host":"127.0.0.1",)"
               R"("ip":"127.0.0.1","version":"8.17.0","attributes":{},"roles":["data","data_cold",)"
               R"("data_content","data_frozen","data_hot","data_warm","ingest","master","ml",)"
               R"("remote_cluster_client","transform"]})");
    BOOST_TEST(body["nodes"][server.node_id(2)]["name"] == "es-2");
}

BOOST_AUTO_TEST_CASE(a_list_shows_the_list_task_itself_grouped_by_node) {
    EsTestServer server("es-routes-list-self");
    const std::string n0 = server.node_id(0);
    Json body = server.get("/_tasks?actions=cluster:monitor/tasks/lists&nodes=es-0").json();
    BOOST_TEST(body["nodes"].size() == 1u);
    Json node = body["nodes"][n0];
    BOOST_TEST(node["name"] == "es-0");
    BOOST_TEST(node["ip"] == "127.0.0.1:9300");
    BOOST_TEST(node["tasks"].size() == 1u);
    Json task = node["tasks"].begin().value();
    BOOST_TEST(task.dump() ==
               R"({"node":")" + n0 +
                   R"(","id":1,"type":"transport",)"
                   R"("action":"cluster:monitor/tasks/lists",)"
                   R"("start_time_in_millis":1704067200000,"running_time_in_nanos":0,)"
                   R"("cancellable":true,"cancelled":false,"headers":{}})");
}

BOOST_AUTO_TEST_CASE(a_synthetic_task_carries_the_opaque_id_which_is_echoed) {
    EsTestServer server("es-routes-opaque");
    EsReply started = server.post("/_taskcheck/tasks", R"({"node":"es-1","action":"test:work"})",
                                  {{"X-Opaque-Id", "job-7"}});
    BOOST_TEST(started.header("X-Opaque-Id") == "job-7");
    const std::string id = started.json()["task"].get<std::string>();
    BOOST_TEST(id == server.node_id(1) + ":1");
    server.advance(5);
    EsReply got = server.get("/_tasks/" + id, {{"X-Opaque-Id", "probe"}});
    BOOST_TEST(got.header("X-Opaque-Id") == "probe");
    BOOST_TEST(got.body == R"({"completed":false,"task":{"node":")" + server.node_id(1) +
                               R"(","id":1,"type":"transport","action":"test:work",)"
                               R"("description":"","start_time_in_millis":1704067200000,)"
                               R"("running_time_in_nanos":5000000,"cancellable":true,)"
                               R"("cancelled":false,"headers":{"X-Opaque-Id":"job-7"}}})");
}

BOOST_AUTO_TEST_CASE(group_by_parents_nests_children_and_none_is_a_flat_array) {
    EsTestServer server("es-routes-group-by");
    const std::string parent = server.start_task(R"({"node":"es-0","action":"test:parent"})");
    server.start_task(R"({"node":"es-2","action":"test:child","parent":")" + parent + R"("})");
    Json parents = server.get("/_tasks?actions=test:*&group_by=parents").json();
    BOOST_TEST(parents["tasks"].size() == 1u);
    BOOST_TEST(parents["tasks"][parent]["children"].size() == 1u);
    BOOST_TEST(parents["tasks"][parent]["children"][0]["action"] == "test:child");
    BOOST_TEST(parents["tasks"][parent]["children"][0]["parent_task_id"] == parent);
    Json none = server.get("/_tasks?actions=test:*&group_by=none").json();
    BOOST_TEST(none["tasks"].is_array());
    BOOST_TEST(none["tasks"].size() == 2u);
}

BOOST_AUTO_TEST_CASE(cancel_marks_the_task_and_its_children_and_they_end) {
    EsTestServer server("es-routes-cancel");
    const std::string parent = server.start_task(R"({"node":"es-0","action":"test:parent"})");
    const std::string child =
        server.start_task(R"({"node":"es-1","action":"test:child","parent":")" + parent + R"("})");
    EsReply cancelled = server.post("/_tasks/" + parent + "/_cancel?group_by=none");
    BOOST_TEST(cancelled.status == 200);
    Json tasks = cancelled.json()["tasks"];
    BOOST_TEST(tasks.size() == 1u);
    BOOST_TEST(tasks[0]["cancelled"] == true);
    // Cancelled synthetic tasks notice it and end, so neither is running any more.
    BOOST_TEST(server.get("/_tasks?actions=test:*&group_by=none").body == R"({"tasks":[]})");
    BOOST_TEST(server.get("/_tasks/" + child).status == 404);
}

BOOST_AUTO_TEST_CASE(cancel_with_wait_for_completion_returns_once_the_task_ended) {
    EsTestServer server("es-routes-cancel-wait");
    const std::string id = server.start_task(R"({"node":"es-1","action":"test:slow"})");
    EsReply reply = server.post("/_tasks/" + id + "/_cancel?wait_for_completion=true");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.json()["nodes"][server.node_id(1)]["tasks"][id]["cancelled"] == true);
}

BOOST_AUTO_TEST_CASE(a_task_with_a_duration_ends_when_the_clock_passes_it) {
    EsTestServer server("es-routes-duration");
    const std::string id = server.start_task(
        R"({"node":"es-0","action":"test:timed","duration_ms":100,"store_result":true,)"
        R"("response":{"done":1}})");
    server.advance(99);
    BOOST_TEST(server.get("/_tasks/" + id).json()["completed"] == false);
    server.advance(1);
    Json stored = server.get("/_tasks/" + id).json();
    BOOST_TEST(stored["completed"] == true);
    BOOST_TEST(stored["response"].dump() == R"({"done":1})");
    BOOST_TEST(stored["task"]["running_time_in_nanos"] == 100'000'000);
}

BOOST_AUTO_TEST_CASE(get_with_wait_for_completion_waits_for_the_admin_finish) {
    EsTestServer server("es-routes-get-wait");
    const std::string id =
        server.start_task(R"({"node":"es-2","action":"test:w","store_result":true})");
    std::thread finisher([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        server.post("/_taskcheck/tasks/" + id + "/_finish", R"({"response":{"ok":true}})");
    });
    EsReply reply = server.get("/_tasks/" + id + "?wait_for_completion=true");
    finisher.join();
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.json()["completed"] == true);
    BOOST_TEST(reply.json()["response"].dump() == R"({"ok":true})");
}

BOOST_AUTO_TEST_CASE(cat_tasks_is_a_text_table_with_a_header_under_v) {
    EsTestServer server("es-routes-cat");
    server.start_task(R"({"node":"es-1","action":"test:cat"})");
    EsReply reply = server.get("/_cat/tasks?v=true&actions=test:*&h=action,type,node");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.header("Content-Type") == "text/plain; charset=UTF-8");
    BOOST_TEST(reply.header("X-Elastic-Product") == "Elasticsearch");
    BOOST_TEST(reply.body == "action   type      node\ntest:cat transport es-1\n");
    EsReply json = server.get("/_cat/tasks?format=json&actions=test:*&h=action,node");
    BOOST_TEST(json.body == R"([{"action":"test:cat","node":"es-1"}])");
}

// --- errors -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_unknown_parameter_is_400_with_the_did_you_mean_hint) {
    EsTestServer server("es-routes-unknown-param");
    EsReply reply = server.get("/_tasks?parent_task=x");
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(reply.header("X-Elastic-Product") == "Elasticsearch");
    BOOST_TEST(reply.body ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception","reason":)"
               R"("request [/_tasks] contains unrecognized parameter: [parent_task] -> did you )"
               R"(mean [parent_task_id]?"}],"type":"illegal_argument_exception","reason":)"
               R"("request [/_tasks] contains unrecognized parameter: [parent_task] -> did you )"
               R"(mean [parent_task_id]?"},"status":400})");
}

BOOST_AUTO_TEST_CASE(a_bad_group_by_and_a_bad_boolean_are_400) {
    EsTestServer server("es-routes-bad-values");
    EsReply group = server.get("/_tasks?group_by=x");
    BOOST_TEST(group.status == 400);
    BOOST_TEST(group.json()["error"]["reason"] ==
               "[group_by] must be one of [nodes], [parents] or [none] but was [x]");
    EsReply flag = server.get("/_tasks?detailed=yes");
    BOOST_TEST(flag.status == 400);
    BOOST_TEST(flag.json()["error"]["reason"] ==
               "Failed to parse value [yes] as only [true] or [false] are allowed.");
    EsReply timeout = server.get("/_tasks?timeout=5x");
    BOOST_TEST(timeout.status == 400);
    BOOST_TEST(timeout.json()["error"]["reason"] ==
               "failed to parse setting [timeout] with value [5x] as a time value: unit is "
               "missing or unrecognized");
}

BOOST_AUTO_TEST_CASE(a_malformed_task_id_is_400_and_an_unknown_one_404) {
    EsTestServer server("es-routes-task-ids");
    EsReply malformed = server.get("/_tasks/foo");
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(malformed.json()["error"]["reason"] == "malformed task id foo");
    EsReply gone = server.get("/_tasks/foo:1");
    BOOST_TEST(gone.status == 404);
    BOOST_TEST(gone.json()["error"]["reason"] ==
               "task [foo:1] belongs to the node [foo] which isn't part of the cluster and there "
               "is no record of the task");
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_400_no_handler) {
    EsTestServer server("es-routes-no-handler");
    EsReply reply = server.get("/_nope");
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(reply.header("X-Elastic-Product") == "Elasticsearch");
    BOOST_TEST(reply.body ==
               R"({"error":"no handler found for uri [/_nope] and method [GET]","status":400})");
}

BOOST_AUTO_TEST_CASE(compatible_with_8_is_answered_in_kind_and_99_refused) {
    EsTestServer server("es-routes-compat");
    const std::string media = "application/vnd.elasticsearch+json; compatible-with=8";
    EsReply ok = server.get("/_tasks", {{"Accept", media}, {"Content-Type", media}});
    BOOST_TEST(ok.status == 200);
    BOOST_TEST(ok.header("Content-Type") == "application/vnd.elasticsearch+json;compatible-with=8");
    EsReply bad =
        server.get("/", {{"Accept", "application/vnd.elasticsearch+json; compatible-with=99"}});
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.json()["error"]["type"] == "media_type_header_exception");
}

BOOST_AUTO_TEST_CASE(malformed_admin_bodies_are_400_never_500) {
    EsTestServer server("es-routes-admin-bad");
    BOOST_TEST(server.post("/_taskcheck/tasks", "{nope").status == 400);
    BOOST_TEST(server.post("/_taskcheck/tasks", R"({"duration_ms":"x"})").status == 400);
    BOOST_TEST(server.post("/_taskcheck/tasks", R"({"node":"es-9"})").status == 400);
    BOOST_TEST(server.post("/_taskcheck/tasks", R"({"parent":"-1"})").status == 400);
    BOOST_TEST(server.post("/_taskcheck/tasks/x:1/_finish").status == 404);
    BOOST_TEST(server.post("/_taskcheck/nodes/es-7/_crash").status == 404);
    BOOST_TEST(server.post("/_taskcheck/persistent", R"({"name":"x"})").status == 400);
    BOOST_TEST(server.get("/").status == 200);
}

// --- node faults and persistent tasks ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_crashed_node_loses_its_tasks_and_restarts_with_ids_from_1) {
    EsTestServer server("es-routes-crash");
    const std::string id = server.start_task(R"({"node":"es-2","action":"test:x"})");
    BOOST_TEST(server.post("/_taskcheck/nodes/es-2/_crash").body == R"({"acknowledged":true})");
    BOOST_TEST(server.get("/_nodes").json()["nodes"].size() == 2u);
    EsReply gone = server.get("/_tasks/" + id);
    BOOST_TEST(gone.status == 404);
    BOOST_TEST(gone.json()["error"]["reason"] ==
               "task [" + id + "] belongs to the node [" + server.node_id(2) +
                   "] which isn't part of the cluster and there is no record of the task");
    server.post("/_taskcheck/nodes/es-2/_restart");
    BOOST_TEST(server.start_task(R"({"node":"es-2"})") == server.node_id(2) + ":1");
}

BOOST_AUTO_TEST_CASE(persistent_tasks_show_in_cluster_state_with_filter_path) {
    EsTestServer server("es-routes-persistent");
    EsReply created = server.post("/_taskcheck/persistent", R"({"id":"job-1","params":{"a":1}})");
    BOOST_TEST(created.status == 200);
    BOOST_TEST(created.body == R"({"id":"job-1","task":{"taskcheck/test":{"params":{"a":1}}},)"
                               R"("allocation_id":1,"assignment":{"executor_node":")" +
                                   server.node_id(0) + R"(","explanation":""}})");
    EsReply state = server.get("/_cluster/state?filter_path=metadata.persistent_tasks");
    BOOST_TEST(state.body ==
               R"({"metadata":{"persistent_tasks":{"last_allocation_id":1,"tasks":[)" +
                   created.body + "]}}}");
    EsReply updated = server.post("/_taskcheck/persistent/job-1/_state",
                                  R"({"allocation_id":1,"state":{"p":2}})");
    BOOST_TEST(updated.json()["task"]["taskcheck/test"]["state"].dump() == R"({"p":2})");
    EsReply stale = server.post("/_taskcheck/persistent/job-1/_complete", R"({"allocation_id":7})");
    BOOST_TEST(stale.status == 404);
    BOOST_TEST(stale.json()["error"]["reason"] ==
               "the task with id [job-1] and allocation id [7] not found");
    BOOST_TEST(
        server.post("/_taskcheck/persistent/job-1/_complete", R"({"allocation_id":1})").status ==
        200);
    BOOST_TEST(server.get("/_cluster/state/metadata?filter_path=**.tasks").body ==
               R"({"metadata":{"persistent_tasks":{"tasks":[]}}})");
}

// --- durability ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(after_a_restart_running_tasks_are_gone_but_results_and_persistent_tasks_stay) {
    EsTestServer server("es-routes-durable");
    // Ids restart at 1 after a restart, and a GET registers its own child task on the task's
    // node first (spec §4.1), so the tasks here avoid being that next id.
    const std::string running = server.start_task(R"({"node":"es-1","action":"test:r"})");
    const std::string stored = server.start_task(
        R"({"node":"es-1","action":"test:s","store_result":true,"duration_ms":10})");
    BOOST_TEST(stored == server.node_id(1) + ":2");
    server.advance(10);
    const std::string before = server.get("/_tasks/" + stored).body;
    server.post("/_taskcheck/persistent", R"({"id":"p1"})");
    server.restart();
    BOOST_TEST(server.get("/_tasks/" + stored).body == before);
    BOOST_TEST(server.get("/_tasks/" + running).status == 404);
    BOOST_TEST(server.get("/_tasks?actions=test:*&group_by=none").body == R"({"tasks":[]})");
    // The full restart reloads the task with allocation id 0 and the master reassigns it.
    Json tasks = server.get("/_cluster/state?filter_path=metadata.persistent_tasks").json();
    Json task = tasks["metadata"]["persistent_tasks"]["tasks"][0];
    BOOST_TEST(task["id"] == "p1");
    BOOST_TEST(task["allocation_id"] == 2);
    BOOST_TEST(task["allocation_id_on_last_status_update"] == 0);
    server.restart();
    BOOST_TEST(server.get("/_tasks/" + stored).body == before);
}

BOOST_AUTO_TEST_SUITE_END()
