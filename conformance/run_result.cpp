#include "conformance/run_result.hpp"

namespace taskcheck::conformance {

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::passed:
            return "passed";
        case Outcome::failed:
            return "failed";
        case Outcome::skipped:
            return "skipped";
        case Outcome::error:
            return "error";
        case Outcome::known_failure:
            return "known_failure";
        case Outcome::unexpected_pass:
            return "unexpected_pass";
    }
    return "unknown";
}

std::string_view start_outcome_name(StartOutcome outcome) {
    switch (outcome) {
        case StartOutcome::ready:
            return "ready";
        case StartOutcome::address_in_use:
            return "address_in_use";
        case StartOutcome::failed:
            return "failed";
    }
    return "unknown";
}

RunSummary RunResult::summary() const {
    RunSummary s;
    for (const FixtureResult& f : fixtures) {
        switch (f.outcome) {
            case Outcome::passed:
                ++s.passed;
                break;
            case Outcome::failed:
                ++s.failed;
                break;
            case Outcome::skipped:
                ++s.skipped;
                break;
            case Outcome::error:
                ++s.errors;
                break;
            case Outcome::known_failure:
                ++s.known_failures;
                break;
            case Outcome::unexpected_pass:
                ++s.unexpected_passes;
                break;
        }
    }
    return s;
}

int RunResult::exit_code() const {
    RunSummary s = summary();
    if (s.errors > 0 || !run_errors.empty()) return 2;
    if (s.failed > 0 || s.unexpected_passes > 0) return 1;
    return 0;
}

}  // namespace taskcheck::conformance
