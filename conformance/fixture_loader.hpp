#pragma once
// Loading fixture files (docs/fixture-format.md). Every problem is an InputError with the file,
// the line, the JSON Pointer, what is wrong and how to fix it; a loaded Fixture is well formed.

#include <string>
#include <string_view>
#include <vector>

#include "conformance/fixture.hpp"

namespace taskcheck::conformance {

// A fixture file holds one fixture object, or an array of them (run in order; with
// `--spawn-mode per-file` they share one target process).

// Parses fixture file `text`; `file` is used in messages and copied into Fixture::file.
// Throws InputError "fixture-syntax" (not JSON) or "fixture-invalid" (not a fixture).
std::vector<Fixture> parse_fixtures(std::string_view text, const std::string& file);

// parse_fixtures for text that must hold exactly one fixture.
Fixture parse_fixture(std::string_view text, const std::string& file);

// Reads and parses `file`. Throws InputError "fixture-unreadable" if it cannot be read.
std::vector<Fixture> load_fixtures(const std::string& file);

}  // namespace taskcheck::conformance
