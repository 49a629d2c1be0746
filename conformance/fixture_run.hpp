#pragma once
// Running one loaded Fixture against one Target: setup steps, then the steps, then teardown.
//  - After a step fails, the remaining setup and main steps are reported skipped ("not run");
//    teardown steps always run unless the target is down.
//  - After every step the target is checked: a spawned target that died (not by a fault step)
//    fails that step and the fixture with its exit status and last stderr lines.
//  - A fixture with fault steps is skipped, with the reason, against a target without faults.
// Selection (profile, versions, tags) and known failures are the runner's job (runner.hpp).

#include "conformance/fixture.hpp"
#include "conformance/http_client.hpp"
#include "conformance/run_result.hpp"
#include "conformance/step_execution.hpp"
#include "conformance/target.hpp"

namespace taskcheck::conformance {

// Requires: `client` talks to `target`.
FixtureResult run_fixture(const Fixture& fixture, Target& target, HttpClient& client,
                          const StepSettings& settings);

// A FixtureResult with the fixture's metadata and no steps (for skips and errors).
FixtureResult describe_fixture(const Fixture& fixture);

}  // namespace taskcheck::conformance
