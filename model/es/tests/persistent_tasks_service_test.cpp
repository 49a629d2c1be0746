// The master side of persistent tasks: create, assignment and reassignment
// (spec/elasticsearch.md §5.2, §7.6, §7.11).
#include <boost/test/unit_test.hpp>

#include "model/common/input_error.hpp"
#include "model/es/tests/persistent_test_master.hpp"

using namespace taskcheck::es;
using namespace taskcheck::es::testing;

BOOST_AUTO_TEST_SUITE(es_persistent_tasks_service)

BOOST_AUTO_TEST_CASE(create_assigns_to_a_data_node_with_an_empty_explanation) {
    Master m;
    m.nodes({master_only("m1"), data_node("d1")});
    const PersistentTask created = m.create("job-1");
    BOOST_TEST(Json(created).dump() ==
               R"({"id":"job-1","task":{"rollup":{"params":{"n":1}}},"allocation_id":1,)"
               R"("assignment":{"executor_node":"d1","explanation":""}})");
    BOOST_TEST(
        m.service.render_cluster_state("metadata.persistent_tasks.last_allocation_id").dump() ==
        R"({"metadata":{"persistent_tasks":{"last_allocation_id":1}}})");
    BOOST_TEST(!m.service.recheck_scheduled_at().has_value());
}

BOOST_AUTO_TEST_CASE(duplicate_id_is_resource_already_exists_with_literal_braces) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job-1");
    const auto again = m.service.create({"job-1", "rollup", std::nullopt}, m.now, m.shuffle);
    BOOST_TEST(rest(again.error()) ==
               R"({"error":{"root_cause":[{"type":"resource_already_exists_exception",)"
               R"("reason":"task with id {job-1} already exist"}],)"
               R"("type":"resource_already_exists_exception",)"
               R"("reason":"task with id {job-1} already exist"},"status":400})");
    BOOST_TEST(m.service.metadata()->last_allocation_id() == 1);
}

BOOST_AUTO_TEST_CASE(unknown_executor_is_an_illegal_state_exception) {
    Master m;
    const auto created = m.service.create({"x", "ml/job", std::nullopt}, m.now, m.shuffle);
    BOOST_TEST(rest(created.error()) ==
               R"({"error":{"root_cause":[{"type":"illegal_state_exception",)"
               R"("reason":"Unknown persistent executor [ml/job]"}],)"
               R"("type":"illegal_state_exception",)"
               R"("reason":"Unknown persistent executor [ml/job]"},"status":500})");
    BOOST_TEST(!m.service.metadata().has_value());
    BOOST_TEST(m.service.render_cluster_state().dump() == R"({"metadata":{}})");
}

BOOST_AUTO_TEST_CASE(start_request_without_id_and_name_fails_validation) {
    Master m;
    const auto created = m.service.create({}, m.now, m.shuffle);
    BOOST_TEST(created.error().http_status == 400);
    BOOST_TEST(created.error().type == "action_request_validation_exception");
    BOOST_TEST(created.error().reason ==
               "Validation Failed: 1: task id must be specified;2: action must be specified;");
}

BOOST_AUTO_TEST_CASE(no_data_node_means_no_appropriate_nodes_and_a_recheck_in_30s) {
    Master m;
    m.nodes({master_only("m1"), data_node("d1")}, {"d1"});  // d1 is shutting down
    m.now = seconds(5);
    m.create("job-1");
    BOOST_TEST(m.assignment("job-1") ==
               R"({"executor_node":null,)"
               R"("explanation":"no appropriate nodes found for the assignment"})");
    BOOST_TEST(m.service.recheck_scheduled_at().value_or(-1) == seconds(35));
}

BOOST_AUTO_TEST_CASE(spec_7_11_load_counts_only_tasks_with_the_same_name) {
    // d1 runs two transforms; a rollup still goes to d1, the first in shuffle order, because
    // only rollups count.
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.create("t1", "transform");
    m.shuffle = {"d1", "d2"};
    m.create("t2", "transform");  // d2 now has 0 transforms → wins over d1's 1
    BOOST_TEST(*m.task("t2").assignment.executor_node == "d2");
    m.create("t3", "transform");  // tie 1:1 → first in shuffle order
    BOOST_TEST(*m.task("t3").assignment.executor_node == "d1");
    m.create("r1", "rollup");
    BOOST_TEST(*m.task("r1").assignment.executor_node == "d1");
}

