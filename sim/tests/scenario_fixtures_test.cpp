// Every checked-in scenario (fixtures/scenarios/<profile>/*.json, both profiles) loads,
// validates, passes, and replays to the trace hash it records — the in-process twin of the
// `sim.replay_every_scenario` ctest (`taskcheck replay fixtures/scenarios`), so a change to the
// simulator that alters a recorded run fails here too.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/driver.hpp"
#include "sim/profile.hpp"
#include "sim/scenario_file.hpp"

namespace taskcheck::sim {
namespace {

std::vector<std::string> scenario_files() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator("fixtures/scenarios"))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path().generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_fixtures)

BOOST_AUTO_TEST_CASE(every_scenario_file_passes_with_its_recorded_trace_hash) {
    const std::vector<std::string> files = scenario_files();
    BOOST_TEST(files.size() >= 9u);
    std::size_t meili = 0;
    std::size_t es = 0;
    for (const std::string& file : files) {
        const Scenario scenario = load_scenario_file(file);
        const Profile* profile = find_profile(scenario.profile);
        BOOST_TEST_REQUIRE(profile != nullptr, file);
        profile->validate(scenario, file);
        const RunOutcome outcome = run_scenario(*profile, scenario);
        const std::string hash = format_hash(outcome.trace_hash);
        BOOST_TEST_MESSAGE(file << " trace_hash " << hash);
        BOOST_TEST(outcome.passed(), file);
        BOOST_TEST(scenario.trace_hash.has_value(), file << " records no trace_hash");
        if (scenario.trace_hash) BOOST_TEST(*scenario.trace_hash == hash, file);
        meili += scenario.profile == "meilisearch" ? 1 : 0;
        es += scenario.profile == "elasticsearch" ? 1 : 0;
    }
    BOOST_TEST(meili >= 6u);
    BOOST_TEST(es >= 3u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
