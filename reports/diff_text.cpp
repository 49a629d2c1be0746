#include "reports/diff_text.hpp"

#include "reports/text_escape.hpp"

namespace taskcheck::reports {

using conformance::Difference;
using conformance::FixtureResult;
using conformance::Outcome;
using conformance::StepResult;

std::string one_line(std::string_view text) {
    std::string out;
    for (char c : visible_text(text)) {
        if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string difference_line(const Difference& difference) {
    std::string line = difference.pointer.empty() ? "(root)" : one_line(difference.pointer);
    line += ": expected " + one_line(difference.expected);
    line += ", found " + one_line(difference.actual);
    if (!difference.note.empty()) line += " (" + one_line(difference.note) + ")";
    return line;
}

std::string step_line(const StepResult& step) {
    std::string line = "step " + std::to_string(step.index) + ", ";
    if (!step.phase.empty() && step.phase != "main") line += one_line(step.phase) + " ";
    line += one_line(step.kind);
    if (!step.label.empty()) line += " " + one_line(step.label);
    line += ": ";
    line += conformance::outcome_name(step.outcome);
    if (!step.message.empty()) line += ": " + one_line(step.message);
    return line;
}

std::string step_block(const StepResult& step) {
    std::string out = "  " + step_line(step) + "\n";
    for (const Difference& difference : step.differences) {
        out += "    " + difference_line(difference) + "\n";
    }
    if (!step.poll_states.empty()) {
        std::string states;
        for (const std::string& state : step.poll_states) {
            states += (states.empty() ? "" : ", ") + one_line(state);
        }
        out += "    poll states: " + states + "\n";
    }
    return out;
}

std::string why_line(const FixtureResult& fixture) {
    if (!fixture.reason.empty()) return one_line(fixture.reason);
    for (const StepResult& step : fixture.steps) {
        if (step.outcome != Outcome::passed) return step_line(step);
    }
    return "";
}

namespace {

void append_stderr(std::string& out, std::string_view tail) {
    out += "  target stderr (last lines):\n";
    std::string text = visible_text(tail);
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += "    | " + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
}

}  // namespace

std::string diff_text(const FixtureResult& fixture) {
    std::string out;
    if (!fixture.reason.empty()) out += "  reason: " + one_line(fixture.reason) + "\n";
    for (const StepResult& step : fixture.steps) {
        if (step.outcome != Outcome::passed) out += step_block(step);
    }
    if (!fixture.target_stderr_tail.empty()) append_stderr(out, fixture.target_stderr_tail);
    return out;
}

}  // namespace taskcheck::reports
