// The two persistent-task cluster settings, the periodic rechecker and the full cluster restart
// (spec/elasticsearch.md §5.1, §5.2).
#include <boost/test/unit_test.hpp>

#include "model/es/persistent_tasks_service.hpp"

using namespace taskcheck::es;
using taskcheck::Nanos;
using taskcheck::seconds;
using Json = nlohmann::ordered_json;

namespace {

DiscoveryNode data_node(const std::string& id) {
    DiscoveryNode node;
    node.id = id;
    node.name = id;
    node.roles = {"data_hot"};  // any data_* role can contain data
    return node;
}

struct Master {
    PersistentTasksService service{{"rollup"}};
    std::vector<NodeId> shuffle;
    Nanos now = 0;

    void nodes(std::vector<DiscoveryNode> nodes) {
        service.set_nodes({std::move(nodes), {}}, now, shuffle);
    }
    void create(const std::string& id) {
        service.create({id, "rollup", std::nullopt}, now, shuffle).value();
    }
    std::string json(const std::string& id) { return Json(*service.metadata()->find(id)).dump(); }
    std::optional<Nanos> recheck() { return service.recheck_scheduled_at(); }
};

constexpr const char* kNoneExplanation =
    "persistent task [rollup] cannot be assigned [no persistent task assignments are allowed due "
    "to cluster settings]";

}  // namespace

BOOST_AUTO_TEST_SUITE(es_persistent_tasks_settings)

BOOST_AUTO_TEST_CASE(enable_parses_case_insensitively_and_rejects_with_the_upper_cased_value) {
    BOOST_TEST((parse_assignment_enable("None").value() == AssignmentEnable::none));
    BOOST_TEST((parse_assignment_enable("ALL").value() == AssignmentEnable::all));
    const auto bad = parse_assignment_enable("foo");
    BOOST_TEST(
        to_rest_json(bad.error()).dump() ==
        R"({"error":{"root_cause":[{"type":"illegal_argument_exception",)"
        R"("reason":"Illegal value [FOO] for [cluster.persistent_tasks.allocation.enable]"}],)"
        R"("type":"illegal_argument_exception",)"
        R"("reason":"Illegal value [FOO] for [cluster.persistent_tasks.allocation.enable]"},)"
        R"("status":400})");
}

BOOST_AUTO_TEST_CASE(recheck_interval_has_a_10s_minimum) {
    BOOST_TEST(parse_recheck_interval("10s").value() == seconds(10));
    BOOST_TEST(parse_recheck_interval("1m").value() == seconds(60));
    BOOST_TEST(parse_recheck_interval(" 15000MS ").value() == seconds(15));
    BOOST_TEST(parse_recheck_interval("5s").error().reason ==
               "failed to parse value [5s] for setting "
               "[cluster.persistent_tasks.allocation.recheck_interval], must be >= [10s]");
    BOOST_TEST(parse_recheck_interval("-1").error().reason ==
               "failed to parse value [-1] for setting "
               "[cluster.persistent_tasks.allocation.recheck_interval], must be >= [10s]");
}

BOOST_AUTO_TEST_CASE(recheck_interval_time_value_errors) {
    BOOST_TEST(parse_recheck_interval("30").error().reason ==
               "failed to parse setting [cluster.persistent_tasks.allocation.recheck_interval] "
               "with value [30] as a time value: unit is missing or unrecognized");
    // "M" is not minutes: TimeValue matches "m" case-sensitively.
    BOOST_TEST(parse_recheck_interval("1M").error().reason ==
               "failed to parse setting [cluster.persistent_tasks.allocation.recheck_interval] "
               "with value [1M] as a time value: unit is missing or unrecognized");
    BOOST_TEST(parse_recheck_interval("-5s").error().reason ==
               "failed to parse setting [cluster.persistent_tasks.allocation.recheck_interval] "
               "with value [-5s] as a time value: negative durations are not supported");
    const auto fractional = parse_recheck_interval("1.5m");
    BOOST_TEST(to_throwable_json(fractional.error()).dump() ==
               R"({"type":"illegal_argument_exception",)"
               R"("reason":"failed to parse [1.5m], fractional time values are not supported",)"
               R"("caused_by":{"type":"parse_exception",)"
               R"("reason":"failed to parse [1.5m], fractional time values are not supported"}})");
    BOOST_TEST(parse_recheck_interval("abcs").error().reason == "failed to parse [abcs]");
}

