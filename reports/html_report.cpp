#include "reports/html_report.hpp"

#include "reports/closing_line.hpp"
#include "reports/duration_text.hpp"
#include "reports/html_page.hpp"
#include "reports/text_escape.hpp"

namespace taskcheck::reports {

using conformance::Difference;
using conformance::FixtureResult;
using conformance::HttpExchange;
using conformance::Outcome;
using conformance::RunResult;
using conformance::StepResult;

namespace {

constexpr Outcome kOutcomes[] = {Outcome::failed,        Outcome::error,   Outcome::unexpected_pass,
                                 Outcome::known_failure, Outcome::skipped, Outcome::passed};

bool fails_the_run(Outcome outcome) {
    return outcome == Outcome::failed || outcome == Outcome::error ||
           outcome == Outcome::unexpected_pass;
}

std::string tag(std::string_view name, std::string_view escaped_content) {
    return "<" + std::string(name) + ">" + std::string(escaped_content) + "</" + std::string(name) +
           ">";
}

std::string header(const RunResult& result) {
    conformance::RunSummary summary = result.summary();
    std::string out = tag("h1", "taskcheck conform: " + closing_line(summary)) + "\n";
    std::string breakdown = breakdown_line(summary);
    if (!breakdown.empty()) out += "<p class=\"breakdown\">" + breakdown + "</p>\n";
    std::string meta =
        html_text(result.tool_version) + " against <code>" + html_text(result.target) + "</code>";
    if (!result.profile.empty()) meta += ", profile " + html_text(result.profile);
    if (!result.version.empty()) meta += ", version " + html_text(result.version);
    if (!result.started_at.empty()) meta += ", started " + html_text(result.started_at);
    meta += ", took " + duration_text(result.duration_ns);
    return out + "<p class=\"meta\">" + meta + "</p>\n";
}

std::string filter_buttons() {
    std::string out = "<nav class=\"filters\">\n";
    out +=
        "<button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">all "
        "<span class=\"count\"></span></button>\n";
    for (Outcome outcome : kOutcomes) {
        std::string name(conformance::outcome_name(outcome));
        out += "<button type=\"button\" data-filter=\"" + name + "\" aria-pressed=\"false\">" +
               name + " <span class=\"count\"></span></button>\n";
    }
    return out + "</nav>\n";
}

std::string run_errors(const RunResult& result) {
    if (result.run_errors.empty()) return "";
    std::string out = "<h2>Run errors</h2>\n<ul>\n";
    for (const std::string& error : result.run_errors)
        out += tag("li", html_text(error)) + "\n";
    return out + "</ul>\n";
}

std::string provenance(const conformance::Provenance& source) {
    if (source.doc.empty() && source.erratum.empty()) return "";
    std::string out =
        "<div class=\"provenance\">Source: <cite>" + html_text(source.doc) + "</cite>";
    if (!source.section.empty()) out += ", section “" + html_text(source.section) + "”";
    out += "\n";
    if (!source.quote.empty()) out += tag("blockquote", html_text(source.quote)) + "\n";
    if (!source.erratum.empty()) {
        out += "<p class=\"erratum\"><strong>Erratum:</strong> " + html_text(source.erratum) +
               "</p>\n";
    }
    return out + "</div>\n";
}

std::string differences_table(const std::vector<Difference>& differences) {
    if (differences.empty()) return "";
    std::string out =
        "<table class=\"diff\">\n<tr><th>pointer</th><th>expected</th>"
        "<th>found</th><th>note</th></tr>\n";
    for (const Difference& d : differences) {
        out += "<tr>" + tag("td", html_text(d.pointer.empty() ? "(root)" : d.pointer)) +
               tag("td", html_text(d.expected)) + tag("td", html_text(d.actual)) +
               tag("td", html_text(d.note)) + "</tr>\n";
    }
    return out + "</table>\n";
}

std::string headers_text(const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string out;
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\n";
    return out;
}

std::string exchange_block(const HttpExchange& exchange) {
    std::string request =
        exchange.method + " " + exchange.path + "\n" + headers_text(exchange.request_headers);
    if (!exchange.request_body.empty()) request += "\n" + exchange.request_body;
    std::string response = exchange.status == 0 ? std::string("(no response)\n")
                                                : std::to_string(exchange.status) + "\n";
    response += headers_text(exchange.response_headers);
    if (!exchange.response_body.empty()) response += "\n" + exchange.response_body;
    if (exchange.response_body_truncated) response += "\n(truncated)";
    return "<details class=\"exchange\"><summary>HTTP exchange</summary>\n" +
           tag("pre", html_text(request)) + "\n" + tag("pre", html_text(response)) +
           "\n</details>\n";
}

std::string step_section(const StepResult& step) {
    std::string out = "<div class=\"step\" data-outcome=\"" +
                      std::string(conformance::outcome_name(step.outcome)) + "\">";
    std::string phase = step.phase.empty() || step.phase == "main" ? "" : step.phase + " ";
    out += "<strong>step " + std::to_string(step.index) + "</strong> " +
           html_text(phase + step.kind) + " <code>" + html_text(step.label) +
           "</code>: " + std::string(conformance::outcome_name(step.outcome)) +
           " <span class=\"time\">" + duration_text(step.duration_ns) + "</span>\n";
    if (!step.message.empty()) out += tag("p", html_text(step.message)) + "\n";
    out += differences_table(step.differences);
    if (!step.poll_states.empty()) {
        std::string states;
        for (const std::string& state : step.poll_states) {
            states += (states.empty() ? "" : " → ") + html_text(state);
        }
        out += "<p class=\"poll\">poll states: " + states + "</p>\n";
    }
    if (step.exchange) out += exchange_block(*step.exchange);
    return out + "</div>\n";
}

std::string fixture_summary_line(const FixtureResult& fixture) {
    return "<summary><span class=\"outcome\">" +
           std::string(conformance::outcome_name(fixture.outcome)) + "</span> " +
           html_text(fixture.name) + "<span class=\"file\">" + html_text(fixture.file) +
           "</span><span class=\"time\">" + duration_text(fixture.duration_ns) +
           "</span></summary>\n";
}

std::string fixture_section(const FixtureResult& fixture, std::size_t number) {
    std::string out =
        "<details class=\"fixture\" id=\"fixture-" + std::to_string(number) + "\" data-outcome=\"" +
        std::string(conformance::outcome_name(fixture.outcome)) + "\"" +
        (fails_the_run(fixture.outcome) ? " open" : "") + ">\n" + fixture_summary_line(fixture);
    if (!fixture.reason.empty()) {
        out +=
            "<p class=\"reason\"><strong>Reason:</strong> " + html_text(fixture.reason) + "</p>\n";
    }
    out += provenance(fixture.provenance);
    if (!fixture.tags.empty()) {
        std::string tags;
        for (const std::string& t : fixture.tags)
            tags += (tags.empty() ? "" : ", ") + html_text(t);
        out += "<p class=\"tags\">Tags: " + tags + "</p>\n";
    }
    for (const StepResult& step : fixture.steps)
        out += step_section(step);
    if (!fixture.captures.empty()) {
        std::string captures =
            fixture.captures.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        out += "<p>Captured variables:</p>\n" + tag("pre", html_text(captures)) + "\n";
    }
    if (!fixture.target_stderr_tail.empty()) {
        out += "<p>Target stderr (last lines):</p>\n" +
               tag("pre", html_text(fixture.target_stderr_tail)) + "\n";
    }
    return out + "</details>\n";
}

}  // namespace

std::string render_html(const RunResult& result) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        tag("title", "taskcheck conform: " + closing_line(result.summary())) + "\n" +
        tag("style", kHtmlStyle) + "\n</head>\n<body>\n" + header(result) + filter_buttons() +
        run_errors(result) + "<main>\n";
    for (std::size_t i = 0; i < result.fixtures.size(); ++i) {
        out += fixture_section(result.fixtures[i], i + 1);
    }
    return out + "</main>\n" + tag("script", kHtmlScript) + "\n</body>\n</html>\n";
}

}  // namespace taskcheck::reports
