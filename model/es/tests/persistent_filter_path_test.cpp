// filter_path over the `GET _cluster/state` persistent-tasks subtree (persistent_filter_path.hpp).
#include "model/es/persistent_filter_path.hpp"

#include <boost/test/unit_test.hpp>

#include "model/common/input_error.hpp"
#include "model/es/persistent_tasks_metadata.hpp"

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

BOOST_AUTO_TEST_SUITE(es_persistent_filter_path)

const Json kState = render_cluster_state(two_tasks());

BOOST_AUTO_TEST_CASE(subtree_path_keeps_the_whole_subtree) {
    BOOST_TEST(apply_filter_path(kState, "metadata.persistent_tasks") == kState);
}

BOOST_AUTO_TEST_CASE(arrays_are_transparent_to_the_path) {
    BOOST_TEST(apply_filter_path(kState, "metadata.persistent_tasks.tasks.id").dump() ==
               R"({"metadata":{"persistent_tasks":{"tasks":[{"id":"a-job"},{"id":"b-job"}]}}})");
}

BOOST_AUTO_TEST_CASE(double_star_matches_any_depth_as_in_the_seed_example) {
    // seeds/elasticsearch-persistent-tasks.txt: GET _cluster/state?filter_path=**.persistent_tasks
    BOOST_TEST(apply_filter_path(kState, "**.persistent_tasks") == kState);
    BOOST_TEST(apply_filter_path(kState, "**.executor_node").dump() ==
               R"({"metadata":{"persistent_tasks":{"tasks":[{"assignment":{"executor_node":null}},)"
               R"({"assignment":{"executor_node":"n1"}}]}}})");
}

BOOST_AUTO_TEST_CASE(star_inside_a_name_and_comma_lists_combine) {
    BOOST_TEST(apply_filter_path(
                   kState, " metadata.*.last_*, metadata.persistent_tasks.tasks.allocation_id")
                   .dump() == R"({"metadata":{"persistent_tasks":{"last_allocation_id":2,)"
                              R"("tasks":[{"allocation_id":2},{"allocation_id":1}]}}})");
}

BOOST_AUTO_TEST_CASE(no_match_renders_an_empty_object) {
    BOOST_TEST(apply_filter_path(kState, "metadata.indices").dump() == "{}");
    BOOST_TEST(apply_filter_path(kState, "metadata.persistent_tasks.last_allocation_id.x").dump() ==
               "{}");
}

BOOST_AUTO_TEST_CASE(empty_filter_keeps_everything) {
    BOOST_TEST(apply_filter_path(kState, "") == kState);
    BOOST_TEST(apply_filter_path(kState, " , ") == kState);
}

BOOST_AUTO_TEST_CASE(exclusions_are_rejected_as_unsupported_input) {
    try {
        apply_filter_path(kState, "-metadata.persistent_tasks");
        BOOST_FAIL("expected InputError");
    } catch (const taskcheck::InputError& error) {
        BOOST_TEST(std::string(error.what()) ==
                   "filter-path-unsupported: filter_path expression [-metadata.persistent_tasks] "
                   "uses an exclusion or an escape; use plain dot-separated field patterns with * "
                   "and **");
    }
}

BOOST_AUTO_TEST_SUITE_END()
