#pragma once
// RunnerWorkload: the requests the runner benchmark sends, rendered two ways that check the same
// things — a taskcheck fixture (docs/fixture-format.md) and a Postman v2.1 collection for
// Newman. Every step is one request whose status must be `status` and whose JSON body must equal
// `expected_body` exactly (taskcheck's default matching; chai's deep `eql` in Newman, which
// also fails on an extra or missing key). Deterministic: the same workload gives the same bytes.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace taskcheck::bench {

struct RunnerWorkload {
    std::size_t steps = 1000;  // request steps in the one fixture / collection items
    std::string method = "GET";
    std::string path = "/tasks/1";  // the same request wrk sends for the ceiling
    std::string request_body;       // JSON text sent as application/json; "" sends none
    int status = 200;
    std::string expected_body;  // JSON text; must parse

    // Why this workload cannot be rendered, or "" (steps >= 1, path starts with '/', the
    // bodies parse as JSON).
    std::string problem() const;
};

// One fixture file: {"name", "profile": "meilisearch", "tags": ["bench"], "steps": [...]}, each
// step {"request": {method, path[, body]}, "expect": {"status", "body"}}.
// Requires: problem() is "".
nlohmann::ordered_json runner_fixture_json(const RunnerWorkload& workload);

// A Postman v2.1 collection with one item per step. Requests go to "{{base}}" + path, so the
// target is given at run time (`newman run C --env-var base=http://127.0.0.1:PORT`); a request
// body is sent raw with Content-Type application/json; each item's
// test script asserts the status and deep-equals the parsed body with the expected value.
// Requires: problem() is "".
nlohmann::ordered_json newman_collection_json(const RunnerWorkload& workload);

}  // namespace taskcheck::bench
