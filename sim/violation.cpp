#include "sim/violation.hpp"

#include "sim/clock.hpp"
#include "sim/trace.hpp"

namespace taskcheck::sim {

void to_json(nlohmann::ordered_json& out, const Violation& violation) {
    out = nlohmann::ordered_json::object();
    out["invariant"] = violation.invariant;
    out["time_ns"] = violation.time;
    out["node"] = violation.node;
    out["event_index"] = violation.event_index;
    out["expected"] = violation.expected;
    out["found"] = violation.found;
    out["detail"] = violation.detail;
}

const char* failure_class_name(FailureClass failure_class) {
    switch (failure_class) {
        case FailureClass::safety:
            return "safety";
        case FailureClass::liveness:
            return "liveness";
        case FailureClass::crash:
            return "crash";
    }
    return "unknown";
}

namespace {

std::string reproduce_line(const Verdict& verdict) {
    const std::string command = verdict.scenario_path.empty()
                                    ? "taskcheck sim --profile " + verdict.profile + " --seed " +
                                          std::to_string(verdict.seed)
                                    : "taskcheck replay " + verdict.scenario_path;
    return "  seed=" + std::to_string(verdict.seed) + "  reproduce: " + command + "\n";
}

}  // namespace

std::string render_verdict(const Verdict& verdict) {
    if (!verdict.violation) {
        return "PASSED seed=" + std::to_string(verdict.seed) +
               " events=" + std::to_string(verdict.events) +
               " trace_hash=" + format_hash(verdict.trace_hash) + "\n";
    }
    const Violation& v = *verdict.violation;
    std::string out = std::string("FAILED ") + failure_class_name(verdict.failure_class) + ": " +
                      v.invariant + "\n";
    out += "  t=" + format_sim_time(v.time) + " node=" + (v.node.empty() ? "-" : v.node) +
           " event=#" + std::to_string(v.event_index) + " " + v.detail + "\n";
    if (!v.expected.empty() || !v.found.empty()) {
        out += "  expected: " + v.expected + "  found: " + v.found + "\n";
    }
    out += reproduce_line(verdict);
    if (!verdict.minimal_path.empty()) out += "  minimal: " + verdict.minimal_path + "\n";
    return out;
}

}  // namespace taskcheck::sim
