// run_poll (declared in step_execution.hpp): GET a resource until a watched field reaches a
// terminal value. It fails fast on the wrong terminal value, on a value that moves backwards in
// the order (enqueued < processing < terminal), on an unknown value, on a bad response, and when
// the deadline passes; no request waits past the deadline.
#include <chrono>
#include <thread>

#include "conformance/step_execution.hpp"

namespace taskcheck::conformance {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSlack = std::chrono::milliseconds(20);  // timer granularity of a cut request

std::string state_text(const Json& value) {
    return value.is_string() ? value.get<std::string>() : dump_json(value);
}

// Position of `value` in the poll order: order index, order.size() for a terminal value,
// -1 when it is neither.
long rank_of(const PollSpec& poll, const Json& value) {
    auto in = [&](const std::vector<Json>& list) {
        return std::find(list.begin(), list.end(), value) != list.end();
    };
    if (in(poll.terminal)) return static_cast<long>(poll.order.size());
    auto found = std::find(poll.order.begin(), poll.order.end(), value);
    return found == poll.order.end() ? -1 : static_cast<long>(found - poll.order.begin());
}

void fail(StepResult& step, std::string message, Difference difference) {
    step.outcome = Outcome::failed;
    step.message = std::move(message);
    step.differences.push_back(std::move(difference));
}

std::string expected_terminal(const PollSpec& poll) {
    if (poll.expect) return dump_json(*poll.expect);
    std::string out;
    for (const Json& value : poll.terminal)
        out += (out.empty() ? "" : " | ") + dump_json(value);
    return out;
}

// Checks one observed value; returns true iff polling should stop (terminal or failed).
bool observe(const PollSpec& poll, const Json& value, long& last_rank, StepResult& step) {
    if (step.poll_states.empty() || step.poll_states.back() != state_text(value)) {
        step.poll_states.push_back(state_text(value));
    }
    long rank = rank_of(poll, value);
    if (rank < 0) {
        fail(step, "unexpected value " + dump_json(value) + " at " + poll.at,
             {poll.at, expected_terminal(poll), dump_json(value),
              "neither a known state nor terminal"});
        return true;
    }
    if (rank < last_rank) {
        const std::string& before = step.poll_states[step.poll_states.size() - 2];
        fail(
            step, "status moved backwards from " + before + " to " + state_text(value),
            {poll.at, expected_terminal(poll), dump_json(value), "moved backwards from " + before});
        return true;
    }
    last_rank = rank;
    if (rank != static_cast<long>(poll.order.size())) return false;
    if (poll.expect && value != *poll.expect) {
        fail(step, "reached terminal " + dump_json(value) + ", expected " + dump_json(*poll.expect),
             {poll.at, dump_json(*poll.expect), dump_json(value), "wrong terminal state"});
    }
    return true;
}

}  // namespace

void run_poll(StepContext& context, const PollSpec& poll, StepResult& step) {
    auto deadline = Clock::now() + std::chrono::milliseconds(poll.deadline_ms);
    Json::json_pointer at(poll.at);
    long last_rank = -1;
    auto deadline_failure = [&] {
        std::string last = step.poll_states.empty() ? "(none)" : step.poll_states.back();
        fail(step,
             "deadline of " + std::to_string(poll.deadline_ms) + " ms passed; last value " + last,
             {poll.at, expected_terminal(poll), last, "deadline passed"});
    };
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return deadline_failure();
        step.outcome = Outcome::passed;
        HttpResponse response = send_request(context, poll.request, left.count(), step);
        // A request cut by the deadline (its timeout was what was left) is the deadline passing.
        if (response.status == 0 && Clock::now() + kSlack >= deadline) {
            step.differences.clear();
            return deadline_failure();
        }
        if (step.outcome == Outcome::failed) return;
        if (response.status != poll.status) {
            return fail(
                step, "poll got status " + std::to_string(response.status),
                {"/$status", std::to_string(poll.status), std::to_string(response.status), ""});
        }
        auto body = parse_response_body(response.body);
        if (!body || !body.value().contains(at)) {
            std::string actual = body ? "(missing)" : body.error();
            return fail(step, "poll response has no value at " + poll.at,
                        {poll.at, expected_terminal(poll), actual, ""});
        }
        if (observe(poll, body.value().at(at), last_rank, step)) {
            if (step.outcome == Outcome::passed && poll.body) {
                check_response(ExpectSpec{std::nullopt, {}, poll.body, std::nullopt}, response,
                               context.captures, step);
            }
            if (!step.differences.empty()) step.outcome = Outcome::failed;
            return;
        }
        auto wait = std::min(
            std::chrono::milliseconds(poll.interval_ms),
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        if (wait.count() > 0) std::this_thread::sleep_for(wait);
    }
}

}  // namespace taskcheck::conformance
