// Every checker fires on a world with a planted bug (sim/meili_planted_bug.hpp), on a small
// hand-written scenario, naming the exact event (STYLE.md §12).
#include <boost/test/unit_test.hpp>

#include "sim/checkers/cancellation.hpp"
#include "sim/checkers/meili_checks.hpp"
#include "sim/checkers/no_acked_task_lost.hpp"
#include "sim/checkers/pagination_complete.hpp"
#include "sim/checkers/priority_order.hpp"
#include "sim/checkers/status_machine.hpp"
#include "sim/checkers/uid_monotonic.hpp"
#include "sim/tests/meili_scenario_builder.hpp"

namespace taskcheck::sim {
namespace {

using testing::MeiliScenarioBuilder;
using Checker = std::optional<Violation> (*)(const std::vector<MeiliRecord>&);

// What `checker` reports on `scenario` run with `bug`: "invariant t=… node #event detail".
std::string fired(const Scenario& scenario, MeiliPlantedBug bug, Checker checker) {
    const MeiliProfile profile(bug);
    Trace trace(TraceMode::off);
    auto world = profile.make_meili_world(scenario, trace, MeiliRecords::keep);
    run_world(*world, profile, scenario, trace);
    const std::optional<Violation> v = checker(world->history());
    if (!v) return "none";
    return v->invariant + " t=" + format_sim_time(v->time) + " " + v->node + " #" +
           std::to_string(v->event_index) + " " + v->detail;
}

// "invariant #event detail" of a violation, or "none".
std::string describe(const std::optional<Violation>& v) {
    return v ? v->invariant + " #" + std::to_string(v->event_index) + " " + v->detail : "none";
}

// Without the bug, the same scenario passes every checker.
std::string clean(const Scenario& scenario) {
    const RunOutcome outcome = run_scenario(meilisearch_profile(), scenario);
    return outcome.passed() ? "none" : outcome.violation->detail;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_planted_bugs)

BOOST_AUTO_TEST_CASE(journalling_after_the_ack_loses_tasks_and_reuses_uids) {
    // Task 1 is acknowledged at 12 ms while batch [0] runs; the crash at 20 ms loses it.
    const Scenario s = MeiliScenarioBuilder()
                           .batch_cost(100)
                           .add(0, "idx0", 1)
                           .add(10, "idx0", 1)
                           .crash(20)
                           .restart(30)
                           .add(40, "idx0", 1)
                           .build();
    BOOST_TEST(clean(s) == "none");
    BOOST_TEST(fired(s, MeiliPlantedBug::ack_before_journal, check_no_acked_task_lost) ==
               "check_no_acked_task_lost t=00:00:00.030 meili-0 #12 task=1: acknowledged to op "
               "1 but lost across the restart");
    BOOST_TEST(fired(s, MeiliPlantedBug::ack_before_journal, check_uid_monotonic) ==
               "check_uid_monotonic t=00:00:00.041 meili-0 #18 task=1: registered after task 1 "
               "(a uid was reused)");
}

BOOST_AUTO_TEST_CASE(syncing_only_at_batch_end_loses_acked_tasks_to_power_loss_only) {
    // Tasks 0 and 1 are written and acknowledged while batch [0] runs (100 ms), but nothing is
    // fsynced before a batch finishes: a process crash keeps them (the page cache survives),
    // power loss at 20 ms does not, and uid 0 is handed out again at 41 ms.
    MeiliScenarioBuilder base;
    base.batch_cost(100).add(0, "idx0", 1).add(10, "idx0", 1).crash(20);
    MeiliScenarioBuilder power_loss = base;
    power_loss.fault(30, FaultKind::amnesia_restart).add(40, "idx0", 1);
    MeiliScenarioBuilder process_crash = base;
    process_crash.restart(30).add(40, "idx0", 1);
    BOOST_TEST(clean(power_loss.build()) == "none");
    BOOST_TEST(fired(process_crash.build(), MeiliPlantedBug::sync_only_at_batch_end,
                     check_no_acked_task_lost) == "none");
    BOOST_TEST(fired(power_loss.build(), MeiliPlantedBug::sync_only_at_batch_end,
                     check_no_acked_task_lost) ==
               "check_no_acked_task_lost t=00:00:00.030 meili-0 #12 task=0: acknowledged to op 0 "
               "but lost across the restart");
    BOOST_TEST(
        fired(power_loss.build(), MeiliPlantedBug::sync_only_at_batch_end, check_uid_monotonic) ==
        "check_uid_monotonic t=00:00:00.041 meili-0 #16 task=0: registered after task 1 "
        "(a uid was reused)");
}

BOOST_AUTO_TEST_CASE(a_replay_that_forgets_failures_revives_a_failed_task) {
    const Scenario s = MeiliScenarioBuilder().add(0, "idx0", 1, true).crash(20).restart(30).build();
    BOOST_TEST(clean(s) == "none");
    BOOST_TEST(fired(s, MeiliPlantedBug::replay_forgets_failures, check_status_machine) ==
               "check_status_machine t=00:00:00.030 meili-0 #12 task=0: status went from "
               "\"failed\" to \"enqueued\" (a terminal status is final)");
}

BOOST_AUTO_TEST_CASE(a_cancel_that_drops_its_index_filter_cancels_uncaptured_tasks) {
    // The cancelation captured only task 1 (idx1); the bug cancels the processing task 0 too.
    const Scenario s = MeiliScenarioBuilder()
                           .batch_cost(50)
                           .add(0, "idx0", 1)
                           .add(0, "idx1", 1)
                           .cancel(5, "indexUids=idx1")
                           .build();
    BOOST_TEST(clean(s) == "none");
    BOOST_TEST(fired(s, MeiliPlantedBug::cancel_ignores_index_filter, check_cancellation) ==
               "check_cancellation t=00:00:00.103 meili-0 #16 task=0: canceled by 2, which did "
               "not capture it or is not running");
}

BOOST_AUTO_TEST_CASE(an_off_by_one_from_skips_a_task_between_pages) {
    const Scenario s = MeiliScenarioBuilder()
                           .add(0, "idx0", 1)
                           .add(0, "idx0", 1)
                           .add(0, "idx0", 1)
                           .list(100, "limit=1")
                           .build();
    BOOST_TEST(clean(s) == "none");
    BOOST_TEST(fired(s, MeiliPlantedBug::list_from_skips_one, check_pagination_complete) ==
               "check_pagination_complete t=00:00:00.104 client-1 #19 op=3: 2 pages did not "
               "cover the filtered tasks exactly once");
}

BOOST_AUTO_TEST_CASE(registering_after_the_pick_passes_over_a_cancelation) {
    // The cancelation is acknowledged at 1 ms but registered only after the 2 ms pick.
    const Scenario s = MeiliScenarioBuilder().add(0, "idx0", 1).cancel(0, "uids=0").build();
    BOOST_TEST(clean(s) == "none");
    BOOST_TEST(fired(s, MeiliPlantedBug::register_after_pick, check_priority_order) ==
               "check_priority_order t=00:00:00.002 meili-0 #5 batch [0] started, but the newest "
               "enqueued taskCancelation runs first");
}

BOOST_AUTO_TEST_CASE(online_checks_report_what_the_checkers_find_over_the_kept_history) {
    // A world checks each record as it adds it (MeiliChecks) and keeps none in a normal run; fed
    // the kept records afterwards, check_meili_history must pick the very same violation — with
    // every planted bug, so that the comparison covers runs that fail as well as runs that pass.
    const MeiliPlantedBug bugs[] = {MeiliPlantedBug::none,
                                    MeiliPlantedBug::ack_before_journal,
                                    MeiliPlantedBug::replay_forgets_failures,
                                    MeiliPlantedBug::cancel_ignores_index_filter,
                                    MeiliPlantedBug::list_from_skips_one,
                                    MeiliPlantedBug::register_after_pick,
                                    MeiliPlantedBug::sync_only_at_batch_end};
    int failing_runs = 0;
    for (const MeiliPlantedBug bug : bugs) {
        const MeiliProfile profile(bug);
        for (std::uint64_t seed = 0; seed < 12; ++seed) {
            const Scenario scenario = scenario_from_seed(profile, seed);
            Trace trace(TraceMode::off);
            auto world = profile.make_meili_world(scenario, trace, MeiliRecords::keep);
            run_world(*world, profile, scenario, trace);
            const std::string online = describe(world->check());
            BOOST_TEST(online == describe(check_meili_history(world->history())),
                       "bug " << static_cast<int>(bug) << " seed " << seed);
            failing_runs += online != "none";
        }
    }
    BOOST_TEST(failing_runs >= 20);  // 35 of the 84 runs fail (measured)
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
