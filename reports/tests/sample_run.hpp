#pragma once
// sample_run(): the hand-built RunResult every report golden file renders. It has one fixture of
// each outcome across two profiles, a failure with several differences (a wrong value, an
// unexpected key, a missing key, a wrong status, the root), a poll with its observed states,
// captured variables, HTTP exchanges, a run error, and nasty text: markup, quotes, backticks,
// pipes, NUL, ESC, DEL, invalid UTF-8, "]]>", U+FFFE and non-ASCII letters.
// Deterministic: every field, timings included, is a constant.

#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports::test {

conformance::RunResult sample_run();

// The nasty string the sample puts in names, bodies and stderr (it holds a NUL byte).
std::string nasty_text();

}  // namespace taskcheck::reports::test
