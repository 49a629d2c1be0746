#pragma once
// Scenario: one simulation run as data — profile, seed, options, the explicit workload and the
// explicit fault schedule — and its file format (docs/simulator.md#scenario-files, JSON Schema in
// docs/scenario.schema.json):
//   {"format":"taskcheck-scenario","version":1,"profile":"meilisearch","seed":8471923,
//    "options":{"duration_ns":..,"network":{..},"fault_profile":{..},"profile_options":{..}},
//    "workload":[{..},..],"faults":[{"at_ns":..,"kind":"crash","node":0},..]}
// Workload operations are opaque JSON objects here; each profile interprets its own. Replay runs
// the workload and faults as written and draws only what the file leaves to the seed (network
// latencies, the profile's own choices), so the same file gives the same trace hash.
//
// Loading rejects anything malformed with InputError "scenario-invalid" naming the file, the
// line, the JSON Pointer, expected vs found and how to fix it. Saving is deterministic: the same
// Scenario gives byte-identical text (keys in a fixed order, one workload operation and one fault
// per line so files diff well).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/time.hpp"
#include "sim/fault_profile.hpp"
#include "sim/fault_schedule.hpp"
#include "sim/network.hpp"

namespace taskcheck::sim {

constexpr int kScenarioVersion = 1;

struct ScenarioOptions {
    Nanos duration = seconds(60);  // length of the safety (fault) phase; 0..1 day
    NetworkOptions network;        // includes node_count
    FaultProfile fault_profile;    // what the faults were drawn from; informational on replay
    nlohmann::ordered_json profile_options = nlohmann::ordered_json::object();  // the profile's own
};

struct Scenario {
    std::string profile;  // "meilisearch", "elasticsearch": non-empty
    std::uint64_t seed = 0;
    std::optional<std::string> trace_hash;  // 16 lowercase hex digits (format_hash) when recorded
    ScenarioOptions options;
    std::vector<nlohmann::ordered_json> workload;  // each an object
    std::vector<FaultEntry> faults;                // passes validate_faults

    friend bool operator==(const Scenario& a, const Scenario& b);
};

// Parses scenario text; `file_name` is used only in messages. Throws InputError
// (scenario-invalid) for malformed JSON, a wrong format or version, unknown or ill-typed keys, and
// faults that do not fit the options (validate_faults).
Scenario parse_scenario(std::string_view text, const std::string& file_name);

// Reads and parses `path`. Throws InputError (scenario-unreadable) if it cannot be read.
Scenario load_scenario_file(const std::string& path);

// The canonical text of `scenario`, ending in "\n". Requires: faults are valid for the options.
std::string scenario_to_text(const Scenario& scenario);

// Writes scenario_to_text() to `path`. Throws InputError (scenario-unwritable) on failure.
void save_scenario_file(const Scenario& scenario, const std::string& path);

void to_json(nlohmann::ordered_json& out, const ScenarioOptions& options);

}  // namespace taskcheck::sim
