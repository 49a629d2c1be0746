#pragma once
// The one-line verdict every report ends or opens with: `N passed, N failed, N skipped`.
//
// The line has exactly three counts (CI greps for it), so the six outcomes fold into them:
//   passed  = passed
//   failed  = failed + error + unexpected_pass   (everything that makes the exit code non-zero)
//   skipped = skipped + known_failure            (as JUnit tools and pytest's xfail count them)
// The three always add up to the number of fixtures. The folded outcomes are spelled out by
// breakdown_line, which the console prints on the line before, so nothing is hidden.
// Deterministic: pure functions.

#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

struct ClosingCounts {
    int passed = 0;
    int failed = 0;
    int skipped = 0;
};

ClosingCounts closing_counts(const conformance::RunSummary& summary);

// "3 passed, 2 failed, 1 skipped" — no newline.
std::string closing_line(const conformance::RunSummary& summary);

// "1 error, 2 known failures, 1 unexpected pass": only the non-zero folded outcomes, in that
// order, singular or plural; empty iff there are none.
std::string breakdown_line(const conformance::RunSummary& summary);

}  // namespace taskcheck::reports
