// Persistent task state updates, completion, local abort and remove, fenced by allocation id
// (spec/elasticsearch.md §5.2, §7.3).
#include <boost/test/unit_test.hpp>

#include "model/es/tests/persistent_test_master.hpp"

using namespace taskcheck::es;
using namespace taskcheck::es::testing;

BOOST_AUTO_TEST_SUITE(es_persistent_tasks_fencing)

BOOST_AUTO_TEST_CASE(state_update_with_the_current_allocation_id_is_stored) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    const auto updated = m.service.update_state({"job", 1, Json{{"p", 2}}}, m.now, m.shuffle);
    BOOST_TEST(Json(updated.value()).dump() ==
               R"({"id":"job","task":{"rollup":{"params":{"n":1},"state":{"p":2}}},)"
               R"("allocation_id":1,"assignment":{"executor_node":"d1","explanation":""},)"
               R"("allocation_id_on_last_status_update":1})");
}

BOOST_AUTO_TEST_CASE(state_update_with_a_stale_allocation_id_is_404) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    const auto stale = m.service.update_state({"job", 7, Json::object()}, m.now, m.shuffle);
    BOOST_TEST(
        rest(stale.error()) ==
        R"({"error":{"root_cause":[{"type":"resource_not_found_exception",)"
        R"("reason":"the task with id job and allocation id 7 doesn't exist"}],)"
        R"("type":"resource_not_found_exception",)"
        R"("reason":"the task with id job and allocation id 7 doesn't exist"},"status":404})");
    BOOST_TEST(!m.task("job").state.has_value());
}

BOOST_AUTO_TEST_CASE(state_update_request_validation_lists_both_problems) {
    Master m;
    const auto invalid = m.service.update_state({std::nullopt, -1, Json{}}, m.now, m.shuffle);
    BOOST_TEST(invalid.error().type == "action_request_validation_exception");
    BOOST_TEST(
        invalid.error().reason ==
        "Validation Failed: 1: task id must be specified;2: allocationId must be specified;");
}

BOOST_AUTO_TEST_CASE(completion_with_a_stale_allocation_id_is_404_with_brackets) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    const auto stale = m.complete({"job", 5, std::nullopt, std::nullopt});
    BOOST_TEST(stale.error().http_status == 404);
    BOOST_TEST(stale.error().type == "resource_not_found_exception");
    BOOST_TEST(stale.error().reason == "the task with id [job] and allocation id [5] not found");
    BOOST_TEST(m.service.metadata()->find("job") != nullptr);
}

BOOST_AUTO_TEST_CASE(spec_7_3_failed_persistent_task_is_removed_not_retried) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.create("job");
    EsError failure;
    failure.type = "illegal_state_exception";
    failure.reason = "boom";
    const auto done = m.complete({"job", 1, failure, std::nullopt});
    BOOST_TEST(done.value().id == "job");
    BOOST_TEST(m.service.render_cluster_state().dump() ==
               R"({"metadata":{"persistent_tasks":{"last_allocation_id":1,"tasks":[]}}})");
    BOOST_TEST(!m.complete({"job", 1, std::nullopt, std::nullopt}).ok());
}

BOOST_AUTO_TEST_CASE(completion_request_validation) {
    Master m;
    EsError failure;
    const auto invalid = m.complete({std::nullopt, -1, failure, "why"});
    BOOST_TEST(invalid.error().reason ==
               "Validation Failed: 1: task id is missing;2: allocation id is negative or missing;"
               "3: task cannot be both locally aborted and failed;");
}

BOOST_AUTO_TEST_CASE(local_abort_unassigns_with_a_new_id_then_reassigns_with_another) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    const auto aborted = m.complete({"job", 1, std::nullopt, "out of memory"});
    BOOST_TEST(Json(aborted.value()).dump() ==
               R"({"id":"job","task":{"rollup":{"params":{"n":1}}},"allocation_id":2,)"
               R"("assignment":{"executor_node":null,"explanation":"out of memory"},)"
               R"("allocation_id_on_last_status_update":1})");
    // Reassignment may pick the same node.
    BOOST_TEST(m.json("job") ==
               R"({"id":"job","task":{"rollup":{"params":{"n":1}}},"allocation_id":3,)"
               R"("assignment":{"executor_node":"d1","explanation":""},)"
               R"("allocation_id_on_last_status_update":2})");
    BOOST_TEST(m.service.published().size() == 2u);
}

BOOST_AUTO_TEST_CASE(local_abort_of_an_unknown_allocation_is_404_without_brackets) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    const auto stale = m.complete({"job", 9, std::nullopt, "x"});
    BOOST_TEST(stale.error().reason == "the task with id job and allocation id 9 doesn't exist");
}

BOOST_AUTO_TEST_CASE(remove_ignores_the_allocation_id_and_404s_unknown_ids) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    BOOST_TEST(m.service.remove("job", m.now, m.shuffle).value().allocation_id == 1);
    const auto again = m.service.remove("job", m.now, m.shuffle);
    BOOST_TEST(again.error().http_status == 404);
    BOOST_TEST(again.error().reason == "the task with id job doesn't exist");
}

BOOST_AUTO_TEST_SUITE_END()
