// GET _tasks: shapes, key order, self-listing and selection (spec/elasticsearch.md §3.1, §3.2).
#include "model/es/tests/es_test_cluster.hpp"

using namespace taskcheck;
using namespace taskcheck::es;
using namespace taskcheck::es::testing;

BOOST_AUTO_TEST_SUITE(es_task_listing)

// The list request registers "lists" on the coordinating node and one "[n]" child per node:
// direct on its own node, transport elsewhere. Both are cancellable in 8.x (§7.10).
BOOST_AUTO_TEST_CASE(spec_7_5_list_shows_its_own_tasks_grouped_by_nodes) {
    TwoNodes c;
    const std::string expected = R"({"nodes":{
      "node-a":{"name":"es-0","transport_address":"127.0.0.1:9300","host":"127.0.0.1",
        "ip":"127.0.0.1:9300","roles":["data","master"],"tasks":{
        "node-a:1":{"node":"node-a","id":1,"type":"transport","action":"cluster:monitor/tasks/lists",
          "start_time_in_millis":1714557600123,"running_time_in_nanos":0,"cancellable":true,
          "cancelled":false,"headers":{}},
        "node-a:2":{"node":"node-a","id":2,"type":"direct","action":"cluster:monitor/tasks/lists[n]",
          "start_time_in_millis":1714557600123,"running_time_in_nanos":0,"cancellable":true,
          "cancelled":false,"parent_task_id":"node-a:1","headers":{}}}},
      "node-b":{"name":"es-1","transport_address":"127.0.0.1:9301","host":"127.0.0.1",
        "ip":"127.0.0.1:9301","roles":["data","master"],"tasks":{
        "node-b:1":{"node":"node-b","id":1,"type":"transport","action":"cluster:monitor/tasks/lists[n]",
          "start_time_in_millis":1714557600123,"running_time_in_nanos":0,"cancellable":true,
          "cancelled":false,"parent_task_id":"node-a:1","headers":{}}}}}})";
    BOOST_TEST(c.list({}) == canon(expected));
    // The list tasks are gone afterwards; the next list uses fresh ids.
    BOOST_TEST(c.cluster.manager("node-a")->tasks().empty());
    BOOST_TEST(c.cluster.manager("node-a")->last_id() == 2);
}

// The documentation's examples omit "headers" and node "roles" and show the list task with
// "cancellable": false; 8.x always writes both and list tasks are cancellable (§7.10).
BOOST_AUTO_TEST_CASE(spec_7_10_list_tasks_are_cancellable_and_carry_headers_and_roles) {
    TwoNodes c;
    ListTasksRequest request;
    request.selection.nodes = "_local";
    const ordered_json node = ordered_json::parse(c.list(request))["nodes"]["node-a"];
    BOOST_TEST(node["roles"].dump() == R"(["data","master"])");
    const ordered_json list_task = node["tasks"]["node-a:1"];
    BOOST_TEST(list_task["cancellable"] == true);
    BOOST_TEST(list_task["cancelled"] == false);
    BOOST_TEST(list_task["headers"].dump() == "{}");
}

BOOST_AUTO_TEST_CASE(group_by_parents_nests_children_and_keeps_orphans_top_level) {
    TwoNodes c;
    const TaskId reindex = c.start("node-a", "indices:data/write/reindex", true);
    c.now += us(293);
    c.start("node-b", "indices:data/write/bulk", true, reindex);
    c.start("node-b", "indices:data/write/bulk[s]", false, TaskId{"gone", 7});
    ListTasksRequest request;
    request.selection.actions = "indices:*";
    request.group_by = "parents";
    const std::string expected = R"({"tasks":{
      "node-a:1":{"node":"node-a","id":1,"type":"transport","action":"indices:data/write/reindex",
        "start_time_in_millis":1714557600123,"running_time_in_nanos":293000,"cancellable":true,
        "cancelled":false,"headers":{},"children":[
          {"node":"node-b","id":1,"type":"transport","action":"indices:data/write/bulk",
           "start_time_in_millis":1714557600123,"running_time_in_nanos":0,"cancellable":true,
           "cancelled":false,"parent_task_id":"node-a:1","headers":{}}]},
      "node-b:2":{"node":"node-b","id":2,"type":"transport","action":"indices:data/write/bulk[s]",
        "start_time_in_millis":1714557600123,"running_time_in_nanos":0,"cancellable":false,
        "parent_task_id":"gone:7","headers":{}}}})";
    BOOST_TEST(c.list(request) == canon(expected));
}

