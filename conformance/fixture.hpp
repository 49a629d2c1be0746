#pragma once
// Fixture: one request/response conformance test, as loaded from a JSON file
// (docs/fixture-format.md). A Fixture is a plain value: loading validates everything that can be
// checked without a target (keys, types, matchers, that each {{var}} is captured before use), so
// running it can fail only on what the target does.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conformance/matcher.hpp"
#include "conformance/run_result.hpp"
#include "conformance/version_range.hpp"

namespace taskcheck::conformance {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct RequestSpec {
    std::string method;              // GET POST PUT PATCH DELETE HEAD
    std::string path;                // starts with "/", may hold {{var}} and a query string
    HeaderList headers;              // values may hold {{var}}
    std::optional<Json> body;        // JSON body (sent as application/json)
    std::optional<std::string> raw;  // raw body text, sent as is; never both body and raw
    std::int64_t timeout_ms = 0;     // 0: the run's --request-timeout-ms
};

struct ExpectSpec {
    std::optional<Json> status;                         // an integer, or a matcher over the integer
    std::vector<std::pair<std::string, Json>> headers;  // lower-case name -> string or matcher
    std::optional<Json> body;                           // matched against the parsed JSON body
    std::optional<Json> raw;  // matched against the body text as a JSON string
};

struct PollSpec {
    RequestSpec request;
    std::string at;              // JSON Pointer of the watched field
    std::vector<Json> terminal;  // values that end the poll
    std::optional<Json> expect;  // the terminal value wanted; another one fails at once
    std::vector<Json> order;     // non-terminal values, earliest first (profile default)
    std::int64_t deadline_ms = 10000;
    std::int64_t interval_ms = 50;
    int status = 200;          // every poll response must have it
    std::optional<Json> body;  // matched against the terminal response
};

enum class FaultKind { kill, restart, pause, resume };
std::string_view fault_name(FaultKind kind);

enum class Phase { setup, main, teardown };
std::string_view phase_name(Phase phase);  // "setup", "main", "teardown"

struct Step {
    enum class Kind { request, poll, capture, fault, sleep } kind = Kind::request;
    Phase phase = Phase::main;
    std::string pointer;  // e.g. "/steps/2", for messages
    int line = 0;
    std::string name;                                           // optional label from the fixture
    RequestSpec request;                                        // kind request
    ExpectSpec expect;                                          // kind request
    std::vector<std::pair<std::string, std::string>> captures;  // variable -> pointer in body
    PollSpec poll;                                              // kind poll
    FaultKind fault = FaultKind::kill;                          // kind fault
    std::int64_t sleep_ms = 0;                                  // kind sleep
};
std::string_view step_kind_name(Step::Kind kind);

struct Fixture {
    std::string file;
    std::string name;
    std::string profile;    // "meilisearch" | "elasticsearch"
    VersionRange versions;  // default: every version
    std::vector<std::string> tags;
    Provenance provenance;
    std::vector<Step> steps;  // setup, then main, then teardown (see Step::phase)

    bool uses_faults() const;
};

// The profiles fixtures may name, and a profile's default order of non-terminal poll values.
const std::vector<std::string>& profile_names();
std::vector<Json> default_poll_order(const std::string& profile);

}  // namespace taskcheck::conformance
