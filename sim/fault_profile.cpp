#include "sim/fault_profile.hpp"

#include "model/common/assert.hpp"
#include "model/common/json_pointer.hpp"
#include "sim/json_reader.hpp"

namespace taskcheck::sim {

using nlohmann::ordered_json;

bool FaultProfile::no_faults() const {
    for (const Nanos interval : mean_interval) {
        if (interval != 0) return false;
    }
    return true;
}

namespace {

constexpr Nanos kProfileNanosMax = 24 * 3600 * kNanosPerSecond;

std::optional<OptionProblem> span_problem(std::string field, Nanos value) {
    if (value >= 0 && value <= kProfileNanosMax) return std::nullopt;
    return OptionProblem{std::move(field), std::to_string(value) + " is outside 0..86400000000000",
                         "use a span between 0 and one day, in nanoseconds"};
}

std::optional<OptionProblem> probability_problem(std::string field, const Ratio& ratio) {
    if (auto problem = validate_ratio(ratio)) {
        return OptionProblem{std::move(field), *problem, "use n/d with n <= d and d > 0"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<OptionProblem> FaultProfile::validate() const {
    for (std::size_t i = 0; i < kFaultClassCount; ++i) {
        const std::string field =
            "mean_interval_ns/" + std::string(fault_class_name(static_cast<FaultClass>(i)));
        if (auto p = span_problem(field, mean_interval[i])) return p;
    }
    if (auto p = span_problem("downtime_max_ns", downtime_max)) return p;
    if (auto p = probability_problem("amnesia_probability", amnesia_probability)) return p;
    if (auto p = span_problem("window_max_ns", window_max)) return p;
    if (window_max < 1) {
        return OptionProblem{"window_max_ns", "0 < 1", "give windows at least 1 ns"};
    }
    if (auto p = span_problem("slow_delay_max_ns", slow_delay_max)) return p;
    if (auto p = probability_problem("burst_probability", burst_probability)) return p;
    if (auto p = span_problem("delay_burst_mean_max_ns", delay_burst_mean_max)) return p;
    if (auto p = span_problem("clock_skew_max_ns", clock_skew_max)) return p;
    if (auto p = span_problem("clock_jump_max_ns", clock_jump_max)) return p;
    return std::nullopt;
}

void to_json(ordered_json& out, const FaultProfile& profile) {
    ordered_json intervals = ordered_json::object();
    for (std::size_t i = 0; i < kFaultClassCount; ++i) {
        intervals[std::string(fault_class_name(static_cast<FaultClass>(i)))] =
            profile.mean_interval[i];
    }
    out = ordered_json::object();
    out["mean_interval_ns"] = std::move(intervals);
    out["downtime_max_ns"] = profile.downtime_max;
    out["amnesia_probability"] = format_ratio(profile.amnesia_probability);
    out["window_max_ns"] = profile.window_max;
    out["slow_delay_max_ns"] = profile.slow_delay_max;
    out["burst_probability"] = format_ratio(profile.burst_probability);
    out["delay_burst_mean_max_ns"] = profile.delay_burst_mean_max;
    out["clock_skew_max_ns"] = profile.clock_skew_max;
    out["clock_jump_max_ns"] = profile.clock_jump_max;
}

namespace {

std::optional<OptionProblem> read_intervals(const ordered_json& in, FaultProfile& profile) {
    JsonReader reader(in, "mean_interval_ns");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < kFaultClassCount; ++i) {
        names.emplace_back(fault_class_name(static_cast<FaultClass>(i)));
    }
    for (const auto& [key, value] : in.items()) {
        if (reader.ok() && std::find(names.begin(), names.end(), key) == names.end()) {
            reader.fail(json_pointer_token(key), "unknown fault class \"" + key + "\"",
                        "use the names of docs/simulator.md#fault-classes");
        }
    }
    for (std::size_t i = 0; i < kFaultClassCount; ++i) {
        reader.optional_nanos(names[i], profile.mean_interval[i]);
    }
    if (!reader.ok()) {
        OptionProblem problem = *reader.problem();
        problem.field = "mean_interval_ns" + (problem.field.empty() ? "" : "/" + problem.field);
        return problem;
    }
    return std::nullopt;
}

}  // namespace

Result<FaultProfile, OptionProblem> fault_profile_from_json(const ordered_json& in) {
    FaultProfile profile;
    JsonReader reader(in, "fault profile");
    reader.reject_unknown_keys({"mean_interval_ns", "downtime_max_ns", "amnesia_probability",
                                "window_max_ns", "slow_delay_max_ns", "burst_probability",
                                "delay_burst_mean_max_ns", "clock_skew_max_ns",
                                "clock_jump_max_ns"});
    if (reader.ok() && in.contains("mean_interval_ns")) {
        if (auto problem = read_intervals(in["mean_interval_ns"], profile)) return Err(*problem);
    }
    reader.optional_nanos("downtime_max_ns", profile.downtime_max);
    reader.optional_ratio("amnesia_probability", profile.amnesia_probability);
    reader.optional_nanos("window_max_ns", profile.window_max);
    reader.optional_nanos("slow_delay_max_ns", profile.slow_delay_max);
    reader.optional_ratio("burst_probability", profile.burst_probability);
    reader.optional_nanos("delay_burst_mean_max_ns", profile.delay_burst_mean_max);
    reader.optional_nanos("clock_skew_max_ns", profile.clock_skew_max);
    reader.optional_nanos("clock_jump_max_ns", profile.clock_jump_max);
    if (!reader.ok()) return Err(*reader.problem());
    if (auto problem = profile.validate()) return Err(*problem);
    return profile;
}

FaultProfile swarm_fault_profile(Rng& rng, FaultClassSet allowed) {
    FaultProfile profile;
    const bool no_faults = rng.chance(Ratio{1, 8});
    for (std::size_t i = 0; i < kFaultClassCount; ++i) {
        const bool on = rng.chance(Ratio{1, 2});
        const Nanos interval = rng.int_inclusive(ms(100), seconds(30));
        const bool permitted = (allowed & fault_class_bit(static_cast<FaultClass>(i))) != 0;
        profile.mean_interval[i] = (on && permitted && !no_faults) ? interval : 0;
    }
    profile.downtime_max = rng.int_inclusive(0, seconds(10));
    profile.amnesia_probability = Ratio{rng.uint_inclusive(0, 4), 16};
    profile.window_max = rng.int_inclusive(ms(10), seconds(10));
    profile.slow_delay_max = rng.int_inclusive(0, seconds(1));
    profile.burst_probability = Ratio{rng.uint_inclusive(1, 100), 100};
    profile.delay_burst_mean_max = rng.int_inclusive(0, seconds(2));
    profile.clock_skew_max = rng.int_inclusive(0, seconds(5));
    profile.clock_jump_max = rng.int_inclusive(0, seconds(30));
    TC_ASSERT(!profile.validate().has_value());
    return profile;
}

}  // namespace taskcheck::sim
