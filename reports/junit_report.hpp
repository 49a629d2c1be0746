#pragma once
// The JUnit XML report, in the shape Jenkins, GitLab, GitHub test reporters and Ant read
// (validated against reports/tests/junit.xsd, the Jenkins xunit JUnit schema).
//
// Mapping:
//  - <testsuites name="taskcheck conform"> holds one <testsuite> per profile, in the order the
//    profiles first appear among the fixtures (a fixture with no profile goes to "taskcheck"),
//    plus a final suite "taskcheck.run" with one errored <testcase> per run error.
//  - A fixture is a <testcase>: classname is its file without ".json", '/' -> '.'
//    ("fixtures/meilisearch/cancel.json" -> "fixtures.meilisearch.cancel"), name is its name,
//    time its duration in seconds (duration_text.hpp).
//  - passed: no child element. failed: <failure type="failed" message="<first failing step>">
//    with diff_text as body. unexpected_pass: <failure type="unexpected_pass">. error:
//    <error type="error" message="<reason>">. skipped: <skipped message="<reason>"/>.
//    known_failure: <skipped message="known failure: <reason>"/> (CI tools count an expected
//    failure as skipped, as closing_line.hpp does).
//  - <system-out>: the provenance, the step log (every step with its differences and poll
//    states) and the captured variables. <system-err>: the target's stderr tail.
//  - Suite counts: failures = failed + unexpected_pass, errors = error, skipped = skipped +
//    known_failure; tests = all. <properties> on each suite: tool_version, target, profile,
//    version.
// All text is escaped by xml_text / xml_attribute: valid UTF-8, control characters written as
// `\u00NN`, so any response body yields well-formed XML.
// Deterministic: a pure function of its argument.

#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

std::string render_junit(const conformance::RunResult& result);

// "fixtures/meilisearch/cancel.json" -> "fixtures.meilisearch.cancel"; a leading "./" is dropped.
std::string junit_classname(std::string_view file);

}  // namespace taskcheck::reports
