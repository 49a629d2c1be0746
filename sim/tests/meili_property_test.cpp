// Properties of the `meilisearch` profile under generated workloads and faults (RapidCheck
// state commands, sim/tests/meili_commands.hpp), one per invariant; each is shown to fire on
// the planted bug that breaks it (no property may pass vacuously).
#include <rapidcheck/boost_test.h>

#include <boost/test/unit_test.hpp>

#include "sim/checkers/cancellation.hpp"
#include "sim/checkers/no_acked_task_lost.hpp"
#include "sim/checkers/pagination_complete.hpp"
#include "sim/checkers/priority_order.hpp"
#include "sim/checkers/status_machine.hpp"
#include "sim/tests/meili_commands.hpp"

namespace taskcheck::sim {
namespace {

using Checker = std::optional<Violation> (*)(const std::vector<MeiliRecord>&);

// Runs a generated scenario on `bug`'s world and asserts `checker` finds nothing.
void check_law(MeiliPlantedBug bug, Checker checker) {
    const Scenario scenario = testing::generated_scenario();
    const MeiliProfile profile(bug);
    Trace trace(TraceMode::off);
    auto world = profile.make_meili_world(scenario, trace, MeiliRecords::keep);
    run_world(*world, profile, scenario, trace);
    const std::optional<Violation> violation = checker(world->history());
    RC_ASSERT(!violation);
}

// True iff the law holds for every generated case (rc::check prints the shrunk counterexample).
bool law_holds(MeiliPlantedBug bug, Checker checker) {
    return rc::check([bug, checker] { check_law(bug, checker); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_properties)

RC_BOOST_PROP(captured_enqueued_tasks_are_canceled_and_nothing_else, ()) {
    check_law(MeiliPlantedBug::none, check_cancellation);
}
RC_BOOST_PROP(batches_follow_the_v1_1_priority_order, ()) {
    check_law(MeiliPlantedBug::none, check_priority_order);
}
RC_BOOST_PROP(statuses_move_only_forward, ()) {
    check_law(MeiliPlantedBug::none, check_status_machine);
}
RC_BOOST_PROP(acknowledged_tasks_survive_crashes, ()) {
    check_law(MeiliPlantedBug::none, check_no_acked_task_lost);
}
RC_BOOST_PROP(page_walks_cover_the_filtered_set_once, ()) {
    check_law(MeiliPlantedBug::none, check_pagination_complete);
}

BOOST_AUTO_TEST_CASE(each_property_fires_on_its_planted_bug) {
    BOOST_TEST(!law_holds(MeiliPlantedBug::cancel_ignores_index_filter, check_cancellation));
    BOOST_TEST(!law_holds(MeiliPlantedBug::register_after_pick, check_priority_order));
    BOOST_TEST(!law_holds(MeiliPlantedBug::replay_forgets_failures, check_status_machine));
    BOOST_TEST(!law_holds(MeiliPlantedBug::ack_before_journal, check_no_acked_task_lost));
    BOOST_TEST(!law_holds(MeiliPlantedBug::sync_only_at_batch_end, check_no_acked_task_lost));
    BOOST_TEST(!law_holds(MeiliPlantedBug::list_from_skips_one, check_pagination_complete));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
