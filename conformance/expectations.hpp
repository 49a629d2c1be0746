#pragma once
// Expectations: the known failures of an implementation (`--expect FILE`), in the spirit of
// WPT's expectation files. File format (docs/runner.md):
//   {"known_failures": [{"fixture": "<fixture name>", "reason": "<why, mandatory>"}]}
// A failed fixture listed here is a known failure (exit code unaffected); a listed fixture that
// passes is an unexpected pass and fails the run, so the file cannot go stale silently.

#include <string>
#include <string_view>
#include <vector>

#include "conformance/run_result.hpp"

namespace taskcheck::conformance {

struct KnownFailure {
    std::string fixture;  // the fixture's "name"
    std::string reason;   // non-empty
};

struct Expectations {
    std::vector<KnownFailure> known_failures;  // sorted by fixture name, names unique

    const KnownFailure* find(const std::string& fixture) const;
};

// Parses an expectations file. Throws InputError "expectations-syntax" / "expectations-invalid"
// with file, line and pointer (e.g. a missing or empty reason, a duplicate fixture).
Expectations parse_expectations(std::string_view text, const std::string& file);
// Reads `file`; a missing file is an InputError "expectations-unreadable".
Expectations load_expectations(const std::string& file);

// Marks results: failed + listed -> known_failure (reason = the listed reason);
// passed + listed -> unexpected_pass. Skipped and error results are left unchanged.
void apply_expectations(const Expectations& expectations, RunResult& run);

// The expectations a run implies: every fixture that failed (or was a known failure) is listed,
// keeping the reason from `previous` when there was one, else "new failure: <fixture reason>".
// Unexpected passes are dropped.
Expectations expectations_from_run(const RunResult& run, const Expectations& previous);

// The file text, two-space indented JSON with a final newline.
std::string render_expectations(const Expectations& expectations);

}  // namespace taskcheck::conformance
