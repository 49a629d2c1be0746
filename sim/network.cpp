#include "sim/network.hpp"

#include <algorithm>

#include "model/common/assert.hpp"
#include "sim/json_reader.hpp"

namespace taskcheck::sim {

namespace {

constexpr std::uint32_t kNodeCountMax = 1024;
constexpr Nanos kDelayMeanMax = 3600 * kNanosPerSecond;

std::optional<OptionProblem> ratio_problem(const char* field, const Ratio& ratio) {
    if (auto problem = validate_ratio(ratio)) {
        return OptionProblem{field, *problem, "use a probability n/d with 0 <= n <= d and d > 0"};
    }
    return std::nullopt;
}

std::optional<OptionProblem> delay_problem(const char* field, Nanos value) {
    if (value >= 0 && value <= kDelayMeanMax) return std::nullopt;
    return OptionProblem{field, std::to_string(value) + " is outside 0..3600000000000",
                         "use a delay between 0 and one hour, in nanoseconds"};
}

}  // namespace

std::optional<OptionProblem> NetworkOptions::validate() const {
    if (node_count < 1 || node_count > kNodeCountMax) {
        return OptionProblem{"node_count", std::to_string(node_count) + " is outside 1..1024",
                             "use between 1 and 1024 nodes"};
    }
    if (auto p = delay_problem("one_way_delay_min_ns", one_way_delay_min)) return p;
    if (auto p = delay_problem("one_way_delay_mean_ns", one_way_delay_mean)) return p;
    if (one_way_delay_mean < one_way_delay_min) {
        return OptionProblem{"one_way_delay_mean_ns",
                             std::to_string(one_way_delay_mean) + " < one_way_delay_min_ns " +
                                 std::to_string(one_way_delay_min),
                             "raise one_way_delay_mean_ns or lower one_way_delay_min_ns"};
    }
    if (auto p = ratio_problem("drop_probability", drop_probability)) return p;
    if (auto p = ratio_problem("duplicate_probability", duplicate_probability)) return p;
    if (auto p = delay_problem("duplicate_delay_max_ns", duplicate_delay_max)) return p;
    if (auto p = ratio_problem("reorder_probability", reorder_probability)) return p;
    if (auto p = delay_problem("reorder_delay_max_ns", reorder_delay_max)) return p;
    return std::nullopt;
}

void to_json(nlohmann::ordered_json& out, const NetworkOptions& options) {
    out = nlohmann::ordered_json::object();
    out["node_count"] = options.node_count;
    out["one_way_delay_min_ns"] = options.one_way_delay_min;
    out["one_way_delay_mean_ns"] = options.one_way_delay_mean;
    out["drop_probability"] = format_ratio(options.drop_probability);
    out["duplicate_probability"] = format_ratio(options.duplicate_probability);
    out["duplicate_delay_max_ns"] = options.duplicate_delay_max;
    out["reorder_probability"] = format_ratio(options.reorder_probability);
    out["reorder_delay_max_ns"] = options.reorder_delay_max;
}

Result<NetworkOptions, OptionProblem> network_options_from_json(const nlohmann::ordered_json& in) {
    NetworkOptions options;
    JsonReader reader(in, "network options");
    reader.reject_unknown_keys({"node_count", "one_way_delay_min_ns", "one_way_delay_mean_ns",
                                "drop_probability", "duplicate_probability",
                                "duplicate_delay_max_ns", "reorder_probability",
                                "reorder_delay_max_ns"});
    reader.optional_u32("node_count", options.node_count);
    reader.optional_nanos("one_way_delay_min_ns", options.one_way_delay_min);
    reader.optional_nanos("one_way_delay_mean_ns", options.one_way_delay_mean);
    reader.optional_ratio("drop_probability", options.drop_probability);
    reader.optional_ratio("duplicate_probability", options.duplicate_probability);
    reader.optional_nanos("duplicate_delay_max_ns", options.duplicate_delay_max);
    reader.optional_ratio("reorder_probability", options.reorder_probability);
    reader.optional_nanos("reorder_delay_max_ns", options.reorder_delay_max);
    if (!reader.ok()) return Err(*reader.problem());
    if (auto problem = options.validate()) return Err(*problem);
    return options;
}

LinkConditions baseline_conditions(const NetworkOptions& options) {
    return LinkConditions{options.drop_probability, options.duplicate_probability,
                          options.reorder_probability, 0};
}

Network::Network(const NetworkOptions& options, Rng rng, EventQueue& queue)
    : options_(options),
      rng_(rng),
      queue_(queue),
      conditions_(baseline_conditions(options)),
      link_down_(std::size_t{options.node_count} * options.node_count, false),
      fifo_bound_(std::size_t{options.node_count} * options.node_count, 0),
      slowdown_(options.node_count, 0),
      last_send_(std::size_t{options.node_count} * options.node_count, -1),
      sends_at_last_(std::size_t{options.node_count} * options.node_count, 0) {
    TC_ASSERT(!options.validate().has_value());
}

// Every random decision of one send, drawn in this fixed order whatever is used.
struct Network::Draws {
    bool drop;
    Nanos delay;
    Nanos burst_delay;
    bool reorder;
    Nanos reorder_delay;
    bool duplicate;
    Nanos duplicate_delay;
};

Network::Draws Network::draw(Rng& rng) const {
    Draws draws{};
    draws.drop = rng.chance(conditions_.drop_probability);
    draws.delay = rng.delay_long_tail(options_.one_way_delay_min, options_.one_way_delay_mean);
    draws.burst_delay = rng.delay_long_tail(0, conditions_.delay_extra_mean);
    draws.reorder = rng.chance(conditions_.reorder_probability);
    draws.reorder_delay = rng.int_inclusive(0, options_.reorder_delay_max);
    draws.duplicate = rng.chance(conditions_.duplicate_probability);
    draws.duplicate_delay = rng.int_inclusive(0, options_.duplicate_delay_max);
    return draws;
}

// Messages sent on one link at the same instant are told apart by their order; a rank counts
// only same-link, same-time sends, so other links and other instants never move it.
std::uint32_t Network::rank_at_now(std::size_t link) {
    if (last_send_[link] != queue_.now()) {
        last_send_[link] = queue_.now();
        sends_at_last_[link] = 0;
    }
    return sends_at_last_[link]++;
}

Nanos Network::delivery_time(NodeId from, NodeId to, const Draws& draws) {
    const Nanos base = queue_.now() + draws.delay + draws.burst_delay + slowdown_[from] +
                       (from == to ? 0 : slowdown_[to]);
    if (draws.reorder) return base + draws.reorder_delay;
    Nanos& bound = fifo_bound_[link(from, to)];
    bound = std::max(bound, base);
    return bound;
}

std::uint64_t Network::send(NodeId from, NodeId to, std::string payload) {
    TC_ASSERT_LT(from, options_.node_count);
    TC_ASSERT_LT(to, options_.node_count);
    const std::uint32_t rank = rank_at_now(link(from, to));
    Rng rng = rng_.derive(link(from, to), static_cast<std::uint64_t>(queue_.now()), rank);
    const Draws draws = draw(rng);
    const std::uint64_t id = next_id_++;
    ++stats_.sent;
    if (draws.drop || !link_up(from, to)) {
        ++stats_.dropped;
        return id;
    }
    const Nanos at = delivery_time(from, to, draws);
    Message message{id, from, to, queue_.now(), false, id, std::move(payload)};
    if (draws.duplicate) {
        Message copy = message;
        copy.id = next_id_++;
        copy.duplicate = true;
        ++stats_.duplicated;
        schedule(std::move(copy), at + draws.duplicate_delay);
    }
    schedule(std::move(message), at);
    return id;
}

void Network::schedule(Message message, Nanos at) {
    const std::uint64_t id = message.id;
    const NodeId to = message.to;
    if (slots_.empty()) first_slot_id_ = id;
    // A duplicate is scheduled before its original, which has the smaller id.
    for (; id < first_slot_id_; --first_slot_id_)
        slots_.emplace_front();
    const std::size_t slot = id - first_slot_id_;
    if (slot >= slots_.size()) slots_.resize(slot + 1);
    TC_ASSERT(!slots_[slot].has_value());
    slots_[slot] = std::move(message);
    ++in_flight_count_;
    queue_.schedule(at, EventKind::message_delivery, to, id);
}

std::optional<Message> Network::take(std::uint64_t message_id) {
    TC_ASSERT_GE(message_id, first_slot_id_);
    TC_ASSERT_LT(message_id - first_slot_id_, slots_.size());
    std::optional<Message>& slot = slots_[message_id - first_slot_id_];
    TC_ASSERT(slot.has_value());
    Message message = std::move(*slot);
    slot.reset();
    --in_flight_count_;
    while (!slots_.empty() && !slots_.front().has_value()) {
        slots_.pop_front();
        ++first_slot_id_;
    }
    if (!link_up(message.from, message.to)) {
        ++stats_.dropped;
        return std::nullopt;
    }
    ++stats_.delivered;
    return message;
}

void Network::partition(std::span<const NodeId> side) {
    std::vector<bool> in_side(options_.node_count, false);
    for (const NodeId node : side) {
        TC_ASSERT_LT(node, options_.node_count);
        in_side[node] = true;
    }
    for (NodeId from = 0; from < options_.node_count; ++from) {
        for (NodeId to = 0; to < options_.node_count; ++to) {
            if (in_side[from] != in_side[to]) link_down_[link(from, to)] = true;
        }
    }
}

void Network::block(std::span<const NodeId> from_nodes, std::span<const NodeId> to_nodes) {
    for (const NodeId from : from_nodes) {
        TC_ASSERT_LT(from, options_.node_count);
        for (const NodeId to : to_nodes) {
            TC_ASSERT_LT(to, options_.node_count);
            if (from != to) link_down_[link(from, to)] = true;
        }
    }
}

void Network::isolate(NodeId node) {
    const NodeId side[] = {node};
    partition(side);
}

void Network::heal() {
    std::fill(link_down_.begin(), link_down_.end(), false);
}

bool Network::link_up(NodeId from, NodeId to) const {
    TC_ASSERT_LT(from, options_.node_count);
    TC_ASSERT_LT(to, options_.node_count);
    return !link_down_[link(from, to)];
}

void Network::set_conditions(const LinkConditions& conditions) {
    TC_ASSERT(!validate_ratio(conditions.drop_probability).has_value());
    TC_ASSERT(!validate_ratio(conditions.duplicate_probability).has_value());
    TC_ASSERT(!validate_ratio(conditions.reorder_probability).has_value());
    TC_ASSERT_GE(conditions.delay_extra_mean, 0);
    conditions_ = conditions;
}

void Network::set_node_slowdown(NodeId node, Nanos extra) {
    TC_ASSERT_LT(node, options_.node_count);
    TC_ASSERT_GE(extra, 0);
    slowdown_[node] = extra;
}

}  // namespace taskcheck::sim
