#pragma once
// The console report: what `taskcheck conform` prints while it runs and when it ends.
//
//  - A progress line per fixture as it finishes (progress_line, or the console_progress
//    callback that the runner calls, from any thread):
//        [ 2/12] FAIL  cancel an enqueued task (meilisearch/cancel.json) 12 ms
//    Labels: PASS, FAIL, SKIP, ERROR, XFAIL (known failure), XPASS (unexpected pass). A reason,
//    when the fixture has one, follows after ": " (SKIP lines show the reason instead of a time).
//  - Then console_summary: one block per fixture that makes the run fail (FAIL, ERROR, XPASS),
//    each a header line and its diff_text; a `run error: ...` line per run error; the
//    breakdown_line when it is not empty; and last, alone on its line and never coloured,
//    `N passed, N failed, N skipped` (closing_line.hpp says how outcomes fold into it).
// Colour (ANSI SGR on the labels only) iff ConsoleOptions::colour; the CLI sets it from isatty.
// Everything a target or fixture supplied goes through visible_text, so a response body cannot
// move the cursor or change the terminal's colours.
// Deterministic: the render functions are pure; only console_progress writes.

#include <cstdio>
#include <functional>
#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

struct ConsoleOptions {
    bool colour = false;  // ANSI colour on outcome labels; set iff stdout is a terminal
};

// "PASS ", "FAIL ", "SKIP ", "ERROR", "XFAIL", "XPASS" (five columns), coloured iff asked.
std::string outcome_label(conformance::Outcome outcome, const ConsoleOptions& options);

// One progress line, ending in '\n'. `finished` counts this fixture (1-based) out of `total`;
// a `total` of 0 means "not known" and prints "[3] " instead of "[ 3/12] ".
// Requires: 1 <= finished, and finished <= total unless total is 0.
std::string progress_line(const conformance::FixtureResult& fixture, std::size_t finished,
                          std::size_t total, const ConsoleOptions& options);

// Everything after the progress lines, as described above; ends with the closing line and '\n'.
std::string console_summary(const conformance::RunResult& result, const ConsoleOptions& options);

// progress_line for every fixture in order, then console_summary: a whole run's output.
std::string render_console(const conformance::RunResult& result, const ConsoleOptions& options);

// A callback for the runner: each call prints progress_line for the fixture to `out` and
// flushes. Safe to call from several threads (calls are serialised); counts calls to number the
// lines. `out` must outlive the callback.
using FixtureCallback = std::function<void(const conformance::FixtureResult&)>;
FixtureCallback console_progress(std::FILE* out, std::size_t total, ConsoleOptions options);

}  // namespace taskcheck::reports
