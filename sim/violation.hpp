#pragma once
// Violation and the verdict block (STYLE.md §11, §15). A checker returns the first Violation it
// finds; a run ends with exactly one verdict block, rendered by render_verdict():
//
//   FAILED safety: check_status_monotonic
//     t=00:01:12.004 node=meili-0 event=#18231 task=77: status went from "succeeded" back to ...
//     expected: "canceled"  found: "succeeded"          (only when expected or found is set)
//     seed=8471923  reproduce: taskcheck replay out/seed-8471923.scenario.json
//     minimal: out/seed-8471923.min.scenario.json       (only when a minimal file was written)
//
//   PASSED seed=8471923 events=18231 trace_hash=00c0ffee00c0ffee
//
// Without a scenario path the reproduce command is `taskcheck sim --profile P --seed N`.
// Deterministic: pure functions of their arguments.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/common/time.hpp"

namespace taskcheck::sim {

struct Violation {
    std::string invariant;          // the checker's name, e.g. "check_status_monotonic"
    Nanos time = 0;                 // simulated time of the offending event
    std::string node;               // e.g. "meili-0", "es-2"; empty when no node is involved
    std::uint64_t event_index = 0;  // trace line index of the offending event
    std::string expected;           // JSON text or a phrase; may be empty
    std::string found;
    std::string detail;  // one line naming the subject: "task=77: status went ..."

    friend bool operator==(const Violation&, const Violation&) = default;
};

// {"invariant":..,"time_ns":..,"node":..,"event_index":..,"expected":..,"found":..,"detail":..}
void to_json(nlohmann::ordered_json& out, const Violation& violation);

// The class of a failure, first word after FAILED and in the JSON report; exit code 1 for all.
enum class FailureClass { safety, liveness, crash };
const char* failure_class_name(FailureClass failure_class);

struct Verdict {
    std::string profile;
    std::uint64_t seed = 0;
    std::uint64_t events = 0;  // events processed (trace lines when traced)
    std::uint64_t trace_hash = 0;
    FailureClass failure_class = FailureClass::safety;
    std::optional<Violation> violation;  // empty iff the run passed
    std::string scenario_path;           // the failing scenario file, if written
    std::string minimal_path;            // the shrunk scenario file, if written
};

// The verdict block, each line ending in "\n".
std::string render_verdict(const Verdict& verdict);

}  // namespace taskcheck::sim
