#pragma once
// JSON nesting limit: how deep arrays and objects may nest in the JSON the runner reads — fixture
// files, known-failure files and response bodies. nlohmann's parser and destructor are
// iterative, but matching, dumping, interpolation and the line map recurse once per level, so a
// 10,000-deep body would overflow the stack. Everything past the parser therefore sees JSON of
// at most kJsonDepthMax levels: a deeper fixture is rejected at load (fixture_reader.hpp), a
// deeper response body is a difference, never a crash (step_execution.hpp).

#include <cstddef>
#include <optional>
#include <string>

#include "conformance/matcher.hpp"

namespace taskcheck::conformance {

// The most arrays/objects one value may be nested in, the outermost included: `[[1]]` has 2.
constexpr std::size_t kJsonDepthMax = 128;

// The JSON Pointer of the first array or object (in document order) that sits at nesting level
// `depth_max + 1`, or nullopt iff `value` nests at most `depth_max` levels. Iterative, so any
// depth is safe.
std::optional<std::string> pointer_deeper_than(const Json& value,
                                               std::size_t depth_max = kJsonDepthMax);

}  // namespace taskcheck::conformance
