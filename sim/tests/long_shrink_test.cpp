// A planted bug found by a long random scenario (1,000 operations with faults) shrinks to at most
// ten operations that still trip the same checker — for several seeds and both profiles (issue 4
// acceptance (b)). This holds because no draw is shared between events: every message, task run
// time and assignment shuffle draws from its own Rng::derive of its stream, keyed by where and
// when it happens, so removing an operation leaves the latencies of the others in place.
#include <boost/test/unit_test.hpp>
#include <string>

#include "sim/driver.hpp"
#include "sim/es_profile.hpp"
#include "sim/meili_profile.hpp"

namespace taskcheck::sim {
namespace {

// The scenario of `seed` for `profile`, with its workload regenerated at `operations` long.
template <typename Options, typename OptionsOf>
Scenario long_scenario(const Profile& profile, std::uint64_t seed, OptionsOf options_of,
                       std::uint32_t operations) {
    Scenario scenario = scenario_from_seed(profile, seed);
    Options options = options_of(scenario);
    options.operations = operations;
    to_json(scenario.options.profile_options, options);
    Rng workload_rng = Rng(scenario.seed).stream("workload");
    scenario.workload = profile.generate_workload(workload_rng, scenario.options);
    return scenario;
}

// Shrinks the failure of `buggy` on `scenario`, if it fails; checks the minimal scenario still
// fails the same way and passes on `clean`. Returns "<operations>/<faults> in <runs>", or ""
// when this seed's long run does not hit the bug (nothing to shrink).
std::string shrink_and_check(const Profile& buggy, const Profile& clean, const Scenario& scenario,
                             const std::string& invariant) {
    BOOST_TEST_REQUIRE(scenario.workload.size() >= 1000u);
    const RunOutcome failure = run_scenario(buggy, scenario);
    if (failure.passed()) return "";
    BOOST_TEST_REQUIRE(failure.violation->invariant == invariant);
    ShrinkResult result;
    const Scenario minimal = shrink_failure(buggy, scenario, failure, &result);
    BOOST_TEST(minimal.workload.size() <= 10u);
    BOOST_TEST(!result.budget_exhausted);
    const RunOutcome again = run_scenario(buggy, minimal);
    BOOST_TEST_REQUIRE(!again.passed());
    BOOST_TEST(again.violation->invariant == invariant);
    BOOST_TEST(run_scenario(clean, minimal).passed());
    return std::to_string(minimal.workload.size()) + "/" + std::to_string(minimal.faults.size()) +
           " in " + std::to_string(result.tests) + " runs";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(long_scenario_shrink)

BOOST_AUTO_TEST_CASE(meilisearch_failures_shrink_to_at_most_ten_operations) {
    // Seeds 1..12 in order until five long runs have hit the bug; each must shrink to <= 10.
    const MeiliProfile buggy(MeiliPlantedBug::cancel_ignores_index_filter);
    int shrunk = 0;
    for (std::uint64_t seed = 1; seed <= 12 && shrunk < 5; ++seed) {
        const Scenario scenario =
            long_scenario<MeiliProfileOptions>(buggy, seed, meili_options_of, 1000);
        const std::string outcome =
            shrink_and_check(buggy, meilisearch_profile(), scenario, "check_cancellation");
        BOOST_TEST_MESSAGE("meilisearch seed " << seed << ": 1000/" << scenario.faults.size()
                                               << " -> " << (outcome.empty() ? "passed" : outcome));
        shrunk += outcome.empty() ? 0 : 1;
    }
    BOOST_TEST(shrunk == 5);
}

BOOST_AUTO_TEST_CASE(elasticsearch_failures_shrink_to_at_most_ten_operations) {
    // Seeds 1..8 in order until three long runs have hit the bug; each must shrink to <= 10.
    const EsProfile buggy(EsPlantedBug::ban_skips_children);
    int shrunk = 0;
    for (std::uint64_t seed = 1; seed <= 8 && shrunk < 3; ++seed) {
        const Scenario scenario = long_scenario<EsProfileOptions>(buggy, seed, es_options_of, 1000);
        const std::string outcome =
            shrink_and_check(buggy, elasticsearch_profile(), scenario, "check_es_cancellation");
        BOOST_TEST_MESSAGE("elasticsearch seed " << seed << ": 1000/" << scenario.faults.size()
                                                 << " -> "
                                                 << (outcome.empty() ? "passed" : outcome));
        shrunk += outcome.empty() ? 0 : 1;
    }
    BOOST_TEST(shrunk == 3);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
