#pragma once
// The HTML report: one self-contained file (inline CSS and JavaScript, no external resource,
// no network access when opened) for a person reading a run in a browser.
//
// Content, top to bottom:
//  - the closing line as the title, the breakdown line, the run description;
//  - filter buttons (all, and one per outcome) that show only fixtures with that outcome; the
//    script fills in each button's count when the page loads;
//  - run errors, iff any;
//  - one <details class="fixture" data-outcome="<outcome>" id="fixture-<n>"> per fixture, open
//    iff the fixture fails the run: outcome, name, file, time, reason, provenance (document,
//    section, the quoted sentence in a <blockquote>, the erratum), tags, each step with its
//    differences as a pointer / expected / found / note table, poll states, the last HTTP
//    exchange, then captured variables and the target's stderr tail.
// Every string from the run goes through html_text (text_escape.hpp); the script reads only
// data-* attributes the writer set, never report text, so no fixture or response can inject
// markup or script.
// Deterministic: a pure function of its argument.

#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

std::string render_html(const conformance::RunResult& result);

}  // namespace taskcheck::reports
