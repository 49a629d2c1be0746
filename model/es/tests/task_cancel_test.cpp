// POST _tasks/_cancel: descendants, bans, failures as node_failures, waiting, node loss
// (spec/elasticsearch.md §3.4, §4.2, §7.2, §7.7).
#include "model/es/tests/es_test_cluster.hpp"

using namespace taskcheck;
using namespace taskcheck::es;
using namespace taskcheck::es::testing;

namespace {

CancelTasksRequest cancel_id(std::string id) {
    CancelTasksRequest request;
    request.task_id = std::move(id);
    return request;
}

const Task& task(TwoNodes& c, const TaskId& id) {
    const Task* found = c.cluster.manager(id.node)->find(id.number);
    BOOST_REQUIRE(found != nullptr);
    return *found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_task_cancel)

BOOST_AUTO_TEST_CASE(cancel_lists_the_task_with_cancelled_true_and_reaches_descendants) {
    TwoNodes c;
    const TaskId parent = c.start("node-a", "indices:data/write/reindex", true);
    const TaskId child = c.start("node-b", "indices:data/write/bulk", true, parent);
    const TaskId grandchild = c.start("node-b", "indices:data/write/bulk[s]", true, child);
    const TaskId fixed = c.start("node-b", "indices:data/write/bulk[s][r]", false, child);
    BOOST_TEST(c.cancel(cancel_id("node-a:1")) ==
               canon(R"({"nodes":{"node-a":{"name":"es-0","transport_address":"127.0.0.1:9300",
                 "host":"127.0.0.1","ip":"127.0.0.1:9300","roles":["data","master"],"tasks":{
                 "node-a:1":{"node":"node-a","id":1,"type":"transport",
                 "action":"indices:data/write/reindex","start_time_in_millis":1714557600123,
                 "running_time_in_nanos":0,"cancellable":true,"cancelled":true,"headers":{}}}}}})"));
    BOOST_TEST(task(c, child).cancelled);
    BOOST_TEST(task(c, child).cancel_reason == "by user request");
    BOOST_TEST(task(c, grandchild).cancelled);
    BOOST_TEST(!task(c, fixed).cancelled);  // not cancellable: untouched
}

BOOST_AUTO_TEST_CASE(ban_rejects_later_cancellable_children) {
    TwoNodes c;
    const TaskId parent = c.start("node-a", "indices:data/write/reindex", true);
    c.cancel(cancel_id("node-a:1"));
    TaskRegistration r;
    r.action = "indices:data/write/bulk";
    r.cancellable = true;
    r.parent = parent;
    auto rejected = c.cluster.start_task("node-b", r, c.now);
    BOOST_REQUIRE(!rejected.ok());
    BOOST_TEST(to_rest_json(rejected.error()).dump() ==
               R"({"error":{"root_cause":[{"type":"task_cancelled_exception","reason":)"
               R"("task cancelled before starting [by user request]"}],"type":)"
               R"("task_cancelled_exception","reason":"task cancelled before starting [by user )"
               R"(request]"},"status":400})");
    BOOST_TEST(c.cluster.manager("node-b")->last_id() == 1);  // the id was consumed
    c.finish(parent);                                         // the ban goes with the parent
    BOOST_TEST(c.cluster.start_task("node-b", r, c.now).ok());
}

BOOST_AUTO_TEST_CASE(spec_7_7_cancel_is_idempotent_in_8x) {
    TwoNodes c;
    c.start("node-a", "indices:data/write/reindex", true);
    const std::string first = c.cancel(cancel_id("node-a:1"));
    BOOST_TEST(c.cancel(cancel_id("node-a:1")) == first);
}

BOOST_AUTO_TEST_CASE(spec_7_2_unknown_node_is_200_with_node_failures) {
    TwoNodes c;
    BOOST_TEST(c.cancel(cancel_id("foo:1")) ==
               canon(R"({"node_failures":[{"type":"failed_node_exception",
                 "reason":"Failed node [foo]","node_id":"foo","caused_by":{
                 "type":"no_such_node_exception","reason":"No such node [foo]",
                 "node_id":"foo"}}],"nodes":{}})"));
}

BOOST_AUTO_TEST_CASE(spec_7_2_unknown_task_is_200_with_not_found_cause) {
    TwoNodes c;
    BOOST_TEST(c.cancel(cancel_id("node-b:12")) ==
               canon(R"({"node_failures":[{"type":"failed_node_exception",
                 "reason":"Failed node [node-b]","node_id":"node-b","caused_by":{
                 "type":"resource_not_found_exception","reason":"task [node-b:12] is not found"}}],
                 "nodes":{}})"));
}

