#pragma once
// The conformance runner: loads fixture files, selects fixtures, runs them against a target
// (a URL, or processes it spawns) on `jobs` workers, applies known failures, and returns one
// RunResult. Results are in fixture order (files sorted, fixtures in file order) whatever the
// completion order, so reports are stable.
//  - A fixture file that does not load is one FixtureResult with outcome error (exit 2); the
//    other fixtures still run. So is a fixture whose spawned target would not start.
//  - Run errors (exit 2): no fixture selected, unless selection.allow_empty; a --target that
//    does not accept a TCP connection before the first fixture (then no fixture runs).
//  - Spawned targets: per_fixture starts a fresh process for every fixture, per_file one per
//    file, once one per worker for the whole run. A shared target found down (crash, or a kill
//    step left it dead) is replaced before the next fixture. Each worker's targets have their
//    own port and data dir; all are killed when the run ends.
// Not deterministic (real time, real network); see run_result.hpp for what is.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/expectations.hpp"
#include "conformance/run_result.hpp"
#include "conformance/selection.hpp"
#include "conformance/spawned_target.hpp"
#include "conformance/step_execution.hpp"

namespace taskcheck::conformance {

enum class SpawnMode { per_fixture, per_file, once };

struct RunnerOptions {
    std::vector<std::string> paths;  // fixture files or directories
    std::string target_url;          // exactly one of target_url and spawn.command
    SpawnOptions spawn;
    SpawnMode spawn_mode = SpawnMode::per_fixture;
    Selection selection;
    std::optional<Expectations> expectations;
    int jobs = 1;  // 1..64 workers
    StepSettings steps;
    std::string tool_version;  // copied into RunResult
    // Called after each fixture finishes (from worker threads, one call at a time).
    std::function<void(const FixtureResult&)> on_fixture_done;

    // Why these options cannot run, or nullopt.
    std::optional<std::string> validate() const;
};

// Runs everything. Throws InputError for a problem with the run as a whole: bad options, a
// fixture path that does not exist, a bad --target URL.
RunResult run_conformance(const RunnerOptions& options);

}  // namespace taskcheck::conformance
