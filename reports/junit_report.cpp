#include "reports/junit_report.hpp"

#include "reports/diff_text.hpp"
#include "reports/duration_text.hpp"
#include "reports/text_escape.hpp"

namespace taskcheck::reports {

using conformance::FixtureResult;
using conformance::Outcome;
using conformance::RunResult;
using conformance::StepResult;

std::string junit_classname(std::string_view file) {
    if (file.substr(0, 2) == "./") file.remove_prefix(2);
    if (file.size() > 5 && file.substr(file.size() - 5) == ".json") file.remove_suffix(5);
    std::string name(file);
    for (char& c : name) {
        if (c == '/' || c == '\\') c = '.';
    }
    return name;
}

namespace {

std::string attr(std::string_view name, std::string_view value) {
    return " " + std::string(name) + "=\"" + xml_attribute(value) + "\"";
}

std::string suite_name(const FixtureResult& fixture) {
    return fixture.profile.empty() ? "taskcheck" : fixture.profile;
}

// The profiles in order of first appearance.
std::vector<std::string> suite_names(const RunResult& result) {
    std::vector<std::string> names;
    for (const FixtureResult& fixture : result.fixtures) {
        std::string name = suite_name(fixture);
        bool seen = false;
        for (const std::string& known : names)
            seen = seen || known == name;
        if (!seen) names.push_back(name);
    }
    return names;
}

std::string system_out(const FixtureResult& fixture) {
    std::string out;
    const conformance::Provenance& source = fixture.provenance;
    if (!source.doc.empty()) {
        out += "source: " + one_line(source.doc) + ", " + one_line(source.section) + ": \"" +
               one_line(source.quote) + "\"\n";
    }
    if (!source.erratum.empty()) out += "erratum: " + one_line(source.erratum) + "\n";
    for (const StepResult& step : fixture.steps)
        out += step_block(step);
    if (!fixture.captures.empty()) {
        out += "captures: " +
               fixture.captures.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
               "\n";
    }
    return out;
}

std::string outcome_element(const FixtureResult& fixture) {
    std::string reason = one_line(fixture.reason);
    switch (fixture.outcome) {
        case Outcome::passed:
            return "";
        case Outcome::failed:
            return "      <failure" + attr("type", "failed") + attr("message", why_line(fixture)) +
                   ">" + xml_text(diff_text(fixture)) + "</failure>\n";
        case Outcome::unexpected_pass:
            return "      <failure" + attr("type", "unexpected_pass") +
                   attr("message", "unexpected pass: " + reason) + "/>\n";
        case Outcome::error:
            return "      <error" + attr("type", "error") + attr("message", reason) + ">" +
                   xml_text(diff_text(fixture)) + "</error>\n";
        case Outcome::skipped:
            return "      <skipped" + attr("message", reason) + "/>\n";
        case Outcome::known_failure:
            return "      <skipped" + attr("message", "known failure: " + reason) + "/>\n";
    }
    return "";
}

std::string testcase(const FixtureResult& fixture) {
    std::string out = "    <testcase" + attr("classname", junit_classname(fixture.file)) +
                      attr("name", fixture.name) + attr("time", seconds_text(fixture.duration_ns));
    std::string body = outcome_element(fixture);
    std::string log = system_out(fixture);
    if (!log.empty()) body += "      <system-out>" + xml_text(log) + "</system-out>\n";
    if (!fixture.target_stderr_tail.empty()) {
        body += "      <system-err>" + xml_text(fixture.target_stderr_tail) + "</system-err>\n";
    }
    if (body.empty()) return out + "/>\n";
    return out + ">\n" + body + "    </testcase>\n";
}

struct SuiteCounts {
    int tests = 0, failures = 0, errors = 0, skipped = 0;
    std::int64_t duration_ns = 0;
};

SuiteCounts count_suite(const RunResult& result, const std::string& name) {
    SuiteCounts counts;
    for (const FixtureResult& fixture : result.fixtures) {
        if (suite_name(fixture) != name) continue;
        ++counts.tests;
        counts.duration_ns += fixture.duration_ns;
        Outcome o = fixture.outcome;
        if (o == Outcome::failed || o == Outcome::unexpected_pass) ++counts.failures;
        if (o == Outcome::error) ++counts.errors;
        if (o == Outcome::skipped || o == Outcome::known_failure) ++counts.skipped;
    }
    return counts;
}

std::string properties(const RunResult& result) {
    std::string out = "    <properties>\n";
    for (auto [name, value] :
         {std::pair<const char*, const std::string*>{"tool_version", &result.tool_version},
          {"target", &result.target},
          {"profile", &result.profile},
          {"version", &result.version}}) {
        out += "      <property" + attr("name", name) + attr("value", *value) + "/>\n";
    }
    return out + "    </properties>\n";
}

std::string suite_open(const RunResult& result, const std::string& name, const SuiteCounts& c) {
    return "  <testsuite" + attr("name", name) + attr("tests", std::to_string(c.tests)) +
           attr("failures", std::to_string(c.failures)) + attr("errors", std::to_string(c.errors)) +
           attr("skipped", std::to_string(c.skipped)) + attr("time", seconds_text(c.duration_ns)) +
           attr("timestamp", result.started_at) + ">\n" + properties(result);
}

std::string run_error_suite(const RunResult& result) {
    SuiteCounts counts;
    counts.tests = counts.errors = static_cast<int>(result.run_errors.size());
    std::string out = suite_open(result, "taskcheck.run", counts);
    for (std::size_t i = 0; i < result.run_errors.size(); ++i) {
        out += "    <testcase" + attr("classname", "taskcheck.run") +
               attr("name", "run error " + std::to_string(i + 1)) + attr("time", "0.000") +
               ">\n      <error" + attr("type", "run_error") +
               attr("message", one_line(result.run_errors[i])) + "/>\n    </testcase>\n";
    }
    return out + "  </testsuite>\n";
}

}  // namespace

std::string render_junit(const RunResult& result) {
    conformance::RunSummary summary = result.summary();
    int errors = summary.errors + static_cast<int>(result.run_errors.size());
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites" + attr("name", "taskcheck conform") +
           attr("tests", std::to_string(result.fixtures.size() + result.run_errors.size())) +
           attr("failures", std::to_string(summary.failed + summary.unexpected_passes)) +
           attr("errors", std::to_string(errors)) + attr("time", seconds_text(result.duration_ns)) +
           ">\n";
    for (const std::string& name : suite_names(result)) {
        out += suite_open(result, name, count_suite(result, name));
        for (const FixtureResult& fixture : result.fixtures) {
            if (suite_name(fixture) == name) out += testcase(fixture);
        }
        out += "  </testsuite>\n";
    }
    if (!result.run_errors.empty()) out += run_error_suite(result);
    return out + "</testsuites>\n";
}

}  // namespace taskcheck::reports
