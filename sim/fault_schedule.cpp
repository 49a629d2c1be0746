#include "sim/fault_schedule.hpp"

#include <algorithm>

#include "model/common/assert.hpp"
#include "sim/json_reader.hpp"

namespace taskcheck::sim {

using nlohmann::ordered_json;

namespace {

constexpr std::array<std::string_view, kFaultKindCount> kKindNames = {"crash",
                                                                      "restart",
                                                                      "amnesia_restart",
                                                                      "pause",
                                                                      "slow_node",
                                                                      "partition_symmetric",
                                                                      "partition_asymmetric",
                                                                      "isolate",
                                                                      "heal",
                                                                      "drop_burst",
                                                                      "delay_burst",
                                                                      "reorder_burst",
                                                                      "duplicate_burst",
                                                                      "clock_skew",
                                                                      "clock_jump",
                                                                      "task_failure"};

constexpr std::array<std::string_view, kFaultClassCount> kClassNames = {
    "crash",         "pause",           "slow_node",  "partition",  "drop_burst",  "delay_burst",
    "reorder_burst", "duplicate_burst", "clock_skew", "clock_jump", "task_failure"};

// The fields each kind carries besides at_ns and kind.
struct KindFields {
    bool node = false;
    bool nodes = false;
    bool duration = false;
    bool probability = false;
    const char* amount = nullptr;  // JSON name of `amount`, or none
};

KindFields fields_of(FaultKind kind) {
    switch (kind) {
        case FaultKind::crash:
        case FaultKind::restart:
        case FaultKind::amnesia_restart:
        case FaultKind::task_failure:
            return {true, false, false, false, nullptr};
        case FaultKind::pause:
        case FaultKind::isolate:
            return {true, false, true, false, nullptr};
        case FaultKind::slow_node:
            return {true, false, true, false, "delay_ns"};
        case FaultKind::partition_symmetric:
        case FaultKind::partition_asymmetric:
            return {false, true, true, false, nullptr};
        case FaultKind::heal:
            return {};
        case FaultKind::drop_burst:
        case FaultKind::reorder_burst:
        case FaultKind::duplicate_burst:
            return {false, false, true, true, nullptr};
        case FaultKind::delay_burst:
            return {false, false, true, false, "delay_mean_ns"};
        case FaultKind::clock_skew:
            return {true, false, false, false, "skew_ns"};
        case FaultKind::clock_jump:
            return {true, false, false, false, "jump_ns"};
    }
    TC_ASSERT(false);
    return {};
}

std::optional<FaultKind> parse_kind(std::string_view name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == name) return static_cast<FaultKind>(i);
    }
    return std::nullopt;
}

std::string kind_list() {
    std::string out;
    for (std::string_view name : kKindNames)
        out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

}  // namespace

std::string_view fault_kind_name(FaultKind kind) {
    return kKindNames.at(static_cast<std::size_t>(kind));
}

std::string_view fault_class_name(FaultClass fault_class) {
    return kClassNames.at(static_cast<std::size_t>(fault_class));
}

bool fault_has_window(FaultKind kind) {
    return fields_of(kind).duration;
}

void to_json(ordered_json& out, const FaultEntry& entry) {
    const KindFields fields = fields_of(entry.kind);
    out = ordered_json::object();
    out["at_ns"] = entry.at;
    out["kind"] = fault_kind_name(entry.kind);
    if (fields.node) out["node"] = entry.node;
    if (fields.nodes) out["nodes"] = entry.nodes;
    if (fields.duration) out["duration_ns"] = entry.duration;
    if (fields.probability) out["probability"] = format_ratio(entry.probability);
    if (fields.amount) out[fields.amount] = entry.amount;
}

Result<FaultEntry, OptionProblem> fault_entry_from_json(const ordered_json& in) {
    FaultEntry entry;
    std::string kind_name;
    JsonReader head(in, "a fault");
    head.required_string("kind", kind_name);
    if (!head.ok()) return Err(*head.problem());
    const auto kind = parse_kind(kind_name);
    if (!kind) {
        return Err(OptionProblem{"kind", "unknown fault kind \"" + kind_name + "\"",
                                 "use one of: " + kind_list()});
    }
    entry.kind = *kind;
    const KindFields fields = fields_of(entry.kind);
    JsonReader reader(in, "a " + kind_name + " fault");
    std::vector<std::string_view> allowed = {"at_ns", "kind"};
    if (fields.node) allowed.push_back("node");
    if (fields.nodes) allowed.push_back("nodes");
    if (fields.duration) allowed.push_back("duration_ns");
    if (fields.probability) allowed.push_back("probability");
    if (fields.amount) allowed.push_back(fields.amount);
    reader.reject_unknown_keys(allowed);
    reader.required_nanos("at_ns", entry.at);
    if (fields.node) reader.required_u32("node", entry.node);
    if (fields.nodes) reader.required_node_list("nodes", entry.nodes);
    if (fields.duration) reader.required_nanos("duration_ns", entry.duration);
    if (fields.probability) reader.required_ratio("probability", entry.probability);
    if (fields.amount) reader.required_nanos(fields.amount, entry.amount);
    if (!reader.ok()) return Err(*reader.problem());
    return entry;
}