BOOST_AUTO_TEST_CASE(spec_7_8_human_adds_time_strings_only_when_asked) {
    TwoNodes c;
    c.start("node-a", "indices:data/read/search", false);
    c.now += 293139;
    ListTasksRequest request;
    request.selection.actions = "indices:data/read/search";
    request.group_by = "none";
    request.human = true;
    BOOST_TEST(c.list(request) == canon(R"({"tasks":[{"node":"node-a","id":1,"type":"transport",
                 "action":"indices:data/read/search","start_time":"2024-05-01T10:00:00.123Z",
                 "start_time_in_millis":1714557600123,"running_time":"293.1micros",
                 "running_time_in_nanos":293139,"cancellable":false,"headers":{}}]})"));
    request.human = false;
    BOOST_TEST(c.list(request).find("running_time\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(detailed_adds_status_and_description_in_order) {
    TwoNodes c;
    TaskRegistration r;
    r.action = "indices:data/write/reindex";
    r.description = "reindex from [a] to [b]";
    r.status = ordered_json::parse(R"({"total":10,"created":3})");
    r.cancellable = true;
    c.cluster.start_task("node-a", r, c.now);
    ListTasksRequest request;
    request.selection.actions = "*reindex";
    request.detailed = true;
    request.group_by = "none";
    BOOST_TEST(c.list(request) == canon(R"({"tasks":[{"node":"node-a","id":1,"type":"transport",
                 "action":"indices:data/write/reindex","status":{"total":10,"created":3},
                 "description":"reindex from [a] to [b]","start_time_in_millis":1714557600123,
                 "running_time_in_nanos":0,"cancellable":true,"cancelled":false,"headers":{}}]})"));
}

// The YAML X-Opaque-Id test: exact action filter returns just the coordinating task, with the
// copied header; children inherit it (§3.1).
BOOST_AUTO_TEST_CASE(headers_are_copied_into_the_list_tasks) {
    TwoNodes c;
    ListTasksRequest request;
    request.selection.actions = "cluster:monitor/tasks/lists";
    request.group_by = "none";
    RequestContext context{
        "node-b",
        {{"x-opaque-id", "123456"},
         {"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}};
    BOOST_TEST(c.list(request, context) ==
               canon(R"({"tasks":[{"node":"node-b","id":1,"type":"transport",
                 "action":"cluster:monitor/tasks/lists","start_time_in_millis":1714557600123,
                 "running_time_in_nanos":0,"cancellable":true,"cancelled":false,
                 "headers":{"X-Opaque-Id":"123456","trace.id":"0af7651916cd43dd8448eb211c80319c"}}]})"));
}

BOOST_AUTO_TEST_CASE(task_headers_over_16kb_are_rejected) {
    TwoNodes c;
    RequestContext context{"", {{"X-Opaque-Id", std::string(8182, 'x')}}};
    BOOST_TEST(TwoNodes::error(c.cluster.list({}, context, c.now)) ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception","reason":)"
               R"("Request exceeded the maximum size of task headers 16kb"}],"type":)"
               R"("illegal_argument_exception","reason":"Request exceeded the maximum size of )"
               R"(task headers 16kb"},"status":400})");
    context.http_headers[0].second.resize(8181);  // 2*11 + 2*8181 = 16384: allowed
    BOOST_TEST(c.cluster.list({}, context, c.now).result->ok());
}

BOOST_AUTO_TEST_CASE(unknown_nodes_give_empty_nodes_object) {
    TwoNodes c;
    ListTasksRequest request;
    request.selection.nodes = "nope";
    BOOST_TEST(c.list(request) == R"({"nodes":{}})");
}

