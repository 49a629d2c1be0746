// The elasticsearch world end to end: the named fault scenarios in
// fixtures/scenarios/elasticsearch/ reach the situation they are named after and pass, and each
// planted bug (sim/es_planted_bug.hpp) makes its checker fire with the exact violation.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>

#include "sim/driver.hpp"
#include "sim/es_profile.hpp"
#include "sim/scenario_file.hpp"

namespace taskcheck::sim {
namespace {

const std::string kDir = "fixtures/scenarios/elasticsearch/";

Scenario fixture(const std::string& name) {
    Scenario s = load_scenario_file(kDir + name);
    elasticsearch_profile().validate(s, kDir + name);
    return s;
}

// Runs `scenario` through the shared driver with the world kept, for reading its history.
struct Run {
    RunOutcome outcome;
    std::vector<EsRecord> history;
};

Run run(const Scenario& scenario, EsPlantedBug bug = EsPlantedBug::none) {
    Run r;
    EsProfile profile(bug);
    r.outcome = run_scenario(profile, scenario, TraceMode::hash);
    Trace again(TraceMode::off);
    auto world = profile.make_es_world(scenario, again, EsRecords::keep);
    // Replays the same protocol as the driver to read the history (same events, same order).
    while (!world->queue().empty() && world->queue().next_time() <= scenario.options.duration)
        world->handle(world->queue().pop());
    world->enter_liveness();
    const Nanos bound = scenario.options.duration + profile.liveness_bound(scenario);
    while (world->pending() && !world->queue().empty() && world->queue().next_time() < bound)
        world->handle(world->queue().pop());
    r.history = world->history();
    return r;
}

std::size_t count(const std::vector<EsRecord>& history, EsRecordKind kind,
                  const std::string& reason = "") {
    return static_cast<std::size_t>(
        std::count_if(history.begin(), history.end(), [&](const EsRecord& r) {
            return r.kind == kind && (reason.empty() || r.reason == reason);
        }));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_world)

BOOST_AUTO_TEST_CASE(cancel_racing_child_registration_refuses_late_children) {
    // Duplicated child requests arrive after the ban on their parent: TaskManager refuses them.
    const Run r = run(fixture("cancel_racing_child_registration.json"));
    BOOST_TEST(r.outcome.passed(), r.outcome.summary);
    BOOST_TEST(count(r.history, EsRecordKind::task_rejected,
                     "task cancelled before starting [by user request]") >= 1u);
    BOOST_TEST(count(r.history, EsRecordKind::cancel_acked) == 2u);
    BOOST_TEST(count(r.history, EsRecordKind::ban_placed) >= 4u);
}

BOOST_AUTO_TEST_CASE(register_ignores_ban_trips_check_es_cancellation) {
    const Run r =
        run(fixture("cancel_racing_child_registration.json"), EsPlantedBug::register_ignores_ban);
    BOOST_REQUIRE(!r.outcome.passed());
    BOOST_TEST(r.outcome.violation->invariant == "check_es_cancellation");
    BOOST_TEST(r.outcome.violation->expected == "task_rejected");
    BOOST_TEST(r.outcome.violation->detail.find("child registered under a ban") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(ban_skips_children_trips_check_es_cancellation) {
    const Run r =
        run(fixture("cancel_racing_child_registration.json"), EsPlantedBug::ban_skips_children);
    BOOST_REQUIRE(!r.outcome.passed());
    BOOST_TEST(r.outcome.violation->invariant == "check_es_cancellation");
    BOOST_TEST(r.outcome.violation->expected == "task_cancelled when the ban arrived");
}

BOOST_AUTO_TEST_CASE(never_ack_bans_is_a_liveness_failure) {
    const Run r =
        run(fixture("cancel_racing_child_registration.json"), EsPlantedBug::never_ack_bans);
    BOOST_REQUIRE(!r.outcome.passed());
    BOOST_TEST(std::string(failure_class_name(r.outcome.failure_class)) == "liveness");
    BOOST_TEST(r.outcome.violation->detail.find("not acknowledged by") != std::string::npos,
               r.outcome.violation->detail);
}

BOOST_AUTO_TEST_CASE(partitioned_executor_stale_update_is_rejected) {
    // es-2 is cut off, removed by follower checks, its task reassigned; its update, retried
    // until the heal, names the old allocation and gets the 404 of §5.2.
    const Run r = run(fixture("partitioned_executor_stale_update.json"));
    BOOST_TEST(r.outcome.passed(), r.outcome.summary);
    const auto stale = std::find_if(r.history.begin(), r.history.end(), [](const EsRecord& e) {
        return e.kind == EsRecordKind::persistent_rejected && e.text == "update";
    });
    BOOST_REQUIRE(stale != r.history.end());
    BOOST_TEST(stale->reason == "the task with id " + stale->id + " and allocation id " +
                                    std::to_string(stale->allocation_id) + " doesn't exist");
    BOOST_TEST(count(r.history, EsRecordKind::node_removed) >= 1u);
    BOOST_TEST(count(r.history, EsRecordKind::task_cancelled,
                     "task has been removed, cancelling locally") >= 1u);
}

BOOST_AUTO_TEST_CASE(accept_stale_allocation_trips_check_es_stale_rejected) {
    const Run r = run(fixture("partitioned_executor_stale_update.json"),
                      EsPlantedBug::accept_stale_allocation);
    BOOST_REQUIRE(!r.outcome.passed());
    BOOST_TEST(r.outcome.violation->invariant == "check_es_stale_rejected");
    BOOST_TEST(r.outcome.violation->detail.find("stale update from allocation") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(node_loss_during_reassignment_keeps_every_task) {
    const Run r = run(fixture("node_loss_during_reassignment.json"));
    BOOST_TEST(r.outcome.passed(), r.outcome.summary);
    BOOST_TEST(count(r.history, EsRecordKind::master_elected) >= 2u);
    BOOST_TEST(count(r.history, EsRecordKind::node_removed) >= 1u);
}

BOOST_AUTO_TEST_CASE(drop_tasks_of_lost_node_trips_check_es_no_task_lost) {
    const Run r =
        run(fixture("node_loss_during_reassignment.json"), EsPlantedBug::drop_tasks_of_lost_node);
    BOOST_REQUIRE(!r.outcome.passed());
    BOOST_TEST(r.outcome.violation->invariant == "check_es_no_task_lost");
    BOOST_TEST(r.outcome.violation->found == "absent");
}

BOOST_AUTO_TEST_CASE(every_fixture_replays_green_with_the_same_hash_twice) {
    for (const char* name :
         {"cancel_racing_child_registration.json", "partitioned_executor_stale_update.json",
          "node_loss_during_reassignment.json"}) {
        const DeterminismReport report = check_determinism(elasticsearch_profile(), fixture(name));
        BOOST_TEST(!report.divergence.has_value(), name);
        BOOST_TEST(report.hash_a == report.hash_b);
        BOOST_TEST(run_scenario(elasticsearch_profile(), fixture(name)).passed(), name);
    }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
