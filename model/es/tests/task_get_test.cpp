// GET _tasks/<id>: running, stored, not found, waiting (spec/elasticsearch.md §3.3, §3.4, §7.7).
#include "model/es/tests/es_test_cluster.hpp"

using namespace taskcheck;
using namespace taskcheck::es;
using namespace taskcheck::es::testing;

namespace {

TaskId start_stored(TwoNodes& c) {
    TaskRegistration r;
    r.action = "indices:data/write/reindex";
    r.description = "reindex from [a] to [b]";
    r.cancellable = true;
    r.store_result = true;
    auto id = c.cluster.start_task("node-b", r, c.now);
    BOOST_REQUIRE(id.ok());
    return id.value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_task_get)

BOOST_AUTO_TEST_CASE(running_task_is_completed_false_with_detailed_info) {
    TwoNodes c;
    start_stored(c);
    c.now += ms(2);
    BOOST_TEST(TwoNodes::body(c.get("node-b:1")) ==
               canon(R"({"completed":false,"task":{"node":"node-b","id":1,"type":"transport",
                 "action":"indices:data/write/reindex","description":"reindex from [a] to [b]",
                 "start_time_in_millis":1714557600123,"running_time_in_nanos":2000000,
                 "cancellable":true,"cancelled":false,"headers":{}}})"));
}

BOOST_AUTO_TEST_CASE(finished_task_with_stored_result_returns_the_document) {
    TwoNodes c;
    const TaskId id = start_stored(c);
    c.now += ms(7);
    c.cluster.finish_task(id, TaskOutcome{ordered_json::parse(R"({"created":3})"), {}}, c.now);
    BOOST_TEST(TwoNodes::body(c.get("node-b:1")) ==
               canon(R"({"completed":true,"task":{"node":"node-b","id":1,"type":"transport",
                 "action":"indices:data/write/reindex","description":"reindex from [a] to [b]",
                 "start_time_in_millis":1714557600123,"running_time_in_nanos":7000000,
                 "cancellable":true,"cancelled":false,"headers":{}},"response":{"created":3}})"));
}

BOOST_AUTO_TEST_CASE(unknown_task_on_live_node_without_tasks_index) {
    TwoNodes c;
    BOOST_TEST(TwoNodes::error(c.get("node-b:123")) ==
               canon(R"({"error":{"root_cause":[{"type":"index_not_found_exception",
                 "reason":"no such index [.tasks]","resource.type":"index_or_alias",
                 "resource.id":".tasks","index_uuid":"_na_","index":".tasks"}],
                 "type":"resource_not_found_exception",
                 "reason":"task [node-b:123] isn't running and hasn't stored its results",
                 "caused_by":{"type":"index_not_found_exception","reason":"no such index [.tasks]",
                 "resource.type":"index_or_alias","resource.id":".tasks","index_uuid":"_na_",
                 "index":".tasks"}},"status":404})"));
}

BOOST_AUTO_TEST_CASE(unknown_node_with_tasks_index_has_two_level_chain) {
    TwoNodes c;
    const TaskId id = start_stored(c);
    c.cluster.finish_task(id, TaskOutcome{ordered_json::object(), {}}, c.now);
    BOOST_TEST(TwoNodes::error(c.get("foo:1")) ==
               canon(R"({"error":{"root_cause":[{"type":"resource_not_found_exception",
                 "reason":"task [foo:1] isn't running and hasn't stored its results"}],
                 "type":"resource_not_found_exception",
                 "reason":"task [foo:1] belongs to the node [foo] which isn't part of the cluster and there is no record of the task",
                 "caused_by":{"type":"resource_not_found_exception",
                 "reason":"task [foo:1] isn't running and hasn't stored its results"}},
                 "status":404})"));
}

BOOST_AUTO_TEST_CASE(wait_returns_stored_result_when_the_task_finishes) {
    TwoNodes c;
    const TaskId id = start_stored(c);
    const Reply reply = c.get("node-b:1", true);
    BOOST_REQUIRE(reply.pending());
    c.now += seconds(1);
    c.cluster.finish_task(id, TaskOutcome{{}, task_cancelled("task cancelled [by user request]")},
                          c.now);
    auto answer = c.cluster.poll(reply.wait, c.now);
    BOOST_REQUIRE(answer.has_value());
    const ordered_json body = ordered_json::parse(answer->value());
    BOOST_TEST(body["completed"] == true);
    BOOST_TEST(
        body["error"].dump() ==
        R"({"type":"task_cancelled_exception","reason":"task cancelled [by user request]"})");
}

BOOST_AUTO_TEST_CASE(spec_7_7_wait_timeout_is_429_since_8_17) {
    TwoNodes c;
    start_stored(c);
    const Reply reply = c.get("node-b:1", true, seconds(10));
    BOOST_REQUIRE(reply.pending());
    BOOST_TEST(!c.cluster.poll(reply.wait, c.now + seconds(10) - 1).has_value());
    auto answer = c.cluster.poll(reply.wait, c.now + seconds(10));
    BOOST_REQUIRE(answer.has_value());
    BOOST_TEST(to_rest_json(answer->error()).dump() ==
               R"({"error":{"root_cause":[{"type":"timeout_exception","reason":)"
               R"("Timed out waiting for completion of task"}],"type":"timeout_exception",)"
               R"("reason":"Timed out waiting for completion of task"},"status":429})");
}

BOOST_AUTO_TEST_CASE(spec_7_7_wait_timeout_is_500_before_8_17) {
    TwoNodes c(TaskClusterOptions{8, 16});
    start_stored(c);
    const Reply reply = c.get("node-b:1", true);  // default 30s
    auto answer = c.cluster.poll(reply.wait, c.now + seconds(30));
    BOOST_REQUIRE(answer.has_value());
    BOOST_TEST(answer->error().http_status == 500);
}

BOOST_AUTO_TEST_CASE(spec_7_1_get_malformed_ids) {
    TwoNodes c;
    BOOST_TEST(c.get("foo").result->error().reason == "malformed task id foo");
    BOOST_TEST(c.get("unset").result->error().reason ==
               "Validation Failed: 1: task id is required;");
}

BOOST_AUTO_TEST_SUITE_END()
