#include "reports/console_report.hpp"

#include <memory>
#include <mutex>

#include "model/common/assert.hpp"
#include "reports/closing_line.hpp"
#include "reports/diff_text.hpp"
#include "reports/duration_text.hpp"

namespace taskcheck::reports {

using conformance::FixtureResult;
using conformance::Outcome;
using conformance::RunResult;

namespace {

struct LabelStyle {
    const char* text;
    const char* colour;  // ANSI SGR parameters
};

LabelStyle label_style(Outcome outcome) {
    switch (outcome) {
        case Outcome::passed:
            return {"PASS ", "32"};
        case Outcome::failed:
            return {"FAIL ", "31"};
        case Outcome::skipped:
            return {"SKIP ", "33"};
        case Outcome::error:
            return {"ERROR", "1;31"};
        case Outcome::known_failure:
            return {"XFAIL", "36"};
        case Outcome::unexpected_pass:
            return {"XPASS", "1;31"};
    }
    TC_ASSERT(false);
    return {"?", "0"};
}

bool fails_the_run(Outcome outcome) {
    return outcome == Outcome::failed || outcome == Outcome::error ||
           outcome == Outcome::unexpected_pass;
}

// "<label> <name> (<file>)"
std::string fixture_heading(const FixtureResult& fixture, const ConsoleOptions& options) {
    return outcome_label(fixture.outcome, options) + " " + one_line(fixture.name) + " (" +
           one_line(fixture.file) + ")";
}

// " (target started on attempt 2: port 20001 address_in_use, port 20417 ready)" or " (target
// not started after 3 attempts: ...)" when the target needed more than one start; "" otherwise.
std::string target_starts_text(const FixtureResult& fixture) {
    const auto& attempts = fixture.target_starts;
    if (attempts.size() < 2) return "";
    std::string out;
    for (const conformance::StartAttempt& attempt : attempts) {
        if (!out.empty()) out += ", ";
        out += "port " + std::to_string(attempt.port) + " " +
               std::string(conformance::start_outcome_name(attempt.outcome));
    }
    bool started = attempts.back().outcome == conformance::StartOutcome::ready;
    std::string count = std::to_string(attempts.size());
    return " (target " +
           (started ? "started on attempt " + count : "not started after " + count + " attempts") +
           ": " + out + ")";
}

}  // namespace

std::string outcome_label(Outcome outcome, const ConsoleOptions& options) {
    LabelStyle style = label_style(outcome);
    if (!options.colour) return style.text;
    return std::string("\x1b[") + style.colour + "m" + style.text + "\x1b[0m";
}

std::string progress_line(const FixtureResult& fixture, std::size_t finished, std::size_t total,
                          const ConsoleOptions& options) {
    TC_ASSERT_LE(std::size_t{1}, finished);
    if (total != 0) TC_ASSERT_LE(finished, total);
    std::string finished_text = std::to_string(finished);
    std::string line = "[" + finished_text + "] ";
    if (total != 0) {
        std::string total_text = std::to_string(total);
        finished_text.insert(0, total_text.size() - finished_text.size(), ' ');
        line = "[" + finished_text + "/" + total_text + "] ";
    }
    line += fixture_heading(fixture, options);
    if (fixture.outcome != Outcome::skipped) line += " " + duration_text(fixture.duration_ns);
    if (!fixture.reason.empty()) line += ": " + one_line(fixture.reason);
    return line + target_starts_text(fixture) + "\n";
}

std::string console_summary(const RunResult& result, const ConsoleOptions& options) {
    std::string out;
    for (const FixtureResult& fixture : result.fixtures) {
        if (!fails_the_run(fixture.outcome)) continue;
        out += "\n" + fixture_heading(fixture, options) + "\n" + diff_text(fixture);
    }
    if (!out.empty()) out += "\n";
    for (const std::string& error : result.run_errors) {
        out += "run error: " + one_line(error) + "\n";
    }
    conformance::RunSummary summary = result.summary();
    std::string breakdown = breakdown_line(summary);
    if (!breakdown.empty()) out += breakdown + "\n";
    return out + closing_line(summary) + "\n";
}

std::string render_console(const RunResult& result, const ConsoleOptions& options) {
    std::string out;
    for (std::size_t i = 0; i < result.fixtures.size(); ++i) {
        out += progress_line(result.fixtures[i], i + 1, result.fixtures.size(), options);
    }
    return out + console_summary(result, options);
}

FixtureCallback console_progress(std::FILE* out, std::size_t total, ConsoleOptions options) {
    struct State {
        std::mutex mutex;
        std::size_t finished = 0;
    };
    auto state = std::make_shared<State>();
    return [out, total, options, state](const FixtureResult& fixture) {
        std::lock_guard<std::mutex> lock(state->mutex);
        ++state->finished;
        std::string line = progress_line(fixture, state->finished, total, options);
        std::fputs(line.c_str(), out);
        std::fflush(out);
    };
}

}  // namespace taskcheck::reports
