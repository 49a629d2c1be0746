#pragma once
// Reading one fixture step (request, poll, capture, fault, sleep) with located errors; used by
// fixture_loader.cpp. `known` holds the variables captured by earlier steps: a step may use only
// those in {{var}}, and adds the ones it captures.

#include <set>
#include <string>

#include "conformance/fixture.hpp"
#include "conformance/fixture_reader.hpp"

namespace taskcheck::conformance {

using Variables = std::set<std::string>;

// Throws InputError "fixture-invalid" on the first problem.
Step read_step(const FixtureReader& reader, const Json& object, const std::string& pointer,
               Phase phase, const std::string& profile, Variables& known);

}  // namespace taskcheck::conformance
