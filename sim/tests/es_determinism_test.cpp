// The elasticsearch profile is deterministic and clean: 200 seeds, each run twice with full
// traces, give identical traces (--check-determinism), and the registered profile passes every
// one of them (no checker fires, the liveness phase converges).
#include <boost/test/unit_test.hpp>
#include <string>

#include "sim/driver.hpp"
#include "sim/es_profile.hpp"

namespace taskcheck::sim {

BOOST_AUTO_TEST_SUITE(es_determinism)

BOOST_AUTO_TEST_CASE(two_hundred_seeds_replay_identically_and_pass) {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        const Scenario scenario = scenario_from_seed(elasticsearch_profile(), seed);
        const DeterminismReport report = check_determinism(elasticsearch_profile(), scenario);
        BOOST_TEST(!report.divergence.has_value(), "seed "
                                                       << seed << "\n"
                                                       << render_divergence(*report.divergence));
        BOOST_TEST(report.hash_a == report.hash_b);
        const RunOutcome outcome = run_scenario(elasticsearch_profile(), scenario);
        BOOST_TEST(outcome.passed(),
                   "seed " << seed << ": "
                           << (outcome.violation
                                   ? outcome.violation->invariant + " " + outcome.violation->detail
                                   : std::string()));
    }
}

BOOST_AUTO_TEST_CASE(a_saved_scenario_replays_to_the_same_hash) {
    const Scenario scenario = scenario_from_seed(elasticsearch_profile(), 8471923);
    const Scenario loaded = parse_scenario(scenario_to_text(scenario), "seed.json");
    elasticsearch_profile().validate(loaded, "seed.json");
    BOOST_TEST(run_scenario(elasticsearch_profile(), scenario).trace_hash ==
               run_scenario(elasticsearch_profile(), loaded).trace_hash);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
