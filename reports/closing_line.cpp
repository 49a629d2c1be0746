#include "reports/closing_line.hpp"

namespace taskcheck::reports {

ClosingCounts closing_counts(const conformance::RunSummary& summary) {
    ClosingCounts counts;
    counts.passed = summary.passed;
    counts.failed = summary.failed + summary.errors + summary.unexpected_passes;
    counts.skipped = summary.skipped + summary.known_failures;
    return counts;
}

std::string closing_line(const conformance::RunSummary& summary) {
    ClosingCounts counts = closing_counts(summary);
    return std::to_string(counts.passed) + " passed, " + std::to_string(counts.failed) +
           " failed, " + std::to_string(counts.skipped) + " skipped";
}

namespace {

void append_count(std::string& line, int count, const char* singular, const char* plural) {
    if (count == 0) return;
    if (!line.empty()) line += ", ";
    line += std::to_string(count) + " " + (count == 1 ? singular : plural);
}

}  // namespace

std::string breakdown_line(const conformance::RunSummary& summary) {
    std::string line;
    append_count(line, summary.errors, "error", "errors");
    append_count(line, summary.known_failures, "known failure", "known failures");
    append_count(line, summary.unexpected_passes, "unexpected pass", "unexpected passes");
    return line;
}

}  // namespace taskcheck::reports
