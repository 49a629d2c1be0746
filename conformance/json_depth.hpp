#pragma once
// The JSON nesting limit as the runner applies it (model/common/json_depth.hpp): a fixture or
// known-failures file deeper than kJsonDepthMax is rejected at load (fixture_reader.hpp), a
// deeper response body is a difference, never a crash (step_execution.hpp), so the matcher, the
// line map, interpolation and the reports never recurse past it.

#include "model/common/json_depth.hpp"

namespace taskcheck::conformance {

using taskcheck::kJsonDepthMax;
using taskcheck::pointer_deeper_than;

}  // namespace taskcheck::conformance
