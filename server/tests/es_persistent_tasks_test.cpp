// Persistent tasks on their executor nodes, over real HTTP (spec/elasticsearch.md §5.3): a task
// the master assigns to a node shows in that node's `_tasks` and `_cat/tasks` as type
// persistent, action "<name>[c]", parent "cluster:<allocation id>", description "id=<id>",
// status {"state":"STARTED"}; it moves with a reassignment, goes with a removal, and a user's
// cancel completes it (the master removes it).
#include <boost/test/unit_test.hpp>

#include "server/tests/es_test_server.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;
using Json = nlohmann::ordered_json;

namespace {

const char* kExecutorTasks = "/_tasks?actions=taskcheck/test*&detailed=true&group_by=none";

// The persistent task `id` as the cluster state shows it.
Json persistent_task(EsTestServer& server, const std::string& id) {
    Json tasks = server.get("/_cluster/state?filter_path=metadata.persistent_tasks.tasks")
                     .json()["metadata"]["persistent_tasks"]["tasks"];
    for (const Json& task : tasks)
        if (task["id"] == id) return task;
    return Json();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_persistent_tasks)

BOOST_AUTO_TEST_CASE(an_assigned_task_runs_on_its_executor_node_as_a_persistent_task) {
    EsTestServer server("es-persistent-executor");
    server.post("/_taskcheck/persistent", R"({"id":"job-1"})");
    server.advance(7);
    EsReply listed = server.get(kExecutorTasks);
    BOOST_TEST(listed.body == R"({"tasks":[{"node":")" + server.node_id(0) +
                                  R"(","id":1,"type":"persistent","action":"taskcheck/test[c]",)"
                                  R"("status":{"state":"STARTED"},"description":"id=job-1",)"
                                  R"("start_time_in_millis":1704067200000,)"
                                  R"("running_time_in_nanos":7000000,"cancellable":true,)"
                                  R"("cancelled":false,"parent_task_id":"cluster:1",)"
                                  R"("headers":{}}]})");
}

BOOST_AUTO_TEST_CASE(cat_tasks_shows_the_executor_task_with_its_cluster_parent) {
    EsTestServer server("es-persistent-cat");
    server.post("/_taskcheck/persistent", R"({"id":"job-1"})");
    EsReply cat =
        server.get("/_cat/tasks?actions=taskcheck/*&h=action,task_id,parent_task_id,type");
    BOOST_TEST(cat.body == "taskcheck/test[c] " + server.node_id(0) + ":1 cluster:1 persistent\n");
}

BOOST_AUTO_TEST_CASE(a_task_moves_with_its_reassignment_after_node_loss) {
    EsTestServer server("es-persistent-move");
    server.post("/_taskcheck/persistent", R"({"id":"job-1"})");
    server.post("/_taskcheck/nodes/es-0/_crash");
    Json task = persistent_task(server, "job-1");
    const std::string executor = task["assignment"]["executor_node"].get<std::string>();
    BOOST_TEST(executor != server.node_id(0));
    Json listed = server.get(kExecutorTasks).json()["tasks"];
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0]["node"] == executor);
    BOOST_TEST(listed[0]["parent_task_id"] ==
               "cluster:" + std::to_string(task["allocation_id"].get<int>()));
    BOOST_TEST(task["allocation_id"] == 3);  // 2: awaiting reassignment after node loss
}

BOOST_AUTO_TEST_CASE(a_removed_task_is_cancelled_locally_and_leaves_the_listing) {
    EsTestServer server("es-persistent-remove");
    server.post("/_taskcheck/persistent", R"({"id":"job-1"})");
    server.post("/_taskcheck/persistent", R"({"id":"job-2"})");
    BOOST_TEST(server.del("/_taskcheck/persistent/job-1").status == 200);
    Json listed = server.get(kExecutorTasks).json()["tasks"];
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0]["description"] == "id=job-2");
}

BOOST_AUTO_TEST_CASE(a_user_cancel_completes_the_task_and_the_master_removes_it) {
    EsTestServer server("es-persistent-cancel");
    server.post("/_taskcheck/persistent", R"({"id":"job-1"})");
    const std::string local = server.node_id(0) + ":1";
    EsReply cancelled = server.post("/_tasks/" + local + "/_cancel?group_by=none");
    BOOST_TEST(cancelled.json()["tasks"][0]["cancelled"] == true);
    BOOST_TEST(server.get(kExecutorTasks).body == R"({"tasks":[]})");
    BOOST_TEST(persistent_task(server, "job-1").is_null());
    // The completion is durable: the task does not come back after a restart.
    server.restart();
    BOOST_TEST(persistent_task(server, "job-1").is_null());
}

BOOST_AUTO_TEST_CASE(after_a_full_restart_the_task_runs_again_with_a_new_allocation) {
    EsTestServer server("es-persistent-restart");
    server.post("/_taskcheck/persistent", R"({"id":"job-1"})");
    server.restart();
    Json task = persistent_task(server, "job-1");
    Json listed = server.get(kExecutorTasks).json()["tasks"];
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0]["node"] == task["assignment"]["executor_node"]);
    BOOST_TEST(listed[0]["parent_task_id"] == "cluster:2");
}

BOOST_AUTO_TEST_SUITE_END()