BOOST_AUTO_TEST_CASE(enable_none_leaves_running_tasks_and_explains_new_ones) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("running");
    m.service.set_assignment_enable("none", m.now, m.shuffle).value();
    m.create("new");
    BOOST_TEST(m.json("running") == R"({"id":"running","task":{"rollup":{}},"allocation_id":1,)"
                                    R"("assignment":{"executor_node":"d1","explanation":""}})");
    BOOST_TEST(m.json("new") ==
               std::string(R"({"id":"new","task":{"rollup":{}},"allocation_id":2,)"
                           R"("assignment":{"executor_node":null,"explanation":")") +
                   kNoneExplanation + R"("}})");
}

BOOST_AUTO_TEST_CASE(enable_all_again_reassigns_at_once_with_a_new_allocation_id) {
    Master m;
    m.nodes({data_node("d1")});
    m.service.set_assignment_enable("NONE", m.now, m.shuffle).value();
    m.create("job");
    m.now = seconds(3);
    m.service.set_assignment_enable("all", m.now, m.shuffle).value();
    BOOST_TEST(m.json("job") == R"({"id":"job","task":{"rollup":{}},"allocation_id":2,)"
                                R"("assignment":{"executor_node":"d1","explanation":""},)"
                                R"("allocation_id_on_last_status_update":1})");
    BOOST_TEST(!m.recheck().has_value());
}

BOOST_AUTO_TEST_CASE(node_loss_under_enable_none_gets_the_settings_explanation) {
    Master m;
    m.nodes({data_node("d1"), data_node("d2")});
    m.create("job");
    m.service.set_assignment_enable("none", m.now, m.shuffle).value();
    m.nodes({data_node("d2")});
    BOOST_TEST(m.json("job") ==
               std::string(R"({"id":"job","task":{"rollup":{}},"allocation_id":3,)"
                           R"("assignment":{"executor_node":null,"explanation":")") +
                   kNoneExplanation + R"("},"allocation_id_on_last_status_update":2})");
}

BOOST_AUTO_TEST_CASE(rechecker_runs_when_due_and_reschedules_while_unassigned) {
    Master m;
    m.create("job");  // no nodes at all
    BOOST_TEST(m.recheck().value_or(-1) == seconds(30));
    BOOST_TEST(!m.service.run_recheck_if_due(seconds(29), m.shuffle));
    BOOST_TEST(m.service.run_recheck_if_due(seconds(30), m.shuffle));
    BOOST_TEST(m.recheck().value_or(-1) == seconds(60));
    // Nothing changed in the state: the same explanation, so no new allocation id.
    BOOST_TEST(m.service.metadata()->find("job")->allocation_id == 1);
    BOOST_TEST(m.service.published().empty());
}

BOOST_AUTO_TEST_CASE(a_new_recheck_interval_reschedules_a_scheduled_recheck_from_now) {
    Master m;
    m.create("job");
    m.service.set_recheck_interval("2m", seconds(10), m.shuffle).value();
    BOOST_TEST(m.recheck().value_or(-1) == seconds(130));
    BOOST_TEST(m.service.settings().recheck_interval == seconds(120));
    const auto bad = m.service.set_recheck_interval("9s", seconds(11), m.shuffle);
    BOOST_TEST(!bad.ok());
    BOOST_TEST(m.recheck().value_or(-1) == seconds(130));
}

BOOST_AUTO_TEST_CASE(an_unscheduled_rechecker_stays_unscheduled_on_interval_change) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    m.service.set_recheck_interval("15s", seconds(1), m.shuffle).value();
    BOOST_TEST(!m.recheck().has_value());
}

BOOST_AUTO_TEST_CASE(a_new_master_has_no_rechecker_until_a_reassignment_leaves_one_unassigned) {
    // 1. job unassigned, recheck scheduled; 2. master fails over: the old master's rechecker is
    // gone and nothing differs to reassign, so the new master schedules none.
    Master m;
    m.create("job");
    m.service.become_master(seconds(1), m.shuffle);
    BOOST_TEST(!m.recheck().has_value());
}

BOOST_AUTO_TEST_CASE(full_restart_reloads_allocation_id_zero_then_the_master_reassigns) {
    Master m;
    m.nodes({data_node("d1")});
    m.create("job");
    m.service.full_restart({{data_node("d1")}, {}});
    BOOST_TEST(m.json("job") == R"({"id":"job","task":{"rollup":{}},"allocation_id":0,)"
                                R"("assignment":{"executor_node":null,)"
                                R"("explanation":"waiting for initial assignment"}})");
    m.service.become_master(m.now, m.shuffle);
    BOOST_TEST(m.json("job") == R"({"id":"job","task":{"rollup":{}},"allocation_id":2,)"
                                R"("assignment":{"executor_node":"d1","explanation":""},)"
                                R"("allocation_id_on_last_status_update":0})");
}

BOOST_AUTO_TEST_SUITE_END()
