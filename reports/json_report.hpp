#pragma once
// The JSON report: the whole RunResult, for tools. Nothing is left out — timings, every step with
// its differences, observed poll states and last HTTP exchange, captured variables, provenance,
// the target's stderr tail — plus the derived summary and exit code, so a consumer never has to
// recompute them.
//
// Shape (keys in this order; docs/reports.md has the full description):
//   {"format": "taskcheck-run/1", "tool_version", "target", "profile", "version", "started_at",
//    "duration_ns", "exit_code", "summary": {"passed", "failed", "skipped", "errors",
//    "known_failures", "unexpected_passes"}, "run_errors": [..],
//    "fixtures": [{"name", "file", "profile", "tags", "provenance": {"doc", "section", "quote",
//      "erratum"}, "outcome", "reason", "duration_ns", "captures", "target_stderr_tail",
//      "steps": [{"index", "kind", "phase", "label", "outcome", "message", "duration_ns",
//        "differences": [{"pointer", "expected", "actual", "note"}], "poll_states": [..],
//        "exchange": null | {"method", "path", "request_headers": [[name, value], ..],
//          "request_body", "status", "response_headers", "response_body",
//          "response_body_truncated"}}]}]}
// Strings are valid UTF-8: bytes that are not become the text `\xNN` (text_escape.hpp); control
// characters stay, escaped by JSON itself. Output is indented by two spaces and ends in '\n'.
// Deterministic: a pure function of its argument.

#include <nlohmann/json.hpp>
#include <string>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

// The report as a JSON value; render_json is its text.
nlohmann::ordered_json run_result_json(const conformance::RunResult& result);
std::string render_json(const conformance::RunResult& result);

}  // namespace taskcheck::reports
