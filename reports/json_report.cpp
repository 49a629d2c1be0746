#include "reports/json_report.hpp"

#include "reports/text_escape.hpp"

namespace taskcheck::reports {

using conformance::Difference;
using conformance::FixtureResult;
using conformance::HttpExchange;
using conformance::RunResult;
using conformance::StepResult;
using nlohmann::ordered_json;

namespace {

ordered_json text(std::string_view value) {
    return valid_utf8(value);
}

ordered_json text_list(const std::vector<std::string>& values) {
    ordered_json list = ordered_json::array();
    for (const std::string& value : values)
        list.push_back(text(value));
    return list;
}

ordered_json header_list(const std::vector<std::pair<std::string, std::string>>& headers) {
    ordered_json list = ordered_json::array();
    for (const auto& [name, value] : headers)
        list.push_back({text(name), text(value)});
    return list;
}

ordered_json exchange_json(const HttpExchange& exchange) {
    ordered_json json;
    json["method"] = text(exchange.method);
    json["path"] = text(exchange.path);
    json["request_headers"] = header_list(exchange.request_headers);
    json["request_body"] = text(exchange.request_body);
    json["status"] = exchange.status;
    json["response_headers"] = header_list(exchange.response_headers);
    json["response_body"] = text(exchange.response_body);
    json["response_body_truncated"] = exchange.response_body_truncated;
    return json;
}

ordered_json difference_json(const Difference& difference) {
    ordered_json json;
    json["pointer"] = text(difference.pointer);
    json["expected"] = text(difference.expected);
    json["actual"] = text(difference.actual);
    json["note"] = text(difference.note);
    return json;
}

ordered_json step_json(const StepResult& step) {
    ordered_json json;
    json["index"] = step.index;
    json["kind"] = text(step.kind);
    json["phase"] = text(step.phase);
    json["label"] = text(step.label);
    json["outcome"] = conformance::outcome_name(step.outcome);
    json["message"] = text(step.message);
    json["duration_ns"] = step.duration_ns;
    json["differences"] = ordered_json::array();
    for (const Difference& difference : step.differences) {
        json["differences"].push_back(difference_json(difference));
    }
    json["poll_states"] = text_list(step.poll_states);
    json["exchange"] = step.exchange ? exchange_json(*step.exchange) : ordered_json(nullptr);
    return json;
}

ordered_json target_starts_json(const std::vector<conformance::StartAttempt>& attempts) {
    ordered_json list = ordered_json::array();
    for (const conformance::StartAttempt& attempt : attempts) {
        list.push_back({{"port", attempt.port},
                        {"outcome", conformance::start_outcome_name(attempt.outcome)},
                        {"detail", text(attempt.detail)}});
    }
    return list;
}

ordered_json fixture_json(const FixtureResult& fixture) {
    ordered_json json;
    json["name"] = text(fixture.name);
    json["file"] = text(fixture.file);
    json["profile"] = text(fixture.profile);
    json["tags"] = text_list(fixture.tags);
    json["provenance"] = {{"doc", text(fixture.provenance.doc)},
                          {"section", text(fixture.provenance.section)},
                          {"quote", text(fixture.provenance.quote)},
                          {"erratum", text(fixture.provenance.erratum)}};
    json["outcome"] = conformance::outcome_name(fixture.outcome);
    json["reason"] = text(fixture.reason);
    json["duration_ns"] = fixture.duration_ns;
    json["captures"] = fixture.captures;
    json["target_stderr_tail"] = text(fixture.target_stderr_tail);
    json["target_starts"] = target_starts_json(fixture.target_starts);
    json["steps"] = ordered_json::array();
    for (const StepResult& step : fixture.steps)
        json["steps"].push_back(step_json(step));
    return json;
}

ordered_json summary_json(const conformance::RunSummary& summary) {
    return {{"passed", summary.passed},
            {"failed", summary.failed},
            {"skipped", summary.skipped},
            {"errors", summary.errors},
            {"known_failures", summary.known_failures},
            {"unexpected_passes", summary.unexpected_passes}};
}

}  // namespace

ordered_json run_result_json(const RunResult& result) {
    ordered_json json;
    json["format"] = "taskcheck-run/1";
    json["tool_version"] = text(result.tool_version);
    json["target"] = text(result.target);
    json["profile"] = text(result.profile);
    json["version"] = text(result.version);
    json["started_at"] = text(result.started_at);
    json["duration_ns"] = result.duration_ns;
    json["exit_code"] = result.exit_code();
    json["summary"] = summary_json(result.summary());
    json["run_errors"] = text_list(result.run_errors);
    json["fixtures"] = ordered_json::array();
    for (const FixtureResult& fixture : result.fixtures) {
        json["fixtures"].push_back(fixture_json(fixture));
    }
    return json;
}

std::string render_json(const RunResult& result) {
    // Captured values come from response bodies as parsed JSON and are valid UTF-8 already;
    // `replace` is the last line of defence so a report is always written.
    return run_result_json(result).dump(2, ' ', false, ordered_json::error_handler_t::replace) +
           "\n";
}

}  // namespace taskcheck::reports
