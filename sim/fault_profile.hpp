#pragma once
// FaultProfile: how often each class of fault happens in a run, and how big its faults are —
// drawn per seed by swarm_fault_profile() (swarm testing: each class on or off, rates drawn, and
// sometimes no faults at all), printed in the run's options block and stored in its scenario.
// A profile says nothing about when faults happen; generate_fault_schedule() turns it into
// explicit entries (sim/fault_schedule.hpp).
// Deterministic: integer rates and Ratios only; JSON key order fixed.

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "sim/option_problem.hpp"
#include "sim/ratio.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

// Fault classes of the swarm profile; each generates one or more kinds.
enum class FaultClass : std::uint8_t {
    crash,  // crash, then restart or amnesia_restart after a downtime
    pause,
    slow_node,
    partition,  // symmetric, asymmetric or isolate, equally likely
    drop_burst,
    delay_burst,
    reorder_burst,
    duplicate_burst,
    clock_skew,
    clock_jump,
    task_failure,
};
constexpr std::size_t kFaultClassCount = 11;
std::string_view fault_class_name(FaultClass fault_class);

// Which fault classes a profile may switch on (bit i = FaultClass i).
using FaultClassSet = std::uint32_t;
constexpr FaultClassSet kAllFaultClasses = (1u << kFaultClassCount) - 1;
constexpr FaultClassSet fault_class_bit(FaultClass c) {
    return 1u << static_cast<unsigned>(c);
}

struct FaultProfile {
    // Mean gap between two faults of each class (long tail); 0 switches the class off.
    std::array<Nanos, kFaultClassCount> mean_interval{};
    Nanos downtime_max = seconds(5);        // crash: restart 0..max later (0 = reboot); >= 0
    Ratio amnesia_probability;              // crash: the restart is an amnesia_restart
    Nanos window_max = seconds(5);          // pause/slow/partition/burst windows: 1 ns..max
    Nanos slow_delay_max = ms(200);         // slow_node delay_ns: 0..max
    Ratio burst_probability = Ratio{1, 2};  // drop/reorder/duplicate bursts: the burst's rate
    Nanos delay_burst_mean_max = ms(500);   // delay_burst delay_mean_ns: 0..max
    Nanos clock_skew_max = seconds(2);      // clock_skew skew_ns: -max..max
    Nanos clock_jump_max = seconds(10);     // clock_jump jump_ns: -max..max

    bool no_faults() const;
    std::optional<OptionProblem> validate() const;
};

// JSON: {"mean_interval_ns":{"crash":..,...in class order},"downtime_max_ns":..,
//  "amnesia_probability":"n/d","window_max_ns":..,"slow_delay_max_ns":..,"burst_probability":..,
//  "delay_burst_mean_max_ns":..,"clock_skew_max_ns":..,"clock_jump_max_ns":..}
void to_json(nlohmann::ordered_json& out, const FaultProfile& profile);
Result<FaultProfile, OptionProblem> fault_profile_from_json(const nlohmann::ordered_json& in);

// Swarm testing: draws a profile. With probability 1/8 every class is off (a no-fault profile);
// otherwise each class in `allowed` is on with probability 1/2, with a mean interval of
// 100 ms..30 s; the other parameters are drawn too. Every draw happens whatever the outcome, so
// the number of draws is fixed (the stream position after the call does not depend on `allowed`).
FaultProfile swarm_fault_profile(Rng& rng, FaultClassSet allowed = kAllFaultClasses);

}  // namespace taskcheck::sim
