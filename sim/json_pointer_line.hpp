#pragma once
// json_pointer_line: the 1-based line where the value a JSON Pointer names starts in a JSON text,
// so that an error found after parsing (a wrong type at /faults/2/at_ns) can still name its line.
// nlohmann/json keeps no source positions, hence this small scanner over the original text.
// When the pointer names nothing (a missing key, an index past the end), the line of the deepest
// value that exists on its path is returned — the object the key is missing from.
// Requires: `text` is valid JSON (it was parsed first). Deterministic: a pure function.

#include <string_view>

namespace taskcheck::sim {

// `pointer` is an RFC 6901 pointer ("" is the whole document, "/a/0/b~1c" ...).
int json_pointer_line(std::string_view text, std::string_view pointer);

}  // namespace taskcheck::sim