BOOST_AUTO_TEST_CASE(spec_7_2_non_cancellable_task_is_200_with_node_failures) {
    TwoNodes c;
    c.start("node-a", "indices:data/read/search", false);
    BOOST_TEST(c.cancel(cancel_id("node-a:1")) ==
               canon(R"({"node_failures":[{"type":"failed_node_exception",
                 "reason":"Failed node [node-a]","node_id":"node-a","caused_by":{
                 "type":"illegal_argument_exception",
                 "reason":"task [node-a:1] doesn't support cancellation"}}],"nodes":{}})"));
}

BOOST_AUTO_TEST_CASE(unknown_action_cancels_nothing) {
    TwoNodes c;
    c.start("node-a", "indices:data/write/reindex", true);
    CancelTasksRequest request;
    request.selection.actions = "unknown_action";
    BOOST_TEST(c.cancel(request) == R"({"nodes":{}})");
    BOOST_TEST(!task(c, TaskId{"node-a", 1}).cancelled);
}

BOOST_AUTO_TEST_CASE(task_id_with_node_ids_fails_validation) {
    TwoNodes c;
    CancelTasksRequest request = cancel_id("node-a:1");
    request.selection.nodes = "node-b";
    BOOST_TEST(TwoNodes::error(c.cluster.cancel(request, {}, c.now)) ==
               R"({"error":{"root_cause":[{"type":"action_request_validation_exception",)"
               R"("reason":"Validation Failed: 1: task id cannot be used together with node )"
               R"(ids;"}],"type":"action_request_validation_exception","reason":"Validation )"
               R"(Failed: 1: task id cannot be used together with node ids;"},"status":400})");
}

BOOST_AUTO_TEST_CASE(spec_7_1_cancel_path_id_without_colon_is_malformed) {
    TwoNodes c;
    BOOST_TEST(TwoNodes::error(c.cluster.cancel(cancel_id("1"), {}, c.now)) ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception",)"
               R"("reason":"malformed task id 1"}],"type":"illegal_argument_exception",)"
               R"("reason":"malformed task id 1"},"status":400})");
}

// wait_for_completion: the reply comes only when the task and every descendant unregistered.
BOOST_AUTO_TEST_CASE(cancel_wait_completes_when_the_last_descendant_is_gone) {
    TwoNodes c;
    const TaskId parent = c.start("node-a", "indices:data/write/reindex", true);
    const TaskId child = c.start("node-b", "indices:data/write/bulk", false, parent);
    CancelTasksRequest request = cancel_id("node-a:1");
    request.wait_for_completion = true;
    const Reply reply = c.cluster.cancel(request, {}, c.now);
    BOOST_REQUIRE(reply.pending());
    BOOST_TEST(!c.cluster.wait_deadline(reply.wait).has_value());
    c.finish(parent);
    BOOST_TEST(!c.cluster.poll(reply.wait, c.now).has_value());  // child still running
    c.finish(child);
    auto answer = c.cluster.poll(reply.wait, c.now);
    BOOST_REQUIRE(answer.has_value());
    BOOST_TEST(ordered_json::parse(
                   answer->value())["nodes"]["node-a"]["tasks"]["node-a:1"]["cancelled"] == true);
}

BOOST_AUTO_TEST_CASE(node_leaving_cancels_children_of_its_tasks_with_channel_closed) {
    TwoNodes c;
    const TaskId parent = c.start("node-b", "indices:data/write/reindex", true);
    const TaskId child = c.start("node-a", "indices:data/write/bulk", true, parent);
    const TaskId grandchild = c.start("node-a", "indices:data/write/bulk[s]", true, child);
    BOOST_TEST(c.cluster.leave("node-b", c.now));
    BOOST_TEST(task(c, child).cancel_reason == "channel was closed");
    BOOST_TEST(task(c, grandchild).cancel_reason == "channel was closed");
    BOOST_TEST(*c.cluster.membership().master() == "node-a");
    BOOST_TEST(c.cluster.manager("node-b") == nullptr);
}

BOOST_AUTO_TEST_CASE(node_leaving_drops_the_bans_it_placed) {
    TwoNodes c;
    c.start("node-b", "indices:data/write/reindex", true);
    c.start("node-a", "indices:data/write/bulk", true, TaskId{"node-b", 1});
    c.cluster.cancel(cancel_id("node-b:1"), {}, c.now);
    BOOST_TEST(c.cluster.manager("node-a")->bans().size() == 2u);  // node-b:1 and node-a:1
    c.cluster.leave("node-b", c.now);
    BOOST_TEST(c.cluster.manager("node-a")->bans().size() == 1u);
    BOOST_TEST(c.cluster.manager("node-a")->ban(TaskId{"node-b", 1}) == nullptr);
}

BOOST_AUTO_TEST_CASE(restarted_node_numbers_tasks_from_one_again) {
    TwoNodes c;
    c.start("node-b", "a", false);
    c.start("node-b", "b", false);
    c.cluster.restart("node-b", c.now);
    BOOST_TEST(c.start("node-b", "c", false).number == 1);
    BOOST_TEST(c.cluster.membership().nodes().back().id == "node-b");
}

BOOST_AUTO_TEST_SUITE_END()
