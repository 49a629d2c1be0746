// es_rest_params_fuzz: the Elasticsearch REST parameters the reference server parses — task
// ids, time values (`timeout`), booleans, `group_by`, `filter_path`, the `actions` patterns
// (Regex.simpleMatch), parameter-name checks with their "did you mean" hints, and the task
// headers copied from HTTP headers. The first byte picks the parser; the rest is its text
// (for two-part inputs, split at the first newline).
// Checks: no crash/UB/hang; every error is a 4xx (client errors are never 5xx); a parsed task
// id prints back to text that parses to the same id.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "model/common/assert.hpp"
#include "model/es/cluster_membership.hpp"
#include "model/es/persistent_filter_path.hpp"
#include "model/es/rest_parameters.hpp"
#include "model/es/task_headers.hpp"
#include "model/es/task_id.hpp"
#include "model/es/task_listing.hpp"
#include "server/es_http.hpp"

using namespace taskcheck;

namespace {

template <typename T>
void expect_client_error(const Result<T, es::EsError>& result) {
    if (result.ok()) return;
    TC_ASSERT_GE(result.error().http_status, 400);
    TC_ASSERT_LT(result.error().http_status, 500);
}

std::pair<std::string_view, std::string_view> split_line(std::string_view text) {
    const std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos) return {text, {}};
    return {text.substr(0, newline), text.substr(newline + 1)};
}

const nlohmann::ordered_json& sample_state() {
    static const nlohmann::ordered_json state = nlohmann::ordered_json::parse(R"({
      "cluster_name": "taskcheck", "master_node": "n0",
      "metadata": {"persistent_tasks": {"last_allocation_id": 3, "tasks": [
        {"id": "a", "task": {"taskcheck/test": {"params": {"x": [1, {"y": 2}]}}},
         "allocation_id": 3, "assignment": {"executor_node": "n1", "explanation": ""}},
        {"id": "b.c", "task": {}, "allocation_id": 1}]}}})");
    return state;
}

void parse_task_id(std::string_view text) {
    const auto id = es::parse_task_id(text);
    expect_client_error(id);
    if (!id.ok()) return;
    const auto again = es::parse_task_id(id.value().to_string());
    TC_ASSERT(again.ok());
    TC_ASSERT(again.value() == id.value());
}

void request_params(std::string_view text) {
    httplib::Request req;
    const auto [name, value] = split_line(text);
    req.params.emplace(std::string(name), std::string(value));
    req.params.emplace("timeout", std::string(value));
    expect_client_error(server::time_param(req, "timeout"));
    expect_client_error(server::bool_param(req, "detailed", false));
    const std::vector<std::string> given = server::param_names(req);
    const auto problem = es::check_parameters("/_tasks", given, es::list_tasks_parameters());
    if (problem) TC_ASSERT_EQ(problem->http_status, 400);
}

void task_headers(std::string_view text) {
    es::HttpHeaders headers;
    while (!text.empty() && headers.size() < 64) {
        const auto [line, rest] = split_line(text);
        const std::size_t colon = line.find(':');
        headers.emplace_back(
            std::string(line.substr(0, colon)),
            colon == std::string_view::npos ? "" : std::string(line.substr(colon + 1)));
        text = rest;
    }
    expect_client_error(es::copy_task_headers(headers));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return -1;
    const std::string_view text = fuzz::as_text(data + 1, size - 1);
    switch (data[0] % 6) {
        case 0:
            parse_task_id(text);
            break;
        case 1:
            request_params(text);
            break;
        case 2:
            expect_client_error(es::parse_group_by(text));
            break;
        case 3:
            fuzz::expect_input_error_only(
                [&] { (void)es::apply_filter_path(sample_state(), text); });
            break;
        case 4: {
            const auto [pattern, subject] = split_line(text);
            (void)es::simple_match(pattern, subject);
            break;
        }
        default:
            task_headers(text);
            break;
    }
    return 0;
}
