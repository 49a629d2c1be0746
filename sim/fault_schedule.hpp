#pragma once
// FaultEntry, FaultProfile and the fault schedule: every fault a run injects, as explicit timed
// entries, so that a scenario file can carry them, replay can apply them without the PRNG, and the
// shrinker can remove them one by one.
//
// Vocabulary (what the world does when an entry's `at` comes; windows end at at + duration):
//   crash            node stops; volatile state lost; stays down until a restart entry or the
//                    liveness phase. A crash of a node that is down does nothing.
//   restart          node starts again from its durable state; of a running node: crash + restart.
//   amnesia_restart  like restart, but the node's durable state is lost too (a replaced disk);
//                    profiles that cannot survive it leave the crash class's amnesia rate at 0.
//   pause            node processes nothing for the window (events wait), then resumes.
//   slow_node        every message to or from node takes delay_ns longer for the window.
//   partition_symmetric   links between `nodes` and the rest are cut both ways for the window.
//   partition_asymmetric  links from `nodes` to the rest are cut for the window; replies still
//                    arrive.
//   isolate          every link of node is cut for the window.
//   heal             every partition, asymmetric cut and isolation ends now.
//   drop_burst / reorder_burst / duplicate_burst   the network's rate becomes `probability` for
//                    the window.
//   delay_burst      every message takes an extra long-tail delay of mean delay_mean_ns.
//   clock_skew       node's clock reads skew_ns away from simulated time from now on.
//   clock_jump       node's clock steps by jump_ns (negative: backwards) now.
//   task_failure     the task node is processing, or the next one it starts, fails.
// Overlapping windows of one kind on one target: the world applies each start and each end as it
// comes (the last end restores the baseline).
//
// Deterministic: generation draws from named streams of the Rng it is given, one per fault class,
// so switching one class on or off never changes the entries of another.

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "sim/event_queue.hpp"
#include "sim/fault_profile.hpp"
#include "sim/option_problem.hpp"
#include "sim/ratio.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

// Written into scenario files by name: never rename.
enum class FaultKind : std::uint8_t {
    crash,
    restart,
    amnesia_restart,
    pause,
    slow_node,
    partition_symmetric,
    partition_asymmetric,
    isolate,
    heal,
    drop_burst,
    delay_burst,
    reorder_burst,
    duplicate_burst,
    clock_skew,
    clock_jump,
    task_failure,
};
constexpr std::size_t kFaultKindCount = 16;

std::string_view fault_kind_name(FaultKind kind);

// True iff entries of `kind` have a window (duration > 0 required).
bool fault_has_window(FaultKind kind);

struct FaultEntry {
    Nanos at = 0;  // when the fault starts; 0 <= at <= run duration
    FaultKind kind = FaultKind::crash;
    NodeId node = 0;            // the node, for kinds that have one
    Nanos duration = 0;         // window length for windowed kinds; > 0
    std::vector<NodeId> nodes;  // partitions: one side, 1..node_count-1 distinct nodes
    Ratio probability;          // drop_burst, reorder_burst, duplicate_burst
    Nanos amount = 0;           // slow_node delay_ns, delay_burst delay_mean_ns (both >= 0),
                                // clock_skew skew_ns, clock_jump jump_ns (any sign)

    friend bool operator==(const FaultEntry&, const FaultEntry&) = default;
};

// JSON: {"at_ns":..,"kind":"pause","node":1,"duration_ns":..} — "at_ns", "kind", then only the
// fields of that kind in the order node, nodes, duration_ns, probability, delay_ns |
// delay_mean_ns | skew_ns | jump_ns.
void to_json(nlohmann::ordered_json& out, const FaultEntry& entry);
// Reads one entry, rejecting unknown or missing keys for its kind; the problem's field is
// relative to the entry. Does not check node ids or times against a run (see validate_faults).
Result<FaultEntry, OptionProblem> fault_entry_from_json(const nlohmann::ordered_json& in);

// The first entry that does not fit a run of `duration` with `node_count` nodes: index and
// problem (field relative to that entry). Checks at in [0, duration], non-decreasing `at`,
// node ids, partition sides, windows > 0, valid probabilities, non-negative delays.
struct FaultProblem {
    std::size_t index = 0;
    OptionProblem problem;
};
std::optional<FaultProblem> validate_faults(const std::vector<FaultEntry>& faults, Nanos duration,
                                            std::uint32_t node_count);

// Generates the faults of a run of `duration` on `node_count` nodes: for each class that is on,
// faults at long-tail gaps of its mean interval, starting after one gap, drawn from
// rng.stream("faults.<class>"); then merged stably by time (ties in class order). Partition
// classes need 2 nodes and generate nothing on one. The result passes validate_faults.
// Does not advance `rng`. Requires: profile.validate() is empty, duration >= 0, node_count >= 1.
std::vector<FaultEntry> generate_fault_schedule(const Rng& rng, const FaultProfile& profile,
                                                Nanos duration, std::uint32_t node_count);

}  // namespace taskcheck::sim
