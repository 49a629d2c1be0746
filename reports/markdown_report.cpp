#include "reports/markdown_report.hpp"

#include "reports/closing_line.hpp"
#include "reports/diff_text.hpp"
#include "reports/duration_text.hpp"
#include "reports/text_escape.hpp"

namespace taskcheck::reports {

using conformance::FixtureResult;
using conformance::Outcome;
using conformance::RunResult;

namespace {

bool fails_the_run(Outcome outcome) {
    return outcome == Outcome::failed || outcome == Outcome::error ||
           outcome == Outcome::unexpected_pass;
}

std::string run_description(const RunResult& result) {
    std::string line =
        markdown_cell(result.tool_version) + " against " + markdown_cell(result.target);
    if (!result.profile.empty()) line += ", profile " + markdown_cell(result.profile);
    if (!result.version.empty()) line += ", version " + markdown_cell(result.version);
    if (!result.started_at.empty()) line += ", started " + markdown_cell(result.started_at);
    return line + ", took " + duration_text(result.duration_ns) + "\n";
}

std::string counts_table(const conformance::RunSummary& summary) {
    std::string out = "| outcome | fixtures |\n|---|---:|\n";
    auto row = [&](const char* name, int count) {
        out += "| " + std::string(name) + " | " + std::to_string(count) + " |\n";
    };
    row("passed", summary.passed);
    row("failed", summary.failed);
    row("skipped", summary.skipped);
    row("error", summary.errors);
    row("known failure", summary.known_failures);
    row("unexpected pass", summary.unexpected_passes);
    return out;
}

std::string not_passed_table(const RunResult& result) {
    std::string rows;
    for (const FixtureResult& fixture : result.fixtures) {
        if (fixture.outcome == Outcome::passed) continue;
        rows += "| " + std::string(conformance::outcome_name(fixture.outcome)) + " | " +
                markdown_cell(fixture.name) + " | " + markdown_cell(fixture.file) + " | " +
                duration_text(fixture.duration_ns) + " | " + markdown_cell(why_line(fixture)) +
                " |\n";
    }
    if (rows.empty()) return "";
    return "\n### Not passed\n\n| outcome | fixture | file | time | reason |\n"
           "|---|---|---|---:|---|\n" +
           rows;
}

std::string failure_blocks(const RunResult& result) {
    std::string out;
    std::size_t shown = 0, left_out = 0;
    for (const FixtureResult& fixture : result.fixtures) {
        if (!fails_the_run(fixture.outcome)) continue;
        if (shown == kMarkdownDiffsMax) {
            ++left_out;
            continue;
        }
        ++shown;
        std::string diff = diff_text(fixture);
        std::string fence = markdown_fence(diff);
        out += "\n#### " + std::string(conformance::outcome_name(fixture.outcome)) + ": " +
               markdown_cell(fixture.name) + "\n\n" + markdown_cell(fixture.file) + "\n\n" + fence +
               "text\n" + diff + fence + "\n";
    }
    if (left_out > 0) {
        out += "\n" + std::to_string(left_out) +
               " more failures are left out here; the JSON and HTML reports have them all.\n";
    }
    return out.empty() ? "" : "\n### Failures\n" + out;
}

std::string run_errors(const RunResult& result) {
    if (result.run_errors.empty()) return "";
    std::string out = "\n### Run errors\n\n";
    for (const std::string& error : result.run_errors)
        out += "- " + markdown_cell(error) + "\n";
    return out;
}

}  // namespace

std::string render_markdown(const RunResult& result) {
    conformance::RunSummary summary = result.summary();
    std::string out = "## taskcheck conform: " + closing_line(summary) + "\n\n";
    std::string breakdown = breakdown_line(summary);
    if (!breakdown.empty()) out += breakdown + "\n\n";
    out += run_description(result) + "\n" + counts_table(summary);
    return out + not_passed_table(result) + failure_blocks(result) + run_errors(result);
}

}  // namespace taskcheck::reports