BOOST_AUTO_TEST_CASE(nodes_resolve_by_name_wildcard_local_and_master) {
    TwoNodes c;
    const ClusterMembership& m = c.cluster.membership();
    BOOST_TEST((m.resolve("es-*", "node-a") == std::vector<NodeId>{"node-a", "node-b"}));
    BOOST_TEST((m.resolve("_local", "node-b") == std::vector<NodeId>{"node-b"}));
    BOOST_TEST((m.resolve("_master,es-1", "node-b") == std::vector<NodeId>{"node-a", "node-b"}));
    BOOST_TEST((m.resolve("data:true", "node-b") == std::vector<NodeId>{"node-a", "node-b"}));
    BOOST_TEST(m.resolve("ingest:true", "node-b").empty());
    BOOST_TEST((m.resolve("", "x") == std::vector<NodeId>{"node-a", "node-b"}));
}

BOOST_AUTO_TEST_CASE(parent_task_id_filters_exactly) {
    TwoNodes c;
    const TaskId parent = c.start("node-a", "indices:data/write/reindex", true);
    c.start("node-b", "indices:data/write/bulk", true, parent);
    ListTasksRequest request;
    request.selection.parent_task_id = "node-a:1";
    request.group_by = "none";
    const ordered_json tasks = ordered_json::parse(c.list(request))["tasks"];
    BOOST_TEST(tasks.size() == 1u);
    BOOST_TEST(tasks[0]["action"] == "indices:data/write/bulk");
}

BOOST_AUTO_TEST_CASE(spec_7_1_list_with_parent_task_id_minus_one_is_400) {
    TwoNodes c;
    ListTasksRequest request;
    request.selection.parent_task_id = "-1";
    BOOST_TEST(TwoNodes::error(c.cluster.list(request, {}, c.now)) ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception",)"
               R"("reason":"malformed task id -1"}],"type":"illegal_argument_exception",)"
               R"("reason":"malformed task id -1"},"status":400})");
    request.selection.parent_task_id = "node-a:-1";  // silently "unset": everything listed
    BOOST_TEST(c.list(request).find("node-b:1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_group_by_names_the_three_choices) {
    TwoNodes c;
    ListTasksRequest request;
    request.group_by = "foo";
    BOOST_TEST(TwoNodes::error(c.cluster.list(request, {}, c.now)) ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception","reason":)"
               R"("[group_by] must be one of [nodes], [parents] or [none] but was [foo]"}],)"
               R"("type":"illegal_argument_exception","reason":"[group_by] must be one of )"
               R"([nodes], [parents] or [none] but was [foo]"},"status":400})");
}

// wait_for_completion returns the snapshot once the matched tasks are gone; list tasks are
// never waited for.
BOOST_AUTO_TEST_CASE(list_wait_for_completion_answers_after_the_tasks_finish) {
    TwoNodes c;
    const TaskId reindex = c.start("node-a", "indices:data/write/reindex", true);
    ListTasksRequest request;
    request.selection.actions = "*reindex";
    request.group_by = "none";
    request.wait_for_completion = true;
    const Reply reply = c.cluster.list(request, {}, c.now);
    BOOST_REQUIRE(reply.pending());
    BOOST_TEST(!c.cluster.poll(reply.wait, c.now).has_value());
    c.now += ms(5);
    c.finish(reindex);
    auto answer = c.cluster.poll(reply.wait, c.now);
    BOOST_REQUIRE(answer.has_value());
    BOOST_TEST(ordered_json::parse(answer->value())["tasks"][0]["id"] == 1);
    BOOST_TEST(c.cluster.pending_waits().empty());
}

BOOST_AUTO_TEST_CASE(list_wait_timeout_is_a_node_failure_not_an_http_error) {
    TwoNodes c;
    c.start("node-b", "indices:data/write/reindex", true);
    ListTasksRequest request;
    request.selection.actions = "*reindex";
    request.wait_for_completion = true;
    request.timeout = seconds(10);
    const Reply reply = c.cluster.list(request, {}, c.now);
    BOOST_REQUIRE(reply.pending());
    BOOST_TEST(*c.cluster.wait_deadline(reply.wait) == c.now + seconds(10));
    auto answer = c.cluster.poll(reply.wait, c.now + seconds(10));
    BOOST_REQUIRE(answer.has_value());
    BOOST_TEST(answer->value() == canon(R"({"node_failures":[{"type":"failed_node_exception",
                 "reason":"Failed node [node-b]","node_id":"node-b","caused_by":{
                 "type":"timeout_exception","reason":"Timed out waiting for completion of task"}}],
                 "nodes":{}})"));
}

BOOST_AUTO_TEST_SUITE_END()
