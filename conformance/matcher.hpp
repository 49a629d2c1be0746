#pragma once
// Matching a response against a fixture's expectation (docs/fixture-format.md "Matching").
//
// Exact by default: objects must have exactly the expected keys (an extra key is a difference),
// arrays the expected length and order, scalars the expected value (numbers compare by value, so
// 1 == 1.0). An object with exactly one key that starts with "$" is a matcher instead:
//   {"$any": true}                 any value (the key must be present)
//   {"$type": "<type>"}            string integer unsigned number boolean null object array
//                                  rfc3339 duration (ISO-8601 duration, e.g. "PT0.5S")
//   {"$nullable": <expected>}      null, or what <expected> matches
//   {"$regex": "<ECMAScript>"}     a string in which the pattern is found (anchor with ^ $)
//   {"$capture": "<name>"}         binds <name> to the value on first use; later uses must equal it
//   {"$subset": {..}}              an object with at least these keys, each matching
//   {"$unordered": [..]}           an array of the same length whose elements match in any order
//   {"$contains": [..]}            an array that has a distinct matching element for each one given
//   {"$literal": <value>}          exactly <value>, with no matchers inside (to expect "$" keys)
// Every difference is reported, not only the first, each at its JSON Pointer (RFC 6901).
// Deterministic: the result depends only on the arguments.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "conformance/run_result.hpp"

namespace taskcheck::conformance {

using Json = nlohmann::ordered_json;

// Names of the matchers above, e.g. "$type"; and the `$type` names.
const std::vector<std::string>& matcher_names();
const std::vector<std::string>& type_names();

// JSON text of `value`; invalid UTF-8 (from a garbage response) is replaced, never thrown on.
std::string dump_json(const Json& value);

// "/a" + "b/c" -> "/a/b~1c" (RFC 6901 escaping of ~ and /).
std::string pointer_append(const std::string& pointer, const std::string& token);

// Matches `actual` against `expected` at `pointer`; appends one Difference per mismatch to `out`.
// `actual` is null when the value is missing. Binds new captures into `captures` (an object);
// a mismatch never unbinds a capture that was bound before the call.
// Requires: `expected` passed validate_expected() (unknown matchers trip TC_ASSERT).
void match_json(const Json& expected, const Json* actual, const std::string& pointer,
                Json& captures, std::vector<Difference>& out);

// Checks that every matcher in `expected` is well formed. Returns the JSON Pointer (relative to
// `expected`) of the first bad one and what is wrong with it, or nullopt when all are fine.
struct MatcherProblem {
    std::string pointer;
    std::string problem;
    std::string hint;
};
std::optional<MatcherProblem> validate_expected(const Json& expected);

}  // namespace taskcheck::conformance