BOOST_AUTO_TEST_CASE(spec_7_11_ties_are_broken_by_the_callers_shuffle) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2"), data_node("d3")});
    m.shuffle = {"d3", "d1", "d2"};
    m.create("a");
    BOOST_TEST(*m.task("a").assignment.executor_node == "d3");
    m.shuffle = {"d2", "d3", "d1"};
    m.create("b");  // d3 has one rollup now; d2 and d1 tie at 0, d2 first
    BOOST_TEST(*m.task("b").assignment.executor_node == "d2");
}

BOOST_AUTO_TEST_CASE(a_shuffle_that_is_not_a_permutation_is_rejected_input) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.shuffle = {"d1", "d9"};
    try {
        m.create("a");
        BOOST_FAIL("expected InputError");
    } catch (const taskcheck::InputError& error) {
        BOOST_TEST(std::string(error.what()) ==
                   "persistent-shuffle-invalid: the candidate shuffle has 2 node ids that are not "
                   "a permutation of the 2 cluster nodes; pass every current node id exactly "
                   "once, or an empty shuffle");
    }
    BOOST_TEST(!m.service.metadata().has_value());
}

BOOST_AUTO_TEST_CASE(node_loss_publishes_awaiting_reassignment_then_reassigns_elsewhere) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.create("job");  // d1, allocation 1
    m.nodes({data_node("d2")});
    const auto& published = m.service.published();
    BOOST_TEST(published.size() == 2u);
    BOOST_TEST(Json(published[0].find("job")->assignment).dump() ==
               R"({"executor_node":null,"explanation":"awaiting reassignment after node loss"})");
    BOOST_TEST(published[0].find("job")->allocation_id == 2);
    BOOST_TEST(m.json("job") ==
               R"({"id":"job","task":{"rollup":{"params":{"n":1}}},"allocation_id":3,)"
               R"("assignment":{"executor_node":"d2","explanation":""},)"
               R"("allocation_id_on_last_status_update":2})");
}

BOOST_AUTO_TEST_CASE(node_loss_with_no_other_node_leaves_the_task_unassigned_and_rechecks) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    m.now = seconds(100);
    m.nodes({});
    BOOST_TEST(m.json("job") ==
               R"({"id":"job","task":{"rollup":{"params":{"n":1}}},"allocation_id":3,)"
               R"("assignment":{"executor_node":null,)"
               R"("explanation":"no appropriate nodes found for the assignment"},)"
               R"("allocation_id_on_last_status_update":2})");
    BOOST_TEST(m.service.recheck_scheduled_at().value_or(-1) == seconds(130));
    m.now = seconds(110);
    m.nodes({data_node("d2")});  // a join reassigns at once and cancels the recheck
    BOOST_TEST(m.assignment("job") == R"({"executor_node":"d2","explanation":""})");
    BOOST_TEST(m.task("job").allocation_id == 4);
    BOOST_TEST(!m.service.recheck_scheduled_at().has_value());
}

BOOST_AUTO_TEST_CASE(spec_7_6_reassignment_sets_allocation_id_on_last_status_update_to_old_id) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.create("job");
    m.service.update_state({"job", 1, Json{{"phase", "a"}}}, m.now, m.shuffle).value();
    m.nodes({data_node("d2")});
    // Two reassignments (lost, then d2): the field holds the allocation id just replaced (2),
    // not the one the state was last updated under (1).
    BOOST_TEST(m.json("job") ==
               R"({"id":"job","task":{"rollup":{"params":{"n":1},"state":{"phase":"a"}}},)"
               R"("allocation_id":3,"assignment":{"executor_node":"d2","explanation":""},)"
               R"("allocation_id_on_last_status_update":2})");
}

BOOST_AUTO_TEST_CASE(a_shutting_down_node_keeps_its_tasks_but_gets_no_new_ones) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.create("a");  // d1
    m.nodes({data_node("d1"), data_node("d2")}, {"d1"});
    BOOST_TEST(m.assignment("a") == R"({"executor_node":"d1","explanation":""})");
    m.create("b");
    m.create("c");  // d1 excluded though d2 is more loaded
    BOOST_TEST(*m.task("c").assignment.executor_node == "d2");
}

BOOST_AUTO_TEST_CASE(becoming_master_keeps_allocation_ids_of_tasks_on_live_nodes) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    m.service.become_master(m.now, m.shuffle);
    BOOST_TEST(m.task("job").allocation_id == 1);
    BOOST_TEST(m.service.published().empty());
}

BOOST_AUTO_TEST_SUITE_END()
