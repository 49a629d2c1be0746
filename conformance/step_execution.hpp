#pragma once
// Executing the parts of a step that talk to the target: interpolating and sending a request,
// checking a response against an ExpectSpec, capturing values, and polling (poll_step.cpp).
// Each function fills a StepResult; none throws for anything the target does.

#include <cstdint>
#include <string>

#include "conformance/fixture.hpp"
#include "conformance/http_client.hpp"
#include "conformance/target.hpp"
#include "model/common/result.hpp"

namespace taskcheck::conformance {

struct StepSettings {
    std::int64_t request_timeout_ms = 10000;  // per request unless the step sets timeout_ms
    std::size_t body_bytes_max = 64 * 1024;   // longer bodies are truncated in the report
};

struct StepContext {
    Target& target;
    HttpClient& client;
    Json& captures;  // variable -> value, shared by the fixture's steps
    const StepSettings& settings;
};

// Replaces each {{name}} in `text` with the captured value (a string as is, anything else as
// JSON text). Err(name) for the first variable that is not bound.
Result<std::string, std::string> interpolate(const std::string& text, const Json& captures);

// A JSON body with {{var}} replaced: a string that is exactly "{{name}}" becomes the captured
// value with its type; other strings are interpolated as text.
Result<Json, std::string> interpolate_json(const Json& body, const Json& captures);

// `body` parsed as JSON, or how it appears as the actual side of a difference instead:
// `(not JSON) "<its first 200 bytes>"`, or `(JSON nested deeper than 128 arrays/objects at
// <pointer>)` — a body past kJsonDepthMax is refused so that no matcher, capture or report
// recurses past that limit (json_depth.hpp).
Result<Json, std::string> parse_response_body(const std::string& body);

// Sends `spec` (after interpolation), waiting at most min(its timeout, `timeout_cap_ms`).
// Records the exchange in `step.exchange`. On an unbound variable or no response, sets
// `step.outcome` = failed with the reason in `step.message` and returns a response with
// status 0.
HttpResponse send_request(StepContext& context, const RequestSpec& spec,
                          std::int64_t timeout_cap_ms, StepResult& step);

// Appends to `step.differences` every way `response` differs from `expect`: "/$status",
// "/$headers/<name>" (names are compared case-insensitively), the body by pointer, "/$body"
// for a raw body. Binds {"$capture"} variables.
void check_response(const ExpectSpec& expect, const HttpResponse& response, Json& captures,
                    StepResult& step);

// Binds each (variable, pointer) from the JSON body; a missing value or a body that is not JSON
// is a difference at that pointer.
void capture_values(const std::vector<std::pair<std::string, std::string>>& captures,
                    const std::string& body, Json& bound, StepResult& step);

// Runs a poll step (see PollSpec): fills poll_states, differences and the outcome.
void run_poll(StepContext& context, const PollSpec& poll, StepResult& step);

}  // namespace taskcheck::conformance
