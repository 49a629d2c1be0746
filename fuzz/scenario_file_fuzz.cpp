// scenario_file_fuzz: simulator scenario files (docs/simulator.md#scenario-files) as `replay`
// reads them: parse_scenario (format, options, network, fault schedule). The profiles' own
// validation of profile options and workload (Profile::validate) is not linked: it needs every
// simulator world (taskcheck_sim_profiles), which doubles the fuzz build.
// Any text loads or throws InputError; a loaded scenario written back with scenario_to_text
// loads again to an equal Scenario (the file format's round-trip promise).
#include "fuzz/fuzz_support.hpp"
#include "model/common/assert.hpp"
#include "sim/scenario_file.hpp"

using namespace taskcheck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    fuzz::expect_input_error_only([&] {
        const sim::Scenario scenario = sim::parse_scenario(text, "fuzz.scenario.json");
        const std::string written = sim::scenario_to_text(scenario);
        const sim::Scenario again = sim::parse_scenario(written, "written.scenario.json");
        TC_ASSERT(again == scenario);
    });
    return 0;
}