namespace {

std::optional<OptionProblem> side_problem(const FaultEntry& entry, std::uint32_t node_count) {
    std::vector<bool> seen(node_count, false);
    for (std::size_t i = 0; i < entry.nodes.size(); ++i) {
        const NodeId node = entry.nodes[i];
        const std::string field = "nodes/" + std::to_string(i);
        if (node >= node_count) {
            return OptionProblem{
                field,
                "node " + std::to_string(node) + " >= node_count " + std::to_string(node_count),
                "use nodes 0.." + std::to_string(node_count - 1)};
        }
        if (seen[node]) {
            return OptionProblem{field, "node " + std::to_string(node) + " is listed twice",
                                 "list each node once"};
        }
        seen[node] = true;
    }
    if (entry.nodes.empty() || entry.nodes.size() >= node_count) {
        return OptionProblem{"nodes",
                             "a partition side of " + std::to_string(entry.nodes.size()) +
                                 " nodes cuts nothing in a cluster of " +
                                 std::to_string(node_count),
                             "list between 1 and node_count - 1 nodes"};
    }
    return std::nullopt;
}

std::optional<OptionProblem> entry_problem(const FaultEntry& entry, Nanos duration,
                                           std::uint32_t node_count) {
    const KindFields fields = fields_of(entry.kind);
    if (entry.at < 0 || entry.at > duration) {
        return OptionProblem{
            "at_ns",
            std::to_string(entry.at) + " is outside 0..duration_ns " + std::to_string(duration),
            "lower at_ns or raise duration_ns"};
    }
    if (fields.node && entry.node >= node_count) {
        return OptionProblem{
            "node", std::to_string(entry.node) + " >= node_count " + std::to_string(node_count),
            "use a node between 0 and " + std::to_string(node_count - 1)};
    }
    if (fields.nodes) {
        if (auto problem = side_problem(entry, node_count)) return problem;
    }
    if (fields.duration && entry.duration <= 0) {
        return OptionProblem{"duration_ns", std::to_string(entry.duration) + " <= 0",
                             "give the window a positive length"};
    }
    if (fields.probability) {
        if (auto problem = validate_ratio(entry.probability)) {
            return OptionProblem{"probability", *problem, "use n/d with n <= d and d > 0"};
        }
    }
    const bool non_negative =
        entry.kind == FaultKind::slow_node || entry.kind == FaultKind::delay_burst;
    if (non_negative && entry.amount < 0) {
        return OptionProblem{fields.amount, std::to_string(entry.amount) + " < 0",
                             "use a delay >= 0"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<FaultProblem> validate_faults(const std::vector<FaultEntry>& faults, Nanos duration,
                                            std::uint32_t node_count) {
    for (std::size_t i = 0; i < faults.size(); ++i) {
        if (auto problem = entry_problem(faults[i], duration, node_count)) {
            return FaultProblem{i, *problem};
        }
        if (i > 0 && faults[i].at < faults[i - 1].at) {
            return FaultProblem{i,
                                {"at_ns",
                                 std::to_string(faults[i].at) + " < at_ns " +
                                     std::to_string(faults[i - 1].at) + " of the fault before",
                                 "order faults by at_ns"}};
        }
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim

namespace taskcheck::sim {

namespace {

// Draws the entries one fault of `fault_class` at `at` adds (crash adds two).
class FaultDrawer {
  public:
    FaultDrawer(Rng& rng, const FaultProfile& profile, Nanos duration, std::uint32_t node_count)
        : rng_(rng), profile_(profile), duration_(duration), node_count_(node_count) {}

    void draw(FaultClass fault_class, Nanos at, std::vector<FaultEntry>& out);

  private:
    NodeId node() { return static_cast<NodeId>(rng_.uint_inclusive(0, node_count_ - 1)); }
    Nanos window() { return rng_.int_inclusive(1, profile_.window_max); }
    Nanos symmetric(Nanos max) { return rng_.int_inclusive(-max, max); }
    void crash(Nanos at, std::vector<FaultEntry>& out);
    FaultEntry partition(Nanos at);

    Rng& rng_;
    const FaultProfile& profile_;
    Nanos duration_;
    std::uint32_t node_count_;
};

void FaultDrawer::crash(Nanos at, std::vector<FaultEntry>& out) {
    const NodeId victim = node();
    const Nanos downtime = rng_.int_inclusive(0, profile_.downtime_max);
    const bool amnesia = rng_.chance(profile_.amnesia_probability);
    out.push_back(FaultEntry{at, FaultKind::crash, victim, 0, {}, {}, 0});
    if (at + downtime > duration_) return;
    const FaultKind restart = amnesia ? FaultKind::amnesia_restart : FaultKind::restart;
    out.push_back(FaultEntry{at + downtime, restart, victim, 0, {}, {}, 0});
}

FaultEntry FaultDrawer::partition(Nanos at) {
    const std::uint64_t variant = rng_.uint_inclusive(0, 2);
    const Nanos length = window();
    if (variant == 2) return FaultEntry{at, FaultKind::isolate, node(), length, {}, {}, 0};
    std::vector<NodeId> nodes(node_count_);
    for (NodeId i = 0; i < node_count_; ++i)
        nodes[i] = i;
    rng_.shuffle(std::span<NodeId>(nodes));
    nodes.resize(rng_.uint_inclusive(1, node_count_ - 1));
    std::sort(nodes.begin(), nodes.end());
    const FaultKind kind =
        variant == 0 ? FaultKind::partition_symmetric : FaultKind::partition_asymmetric;
    return FaultEntry{at, kind, 0, length, std::move(nodes), {}, 0};
}

void FaultDrawer::draw(FaultClass fault_class, Nanos at, std::vector<FaultEntry>& out) {
    const Ratio burst = profile_.burst_probability;
    switch (fault_class) {
        case FaultClass::crash:
            return crash(at, out);
        case FaultClass::pause:
            return out.push_back({at, FaultKind::pause, node(), window(), {}, {}, 0});
        case FaultClass::slow_node: {
            const NodeId slow = node();
            const Nanos length = window();
            const Nanos delay = rng_.int_inclusive(0, profile_.slow_delay_max);
            return out.push_back({at, FaultKind::slow_node, slow, length, {}, {}, delay});
        }
        case FaultClass::partition:
            return out.push_back(partition(at));
        case FaultClass::drop_burst:
            return out.push_back({at, FaultKind::drop_burst, 0, window(), {}, burst, 0});
        case FaultClass::reorder_burst:
            return out.push_back({at, FaultKind::reorder_burst, 0, window(), {}, burst, 0});
        case FaultClass::duplicate_burst:
            return out.push_back({at, FaultKind::duplicate_burst, 0, window(), {}, burst, 0});
        case FaultClass::delay_burst: {
            const Nanos length = window();
            const Nanos mean = rng_.int_inclusive(0, profile_.delay_burst_mean_max);
            return out.push_back({at, FaultKind::delay_burst, 0, length, {}, {}, mean});
        }
        case FaultClass::clock_skew: {
            const NodeId skewed = node();
            const Nanos skew = symmetric(profile_.clock_skew_max);
            return out.push_back({at, FaultKind::clock_skew, skewed, 0, {}, {}, skew});
        }
        case FaultClass::clock_jump: {
            const NodeId jumped = node();
            const Nanos jump = symmetric(profile_.clock_jump_max);
            return out.push_back({at, FaultKind::clock_jump, jumped, 0, {}, {}, jump});
        }
        case FaultClass::task_failure:
            return out.push_back({at, FaultKind::task_failure, node(), 0, {}, {}, 0});
    }
    TC_ASSERT(false);
}

}  // namespace

std::vector<FaultEntry> generate_fault_schedule(const Rng& rng, const FaultProfile& profile,
                                                Nanos duration, std::uint32_t node_count) {
    TC_ASSERT(!profile.validate().has_value());
    TC_ASSERT_GE(duration, 0);
    TC_ASSERT_GE(node_count, 1u);
    std::vector<FaultEntry> schedule;
    for (std::size_t i = 0; i < kFaultClassCount; ++i) {
        const auto fault_class = static_cast<FaultClass>(i);
        const Nanos mean = profile.mean_interval[i];
        if (mean == 0) continue;
        if (fault_class == FaultClass::partition && node_count < 2) continue;
        Rng stream = rng.stream("faults." + std::string(fault_class_name(fault_class)));
        FaultDrawer drawer(stream, profile, duration, node_count);
        for (Nanos at = stream.delay_long_tail(1, mean); at <= duration;
             at += stream.delay_long_tail(1, mean)) {
            drawer.draw(fault_class, at, schedule);
        }
    }
    std::stable_sort(schedule.begin(), schedule.end(),
                     [](const FaultEntry& a, const FaultEntry& b) { return a.at < b.at; });
    TC_ASSERT(!validate_faults(schedule, duration, node_count).has_value());
    return schedule;
}

}  // namespace taskcheck::sim
