#include "bench/runner_workload.hpp"

namespace taskcheck::bench {

using nlohmann::ordered_json;

namespace {

std::string workload_name(const RunnerWorkload& workload) {
    return "runner bench: " + std::to_string(workload.steps) + " x " + workload.method + " " +
           workload.path;
}

// The test script of one Newman item: the same two checks as the fixture's `expect`.
ordered_json newman_test_event(const RunnerWorkload& workload) {
    std::string expected = ordered_json::parse(workload.expected_body).dump();
    ordered_json exec = ordered_json::array();
    exec.push_back("pm.test('status', function () { pm.response.to.have.status(" +
                   std::to_string(workload.status) + "); });");
    exec.push_back("pm.test('body', function () { pm.expect(pm.response.json()).to.eql(" +
                   expected + "); });");
    return {{"listen", "test"}, {"script", {{"type", "text/javascript"}, {"exec", exec}}}};
}

}  // namespace

std::string RunnerWorkload::problem() const {
    if (steps == 0) return "steps must be at least 1";
    if (!path.starts_with("/")) return "path \"" + path + "\" must start with /";
    if (!ordered_json::accept(expected_body)) return "expected_body is not JSON";
    if (!request_body.empty() && !ordered_json::accept(request_body)) {
        return "request_body is not JSON";
    }
    return "";
}

ordered_json runner_fixture_json(const RunnerWorkload& workload) {
    ordered_json request = {{"method", workload.method}, {"path", workload.path}};
    if (!workload.request_body.empty())
        request["body"] = ordered_json::parse(workload.request_body);
    ordered_json step = {
        {"request", std::move(request)},
        {"expect",
         {{"status", workload.status}, {"body", ordered_json::parse(workload.expected_body)}}}};
    ordered_json steps = ordered_json::array();
    for (std::size_t i = 0; i < workload.steps; ++i)
        steps.push_back(step);
    return {{"name", workload_name(workload)},
            {"profile", "meilisearch"},
            {"tags", {"bench"}},
            {"steps", std::move(steps)}};
}

ordered_json newman_collection_json(const RunnerWorkload& workload) {
    ordered_json event = newman_test_event(workload);
    ordered_json request = {{"method", workload.method}, {"url", "{{base}}" + workload.path}};
    if (!workload.request_body.empty()) {
        request["header"] = {{{"key", "Content-Type"}, {"value", "application/json"}}};
        request["body"] = {{"mode", "raw"},
                           {"raw", ordered_json::parse(workload.request_body).dump()}};
    }
    ordered_json items = ordered_json::array();
    for (std::size_t i = 0; i < workload.steps; ++i) {
        items.push_back(
            {{"name", "step " + std::to_string(i)}, {"request", request}, {"event", {event}}});
    }
    ordered_json info = {
        {"name", workload_name(workload)},
        {"schema", "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}};
    return {{"info", std::move(info)}, {"item", std::move(items)}};
}

}  // namespace taskcheck::bench
