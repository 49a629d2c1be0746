#include "conformance/fixture_run.hpp"

#include <chrono>
#include <thread>

namespace taskcheck::conformance {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t nanos_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

void run_request_step(StepContext& context, const Step& step, StepResult& result) {
    HttpResponse response =
        send_request(context, step.request, context.settings.request_timeout_ms * 1000, result);
    if (result.outcome == Outcome::failed) {
        if (step.expect.status) {
            result.differences.push_back(Difference{"/$status", dump_json(*step.expect.status),
                                                    "(no response)", result.message});
        }
        return;
    }
    check_response(step.expect, response, context.captures, result);
    capture_values(step.captures, response.body, context.captures, result);
}

void run_fault_step(StepContext& context, const Step& step, StepResult& result) {
    result.label = std::string(fault_name(step.fault));
    if (auto problem = context.target.inject(step.fault)) {
        result.outcome = Outcome::failed;
        result.message = *problem;
    }
    if (step.fault == FaultKind::restart) context.client.reset();
}

// Runs one step; the outcome is failed iff something did not hold.
StepResult run_step(StepContext& context, const Step& step, const std::string& last_body) {
    StepResult result;
    result.kind = std::string(step_kind_name(step.kind));
    result.phase = std::string(phase_name(step.phase));
    result.label = step.name;
    auto start = Clock::now();
    switch (step.kind) {
        case Step::Kind::request:
            run_request_step(context, step, result);
            break;
        case Step::Kind::poll:
            run_poll(context, step.poll, result);
            break;
        case Step::Kind::fault:
            run_fault_step(context, step, result);
            break;
        case Step::Kind::sleep:
            if (result.label.empty())
                result.label = "sleep " + std::to_string(step.sleep_ms) + " ms";
            std::this_thread::sleep_for(std::chrono::milliseconds(step.sleep_ms));
            break;
        case Step::Kind::capture:
            if (result.label.empty()) result.label = "capture";
            capture_values(step.captures, last_body, context.captures, result);
            break;
    }
    if (step.kind == Step::Kind::poll) {
        capture_values(step.captures, result.exchange ? result.exchange->response_body : "",
                       context.captures, result);
    }
    if (!result.differences.empty()) result.outcome = Outcome::failed;
    if (result.outcome == Outcome::failed && result.message.empty()) {
        result.message = std::to_string(result.differences.size()) + " difference" +
                         (result.differences.size() == 1 ? "" : "s");
    }
    result.duration_ns = nanos_since(start);
    return result;
}

StepResult not_run(const Step& step, std::size_t index, const std::string& why) {
    StepResult result;
    result.index = index;
    result.kind = std::string(step_kind_name(step.kind));
    result.phase = std::string(phase_name(step.phase));
    result.label = step.name;
    result.outcome = Outcome::skipped;
    result.message = why;
    return result;
}

// The target's unexpected exit, if any. A step that got no response from a spawned target waits
// up to 200 ms for it: a crashing process closes its sockets before the exit can be reaped.
std::optional<std::string> exit_after(Target& target, const StepResult& step) {
    bool no_response = step.exchange && step.exchange->status == 0;
    for (int i = 0; no_response && target.takes_faults() && i < 20; ++i) {
        if (auto exit = target.unexpected_exit()) return exit;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return target.unexpected_exit();
}

}  // namespace

FixtureResult describe_fixture(const Fixture& fixture) {
    FixtureResult result;
    result.name = fixture.name;
    result.file = fixture.file;
    result.profile = fixture.profile;
    result.tags = fixture.tags;
    result.provenance = fixture.provenance;
    return result;
}

FixtureResult run_fixture(const Fixture& fixture, Target& target, HttpClient& client,
                          const StepSettings& settings) {
    FixtureResult result = describe_fixture(fixture);
    auto start = Clock::now();
    std::size_t stderr_start = target.stderr_line_count();
    StepContext context{target, client, result.captures, settings};
    bool failed = false;
    bool target_down = false;
    std::string last_body;
    for (std::size_t i = 0; i < fixture.steps.size(); ++i) {
        const Step& step = fixture.steps[i];
        if (target_down || (failed && step.phase != Phase::teardown)) {
            result.steps.push_back(not_run(
                step, i,
                target_down ? "not run: the target is down" : "not run: an earlier step failed"));
            continue;
        }
        StepResult step_result = run_step(context, step, last_body);
        step_result.index = i;
        if (step_result.exchange) last_body = step_result.exchange->response_body;
        if (auto exit = exit_after(target, step_result)) {
            target_down = true;
            step_result.outcome = Outcome::failed;
            std::string tail = target.stderr_tail(0, 10);
            step_result.message =
                *exit + " during this step" + (tail.empty() ? "" : "; last stderr lines:\n" + tail);
        }
        if (step_result.outcome == Outcome::failed && result.reason.empty()) {
            result.reason = "step " + std::to_string(i) + " (" + step_result.label +
                            "): " + step_result.message;
        }
        failed = failed || step_result.outcome == Outcome::failed;
        result.steps.push_back(std::move(step_result));
    }
    result.outcome = failed ? Outcome::failed : Outcome::passed;
    result.target_stderr_tail = target.stderr_tail(stderr_start, 20);
    result.duration_ns = nanos_since(start);
    return result;
}

}  // namespace taskcheck::conformance
