#pragma once
// The Markdown report: made for a CI step summary (GitHub's $GITHUB_STEP_SUMMARY, GitLab and
// Gitea render the same GitHub-flavoured Markdown).
//
// Layout:
//   ## taskcheck conform: 3 passed, 3 failed, 2 skipped          (closing_line)
//   1 error, 1 known failure, 1 unexpected pass                  (breakdown_line, iff non-empty)
//   a one-line run description (tool, target, profile, version, duration)
//   | outcome | fixtures |   one row per outcome, all six, in RunSummary order
//   ### Not passed            one table row per fixture that did not pass (outcome, name, file,
//                             time, reason), iff there is one
//   ### Failures              per fixture that fails the run (failed, error, unexpected_pass),
//                             a heading and its diff_text in a fenced block; at most
//                             kMarkdownDiffsMax blocks, then one line saying how many were left out
//   ### Run errors            iff any
// Passing fixtures are counted, not listed, so the summary stays small for large runs (GitHub
// caps a step summary at 1 MiB).
// Table cells go through markdown_cell and fences are longer than any backtick run they enclose,
// so no fixture name or response body can break the layout.
// Deterministic: a pure function of its argument.

#include <cstddef>
#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

inline constexpr std::size_t kMarkdownDiffsMax = 50;

std::string render_markdown(const conformance::RunResult& result);

}  // namespace taskcheck::reports
