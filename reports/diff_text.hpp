#pragma once
// The plain-text diff of one fixture: what went wrong, step by step, with every Difference on
// its own line. The console, the JUnit <failure> body and the Markdown failure blocks all print
// exactly this text, so a failure reads the same wherever a user meets it.
//
// Shape (lines indented by two spaces per level, no header, each line ends in '\n'):
//     reason: listed as a known failure: ...          (iff the fixture has a reason)
//     step 3, poll GET /tasks/0: failed: wrong terminal state
//       /status: expected "succeeded", found "failed"
//       /extra: expected (missing), found 1 (unexpected key)
//       poll states: enqueued, processing, failed
//     target stderr (last lines):
//       | thread 'main' panicked
// Only steps whose outcome is not `passed` are listed. Every field goes through visible_text and
// has its newlines written as `\n`, so one field is always one line and the text is printable.
// Deterministic: a pure function of its argument.

#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

// "<pointer>: expected <expected>, found <actual>[ (<note>)]"; the root pointer "" prints as
// "(root)". No indentation, no newline.
std::string difference_line(const conformance::Difference& difference);

// "step <index>, [<phase> ]<kind> <label>: <outcome>[: <message>]", the phase only when it is
// "setup" or "teardown". No indentation, no newline.
std::string step_line(const conformance::StepResult& step);

// One step as in the diff above: its step_line indented by two spaces, then its differences and
// poll states indented by four. Used for passed steps too (the JUnit step log).
std::string step_block(const conformance::StepResult& step);

// The whole diff as above; empty iff the fixture has no reason, no non-passed step and no
// stderr tail.
std::string diff_text(const conformance::FixtureResult& fixture);

// Why the fixture did not pass, in one line: its reason if it has one, else the step_line of its
// first step that did not pass, else "".
std::string why_line(const conformance::FixtureResult& fixture);

// visible_text with '\n' written as the two characters `\n`: always one line.
std::string one_line(std::string_view text);

}  // namespace taskcheck::reports
