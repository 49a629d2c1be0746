#pragma once
// RunResult: everything one `taskcheck conform` run found, as one value. The runner
// (conformance/) fills it; every report writer (reports/) renders it and nothing else, so all
// report formats agree by construction. It holds text and numbers only — no handles, no
// pointers — and is deterministic for a given sequence of responses except for the timing fields
// (`*_ns`, `started_at`), which reports may omit for golden-file tests.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace taskcheck::conformance {

// How a fixture or a step ended.
enum class Outcome {
    passed,           // ran and matched every expectation
    failed,           // ran and some expectation did not hold (a conformance failure)
    skipped,          // not run: version range, tags, a fault step against a URL target, ...
    error,            // could not be run: malformed fixture, target would not start (exit 2)
    known_failure,    // failed, and the expectations file says it fails (with a reason)
    unexpected_pass,  // the expectations file says it fails, but it passed: fails the run
};

std::string_view outcome_name(Outcome outcome);  // "passed", "failed", ... "unexpected_pass"

// One difference between expected and actual, at a JSON Pointer (RFC 6901) into the response
// body, or a pseudo-pointer for non-body parts: "/$status", "/$headers/<name>".
struct Difference {
    std::string pointer;
    std::string expected;  // JSON text, or a matcher description such as `{"$type":"rfc3339"}`
    std::string actual;    // JSON text; "(missing)" when absent
    std::string note;      // e.g. "unexpected key", "captured variable t was 3"
};

// Where a fixture's expectation comes from (DESIGN.md "Fixtures").
struct Provenance {
    std::string doc;      // file name under shared/seeds/, e.g. "meilisearch-tasks.txt"
    std::string section;  // section heading in that document
    std::string quote;    // the sentence, verbatim
    std::string erratum;  // non-empty iff the document is wrong here: the reason
};

// One HTTP request and its response, as the runner saw them.
struct HttpExchange {
    std::string method;
    std::string path;  // after {{var}} interpolation, with the query string
    std::vector<std::pair<std::string, std::string>> request_headers;
    std::string request_body;
    int status = 0;  // 0 when no response arrived
    std::vector<std::pair<std::string, std::string>> response_headers;
    std::string response_body;  // possibly truncated; see response_body_truncated
    bool response_body_truncated = false;
};

struct StepResult {
    std::size_t index = 0;  // position in the fixture's steps (setup and teardown included)
    std::string kind;       // "request", "poll", "capture", "fault", "sleep"
    std::string phase;      // "setup", "main", "teardown" (the fixture section it came from)
    std::string label;      // human one-liner, e.g. "GET /tasks/3" or "kill"
    Outcome outcome = Outcome::passed;
    std::string message;                   // why it failed / was skipped; empty on a pass
    std::vector<Difference> differences;   // every difference, not just the first
    std::vector<std::string> poll_states;  // observed values of the watched field, in order
    std::optional<HttpExchange> exchange;  // the last exchange of the step
    std::int64_t duration_ns = 0;
};

// One try at starting a spawned target (spawned_target.hpp): the port it was given and how it
// ended. Only address_in_use is tried again, on a new port.
enum class StartOutcome {
    ready,           // answered the ready probe
    address_in_use,  // exited before it was ready because its port was taken
    failed,          // exited, or was not ready in time, for another reason
};
std::string_view start_outcome_name(StartOutcome outcome);  // "ready", "address_in_use", ...

struct StartAttempt {
    int port = 0;
    StartOutcome outcome = StartOutcome::ready;
    std::string detail;  // what happened, e.g. "target exited with status 1 before it was ready"
};

struct FixtureResult {
    std::string name;
    std::string file;     // path as given on the command line or found under a directory
    std::string profile;  // "meilisearch" | "elasticsearch"
    std::vector<std::string> tags;
    Provenance provenance;
    Outcome outcome = Outcome::passed;
    std::string reason;  // skip reason, error text, or the known-failure reason
    std::vector<StepResult> steps;
    nlohmann::ordered_json captures = nlohmann::ordered_json::object();  // variable -> value
    std::string target_stderr_tail;  // last lines of a spawned target's stderr, if any
    // The start attempts of the spawned target this fixture had to start, in order; empty when
    // it ran on a target that was already up, or on a URL.
    std::vector<StartAttempt> target_starts;
    std::int64_t duration_ns = 0;
};

struct RunSummary {
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    int errors = 0;
    int known_failures = 0;
    int unexpected_passes = 0;
};

struct RunResult {
    std::string tool_version;  // "taskcheck 0.1.0"
    std::string target;        // URL, or the spawn command template
    std::string profile;       // profile filter, or "" for all
    std::string version;       // --version the fixtures were selected for, or ""
    std::string started_at;    // RFC 3339 wall-clock time (the runner is not deterministic code)
    std::int64_t duration_ns = 0;
    std::vector<FixtureResult> fixtures;
    std::vector<std::string> run_errors;  // problems not tied to one fixture

    RunSummary summary() const;
    // 0 all as expected; 1 a conformance failure or unexpected pass; 2 an error (DESIGN.md).
    int exit_code() const;
};

}  // namespace taskcheck::conformance
