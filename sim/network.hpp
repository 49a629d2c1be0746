#pragma once
// Network: point-to-point messages between nodes 0..node_count-1, delivered through the
// EventQueue as message_delivery events whose arg is the message id; the world then calls take().
//
// Per message, at send time: it may be dropped (drop_probability, or the link is down); otherwise
// it is delivered after a one-way delay with a long tail (Rng::delay_long_tail between
// one_way_delay_min and one_way_delay_mean), plus the extra delay of slow endpoints, plus a
// delay-burst delay. A link is FIFO — a message is never delivered before one sent earlier on the
// same link — unless the message is reordered (reorder_probability), which lets it skip the FIFO
// bound and adds up to reorder_delay_max. With duplicate_probability a second copy (a stale
// replay, Message::duplicate) is delivered up to duplicate_delay_max after the first.
// A link that is down when a message is delivered loses it too: take() returns nullopt.
//
// Invariants: message ids increase from 0 and are never reused; a message is taken at most once;
// a node can always reach itself; links change only through partition/block/isolate/heal.
// Deterministic: every message draws from its own Rng, derived (Rng::derive) from the network's
// Rng, the link, the send time and the message's rank among those sent on that link at that
// instant. A message's latency, loss and copies therefore depend only on where and when
// it was sent: removing an operation (the shrinker's move) or changing a rate never shifts the
// draws of an unrelated message, and each message always makes the same nine draws.

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "sim/event_queue.hpp"
#include "sim/option_problem.hpp"
#include "sim/ratio.hpp"
#include "sim/rng.hpp"

namespace taskcheck::sim {

struct NetworkOptions {
    std::uint32_t node_count = 1;                 // nodes 0..node_count-1; 1..1024
    Nanos one_way_delay_min = ms(1);              // delay floor per message; >= 0
    Nanos one_way_delay_mean = ms(5);             // >= one_way_delay_min, <= 1 hour
    Ratio drop_probability = Ratio::zero();       // per message
    Ratio duplicate_probability = Ratio::zero();  // per message: one stale copy
    Nanos duplicate_delay_max = ms(500);          // copy arrives 0..max after the original; >= 0
    Ratio reorder_probability = Ratio::zero();    // per message: may overtake / be overtaken
    Nanos reorder_delay_max = ms(50);             // extra delay of a reordered message; >= 0

    // The first problem, or nullopt iff the options are usable.
    std::optional<OptionProblem> validate() const;
};

// JSON: {"node_count":3,"one_way_delay_min_ns":1000000,"one_way_delay_mean_ns":5000000,
//  "drop_probability":"0/1","duplicate_probability":"0/1","duplicate_delay_max_ns":500000000,
//  "reorder_probability":"0/1","reorder_delay_max_ns":50000000} — every key, in this order.
void to_json(nlohmann::ordered_json& out, const NetworkOptions& options);
// Reads the keys above (missing keys keep their defaults; unknown keys are rejected) and
// validates. The problem's field is relative to the object.
Result<NetworkOptions, OptionProblem> network_options_from_json(const nlohmann::ordered_json& in);

// The part of the network's behaviour that faults vary over time (bursts).
struct LinkConditions {
    Ratio drop_probability = Ratio::zero();
    Ratio duplicate_probability = Ratio::zero();
    Ratio reorder_probability = Ratio::zero();
    Nanos delay_extra_mean = 0;  // mean of an added long-tail delay (delay burst); >= 0
};

// The conditions `options` describe, with no burst.
LinkConditions baseline_conditions(const NetworkOptions& options);

struct Message {
    std::uint64_t id = 0;
    NodeId from = 0;
    NodeId to = 0;
    Nanos sent_at = 0;
    bool duplicate = false;  // a stale replayed copy of message `original`
    std::uint64_t original = 0;
    std::string payload;  // opaque to the network
};

struct NetworkStats {
    std::uint64_t sent = 0;        // send() calls
    std::uint64_t dropped = 0;     // lost at send or at delivery
    std::uint64_t duplicated = 0;  // stale copies scheduled
    std::uint64_t delivered = 0;   // messages take() returned
};

class Network {
  public:
    // Requires: options.validate() is empty. `queue` must outlive the network.
    Network(const NetworkOptions& options, Rng rng, EventQueue& queue);

    const NetworkOptions& options() const { return options_; }
    const NetworkStats& stats() const { return stats_; }
    std::size_t in_flight() const { return in_flight_count_; }

    // Sends `payload` from `from` to `to` and returns the message id; the message may still be
    // lost (then nothing is scheduled). Requires: both nodes exist.
    std::uint64_t send(NodeId from, NodeId to, std::string payload);

    // The message of a message_delivery event, or nullopt iff its link went down in flight (it is
    // then counted dropped). Requires: `message_id` is in flight (scheduled and not yet taken).
    std::optional<Message> take(std::uint64_t message_id);

    // Cuts every link between `side` and the other nodes, both ways. Requires: nodes exist.
    void partition(std::span<const NodeId> side);
    // Cuts the links from each of `from_nodes` to each of `to_nodes`, one way only.
    void block(std::span<const NodeId> from_nodes, std::span<const NodeId> to_nodes);
    // Cuts every link to and from `node`.
    void isolate(NodeId node);
    // Restores every link.
    void heal();
    bool link_up(NodeId from, NodeId to) const;

    const LinkConditions& conditions() const { return conditions_; }
    // Replaces the current conditions (a burst starts or ends). Requires: valid ratios, mean >= 0.
    void set_conditions(const LinkConditions& conditions);
    // Adds `extra` to every message to or from `node` (0 ends it). Requires: extra >= 0.
    void set_node_slowdown(NodeId node, Nanos extra);

  private:
    struct Draws;
    Draws draw(Rng& rng) const;
    std::uint32_t rank_at_now(std::size_t link);
    Nanos delivery_time(NodeId from, NodeId to, const Draws& draws);
    void schedule(Message message, Nanos at);
    std::size_t link(NodeId from, NodeId to) const { return from * options_.node_count + to; }

    NetworkOptions options_;
    Rng rng_;  // never advanced: only derive() is called
    EventQueue& queue_;
    LinkConditions conditions_;
    NetworkStats stats_;
    std::uint64_t next_id_ = 0;
    std::vector<bool> link_down_;               // [from * n + to]
    std::vector<Nanos> fifo_bound_;             // [from * n + to]: latest in-order delivery time
    std::vector<Nanos> slowdown_;               // [node]
    std::vector<Nanos> last_send_;              // [from * n + to]: time of the link's latest send
    std::vector<std::uint32_t> sends_at_last_;  // [from * n + to]: sends at that time so far
    // Messages in flight by id: slot i holds id first_slot_id_ + i, empty once taken or if the
    // message was lost at send. Leading empty slots are dropped, so the window spans from the
    // oldest message in flight to the newest.
    std::deque<std::optional<Message>> slots_;
    std::uint64_t first_slot_id_ = 0;
    std::size_t in_flight_count_ = 0;
};

}  // namespace taskcheck::sim
