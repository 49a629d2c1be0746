// The persistent-tasks metadata and its `GET _cluster/state` rendering (spec/elasticsearch.md
// §5.1, §7.6).
#include "model/es/persistent_tasks_metadata.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::es;
using Json = nlohmann::ordered_json;

namespace {

// Two tasks: "b-job" on node n1 (allocation 1) and "a-job" unassigned (allocation 2).
PersistentTasksMetadata two_tasks() {
    PersistentTasksMetadata metadata;
    metadata.add_task("b-job", "xpack/rollup/job", Json{{"config", {{"id", "b"}}}},
                      assigned_to("n1"));
    metadata.add_task("a-job", "xpack/rollup/job", std::nullopt, no_node_found_assignment());
    return metadata;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_persistent_tasks_metadata)

BOOST_AUTO_TEST_CASE(add_task_hands_out_increasing_allocation_ids) {
    PersistentTasksMetadata metadata = two_tasks();
    BOOST_TEST(metadata.last_allocation_id() == 2);
    BOOST_TEST(metadata.find("b-job")->allocation_id == 1);
    BOOST_TEST(metadata.find("a-job")->allocation_id == 2);
    BOOST_TEST(metadata.has_task("a-job", 2));
    BOOST_TEST(!metadata.has_task("a-job", 1));
    BOOST_TEST(metadata.any_unassigned());
}

BOOST_AUTO_TEST_CASE(renders_tasks_by_id_with_api_fields_in_es_order) {
    // ES keeps a HashMap; we render by id, so "a-job" comes first although created second.
    BOOST_TEST(render_cluster_state(two_tasks()).dump() ==
               R"({"metadata":{"persistent_tasks":{"last_allocation_id":2,"tasks":[)"
               R"({"id":"a-job","task":{"xpack/rollup/job":{}},"allocation_id":2,)"
               R"("assignment":{"executor_node":null,)"
               R"("explanation":"no appropriate nodes found for the assignment"}},)"
               R"({"id":"b-job","task":{"xpack/rollup/job":{"params":{"config":{"id":"b"}}}},)"
               R"("allocation_id":1,"assignment":{"executor_node":"n1","explanation":""}}]}}})");
}

BOOST_AUTO_TEST_CASE(no_metadata_renders_an_empty_metadata_object) {
    BOOST_TEST(render_cluster_state(std::nullopt).dump() == R"({"metadata":{}})");
}

BOOST_AUTO_TEST_CASE(spec_7_6_reassignment_sets_allocation_id_on_last_status_update_to_old_id) {
    // The state was never updated, yet the field appears with the previous allocation id.
    PersistentTasksMetadata metadata = two_tasks();
    metadata.reassign_task("b-job", assigned_to("n2"));
    BOOST_TEST(Json(*metadata.find("b-job")).dump() ==
               R"({"id":"b-job","task":{"xpack/rollup/job":{"params":{"config":{"id":"b"}}}},)"
               R"("allocation_id":3,"assignment":{"executor_node":"n2","explanation":""},)"
               R"("allocation_id_on_last_status_update":1})");
    BOOST_TEST(metadata.last_allocation_id() == 3);
}

BOOST_AUTO_TEST_CASE(state_update_keeps_allocation_id_and_records_it) {
    PersistentTasksMetadata metadata = two_tasks();
    metadata.update_task_state("b-job", Json{{"phase", "indexing"}});
    BOOST_TEST(Json(*metadata.find("b-job")).dump() ==
               R"({"id":"b-job","task":{"xpack/rollup/job":{"params":{"config":{"id":"b"}},)"
               R"("state":{"phase":"indexing"}}},"allocation_id":1,)"
               R"("assignment":{"executor_node":"n1","explanation":""},)"
               R"("allocation_id_on_last_status_update":1})");
    BOOST_TEST(metadata.last_allocation_id() == 2);
}

BOOST_AUTO_TEST_CASE(dead_node_tasks_await_reassignment_with_a_new_allocation_id) {
    PersistentTasksMetadata metadata = two_tasks();
    const auto changed = metadata.disassociate_dead_nodes({"n2"});
    BOOST_TEST(changed == std::vector<std::string>{"b-job"});
    const PersistentTask& task = *metadata.find("b-job");
    BOOST_TEST(task.allocation_id == 3);
    BOOST_TEST(Json(task.assignment).dump() ==
               R"({"executor_node":null,"explanation":"awaiting reassignment after node loss"})");
    // The unassigned task has no node to lose: unchanged.
    BOOST_TEST(metadata.find("a-job")->allocation_id == 2);
}

BOOST_AUTO_TEST_CASE(live_nodes_leave_the_metadata_unchanged) {
    PersistentTasksMetadata metadata = two_tasks();
    BOOST_TEST(metadata.disassociate_dead_nodes({"n1"}).empty());
    BOOST_TEST(metadata.last_allocation_id() == 2);
}

BOOST_AUTO_TEST_CASE(full_restart_reloads_tasks_with_allocation_id_zero_waiting_for_assignment) {
    PersistentTasksMetadata metadata = two_tasks();
    metadata.update_task_state("b-job", Json{{"phase", "indexing"}});
    const PersistentTasksMetadata reloaded = metadata.reloaded_after_full_restart();
    BOOST_TEST(Json(reloaded).dump() ==
               R"({"last_allocation_id":2,"tasks":[)"
               R"({"id":"a-job","task":{"xpack/rollup/job":{}},"allocation_id":0,)"
               R"("assignment":{"executor_node":null,)"
               R"("explanation":"waiting for initial assignment"}},)"
               R"({"id":"b-job","task":{"xpack/rollup/job":{"params":{"config":{"id":"b"}},)"
               R"("state":{"phase":"indexing"}}},"allocation_id":0,)"
               R"("assignment":{"executor_node":null,)"
               R"("explanation":"waiting for initial assignment"}}]})");
}

BOOST_AUTO_TEST_CASE(count_on_node_counts_only_tasks_with_the_same_name) {
    PersistentTasksMetadata metadata;
    metadata.add_task("r1", "rollup", std::nullopt, assigned_to("n1"));
    metadata.add_task("r2", "rollup", std::nullopt, assigned_to("n1"));
    metadata.add_task("t1", "transform", std::nullopt, assigned_to("n1"));
    BOOST_TEST(metadata.count_on_node("rollup", "n1") == 2u);
    BOOST_TEST(metadata.count_on_node("transform", "n1") == 1u);
    BOOST_TEST(metadata.count_on_node("rollup", "n2") == 0u);
}

BOOST_AUTO_TEST_CASE(remove_task_drops_it_and_keeps_last_allocation_id) {
    PersistentTasksMetadata metadata = two_tasks();
    metadata.remove_task("b-job");
    BOOST_TEST(metadata.find("b-job") == nullptr);
    BOOST_TEST(Json(metadata).dump() ==
               R"({"last_allocation_id":2,"tasks":[{"id":"a-job","task":{"xpack/rollup/job":{}},)"
               R"("allocation_id":2,"assignment":{"executor_node":null,)"
               R"("explanation":"no appropriate nodes found for the assignment"}}]})");
}

BOOST_AUTO_TEST_SUITE_END()
