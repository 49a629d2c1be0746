// The `meilisearch` world end to end: clean seeds pass every checker, named fault scenarios
// behave as spec/meilisearch.md says, and a saved scenario replays to the same trace hash.
#include <boost/test/unit_test.hpp>

#include "model/common/input_error.hpp"
#include "sim/checkers/meili_checks.hpp"
#include "sim/tests/meili_scenario_builder.hpp"

namespace taskcheck::sim {
namespace {

using testing::MeiliScenarioBuilder;

// The "status" records of task `uid` as "from>to" steps, in order.
std::string status_path(const std::vector<MeiliRecord>& records, meili::TaskUid uid) {
    std::string out(meili::status_name(meili::Status::enqueued));
    for (const MeiliRecord& r : records)
        if (r.kind == MeiliRecordKind::status && r.uid == uid)
            out += ">" + std::string(meili::status_name(r.to));
    return out;
}

struct Run {
    std::unique_ptr<MeiliWorld> world;
    RunOutcome outcome;
};

Run run(const Scenario& scenario, MeiliPlantedBug bug = MeiliPlantedBug::none) {
    static Trace trace(TraceMode::off);
    const MeiliProfile profile(bug);
    Run r;
    r.world = profile.make_meili_world(scenario, trace, MeiliRecords::keep);
    r.outcome = run_world(*r.world, profile, scenario, trace);
    return r;
}

// Every task's full view (or its 404) and the processing overlay, one line each.
std::string queue_state(const meili::TaskQueue& queue) {
    std::string out;
    for (meili::TaskUid uid = 0; uid < queue.tasks().next_uid(); ++uid) {
        const auto view = queue.get_task(uid);
        out += view.ok() ? view.value().dump() : view.error().code;
        out += "\n";
    }
    for (meili::TaskUid uid : queue.processing().uids)
        out += "processing " + std::to_string(uid) + "\n";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_world)

BOOST_AUTO_TEST_CASE(the_first_hundred_seeds_pass_every_checker) {
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
        const RunOutcome outcome =
            run_scenario(meilisearch_profile(), scenario_from_seed(meilisearch_profile(), seed));
        BOOST_TEST(outcome.passed(), "seed " << seed << ": " << outcome.violation->detail);
    }
}

BOOST_AUTO_TEST_CASE(the_live_queue_is_the_journal_replayed_so_a_restart_need_not_replay) {
    // A restart replays the journal only when the live queue may differ from it (power loss,
    // ack_before_journal); otherwise it reuses the live queue (MeiliWorld::restart). Paired check
    // of that shortcut: after seeds with crashes and restarts, the live queue, restarted, equals
    // a full replay of the journal, task by task.
    std::uint64_t restarts = 0;
    for (std::uint64_t seed = 0; seed < 60; ++seed) {
        const Scenario scenario = scenario_from_seed(meilisearch_profile(), seed);
        const Run r = run(scenario);
        for (const MeiliRecord& record : r.world->history())
            restarts += record.kind == MeiliRecordKind::restart;
        meili::TaskQueue live = r.world->model();
        live.restart();
        BOOST_TEST(queue_state(live) == queue_state(r.world->journal().rebuild()), "seed " << seed);
    }
    BOOST_TEST(restarts >= 50);  // 91 measured
}

BOOST_AUTO_TEST_CASE(crash_mid_batch_requeues_the_task_and_it_succeeds_after_restart) {
    // Task 0 starts at 2 ms and needs 100 ms; the crash at 20 ms loses the batch (processing is
    // never stored, §0.15), the restart at 50 ms shows it enqueued, and it runs again.
    const Run r =
        run(MeiliScenarioBuilder().batch_cost(100).add(0, "idx0", 2).crash(20).restart(50).build());
    BOOST_TEST(r.outcome.passed());
    BOOST_TEST(status_path(r.world->history(), 0) ==
               "enqueued>processing>enqueued>processing>succeeded");
}

BOOST_AUTO_TEST_CASE(cancel_racing_completion_ends_in_exactly_one_terminal_state) {
    // Task 0 is processing when cancelation 1 arrives: the batch is aborted (§0.11) and the
    // cancelation, which runs next, cancels it. It never also succeeds.
    const Run r =
        run(MeiliScenarioBuilder().batch_cost(50).add(0, "idx0", 1).cancel(10, "uids=0").build());
    BOOST_TEST(r.outcome.passed());
    BOOST_TEST(status_path(r.world->history(), 0) == "enqueued>processing>enqueued>canceled");
    BOOST_TEST(r.world->model().tasks().find(0)->canceled_by == 1u);
}

BOOST_AUTO_TEST_CASE(a_cancelation_arriving_behind_a_long_batch_runs_right_after_it) {
    // Tasks 0 (idx0) and 1 (idx1) are enqueued; 0 runs for 200 ms. Cancelation 2 of idx1 arrives
    // meanwhile and runs before task 1 although it is newer (§3 order).
    const Run r = run(MeiliScenarioBuilder()
                          .batch_cost(200)
                          .add(0, "idx0", 1)
                          .add(0, "idx1", 1)
                          .cancel(20, "indexUids=idx1")
                          .build());
    BOOST_TEST(r.outcome.passed());
    BOOST_TEST(status_path(r.world->history(), 0) == "enqueued>processing>succeeded");
    BOOST_TEST(status_path(r.world->history(), 1) == "enqueued>canceled");
}

BOOST_AUTO_TEST_CASE(a_saved_scenario_replays_to_the_same_trace_hash) {
    const Scenario scenario = scenario_from_seed(meilisearch_profile(), 7);
    const Scenario reloaded = parse_scenario(scenario_to_text(scenario), "seed-7.json");
    meilisearch_profile().validate(reloaded, "seed-7.json");
    const RunOutcome a = run_scenario(meilisearch_profile(), scenario);
    const RunOutcome b = run_scenario(meilisearch_profile(), reloaded);
    BOOST_TEST(format_hash(a.trace_hash) == format_hash(b.trace_hash));
    BOOST_TEST(a.events == b.events);
}

BOOST_AUTO_TEST_CASE(a_seed_run_twice_gives_the_same_trace) {
    const DeterminismReport report =
        check_determinism(meilisearch_profile(), scenario_from_seed(meilisearch_profile(), 42));
    BOOST_TEST(!report.divergence.has_value());
    BOOST_TEST(report.events > 100u);
}

BOOST_AUTO_TEST_CASE(a_malformed_operation_is_rejected_with_its_pointer) {
    Scenario scenario = MeiliScenarioBuilder().add(0, "idx0", 1).build();
    scenario.workload[0]["documents"] = 0u;
    BOOST_CHECK_EXCEPTION(meilisearch_profile().validate(scenario, "bad.json"),
                          taskcheck::InputError, [](const taskcheck::InputError& e) {
                              BOOST_TEST(std::string(e.what()) ==
                                         "scenario-invalid: bad.json /workload/0/documents: 0 "
                                         "is outside 1..1000");
                              return true;
                          });
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
