// The core pieces together: a toy world (nodes gossiping a counter over the network while a
// generated fault schedule partitions and slows them) gives the same trace hash for the same seed,
// and a different seed's trace diverges at a named event.
#include <boost/test/unit_test.hpp>

#include "sim/fault_schedule.hpp"
#include "sim/network.hpp"
#include "sim/trace.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;

namespace {

constexpr std::uint32_t kNodes = 4;

void apply(const FaultEntry& fault, Network& network) {
    switch (fault.kind) {
        case FaultKind::partition_symmetric:
            return network.partition(fault.nodes);
        case FaultKind::isolate:
            return network.isolate(fault.node);
        case FaultKind::slow_node:
            return network.set_node_slowdown(fault.node, fault.amount);
        default:
            return;
    }
}

// Runs the toy world for 5 simulated seconds and returns its trace.
void run_world(std::uint64_t seed, Trace& trace) {
    const Rng root(seed);
    FaultProfile profile;
    profile.mean_interval[static_cast<std::size_t>(FaultClass::partition)] = ms(700);
    profile.mean_interval[static_cast<std::size_t>(FaultClass::slow_node)] = ms(900);
    const auto faults = generate_fault_schedule(root, profile, seconds(5), kNodes);
    EventQueue queue;
    NetworkOptions options;
    options.node_count = kNodes;
    options.drop_probability = Ratio{1, 20};
    Network network(options, root.stream("network"), queue);
    Rng gossip = root.stream("gossip");
    for (std::size_t i = 0; i < faults.size(); ++i) {
        queue.schedule(faults[i].at, EventKind::fault, kNoNode, i);
    }
    for (NodeId node = 0; node < kNodes; ++node)
        queue.schedule(0, EventKind::timer, node, 0);
    while (!queue.empty() && queue.next_time() <= seconds(5)) {
        const Event event = queue.pop();
        if (event.kind == EventKind::fault) {
            const FaultEntry& fault = faults[event.arg];
            apply(fault, network);
            trace.begin(event.time, kNoNode, "fault")
                .field("fault", fault_kind_name(fault.kind))
                .end();
            queue.schedule(event.time + std::max<Nanos>(fault.duration, 1), EventKind::timer,
                           kNoNode, 0);
        } else if (event.kind == EventKind::timer && event.node == kNoNode) {
            network.heal();
            for (NodeId node = 0; node < kNodes; ++node)
                network.set_node_slowdown(node, 0);
        } else if (event.kind == EventKind::timer) {
            const auto to = static_cast<NodeId>(gossip.uint_inclusive(0, kNodes - 1));
            network.send(event.node, to, std::to_string(event.arg));
            trace.begin(event.time, event.node, "send").field("to", to).field("n", event.arg).end();
            queue.schedule_after(gossip.delay_long_tail(ms(5), ms(20)), EventKind::timer,
                                 event.node, event.arg + 1);
        } else if (auto message = network.take(event.arg)) {
            trace.begin(event.time, event.node, "deliver")
                .field("from", message->from)
                .field("msg", message->id)
                .end();
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(determinism)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_trace_hash) {
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        Trace first(TraceMode::hash);
        Trace second(TraceMode::hash);
        run_world(seed, first);
        run_world(seed, second);
        BOOST_TEST(first.size() > 1000u);
        BOOST_TEST(first.hash() == second.hash());
        BOOST_TEST(first.size() == second.size());
    }
}

BOOST_AUTO_TEST_CASE(another_seed_diverges_at_a_named_event) {
    Trace a(TraceMode::full);
    Trace b(TraceMode::full);
    run_world(1, a);
    run_world(2, b);
    BOOST_TEST(a.hash() != b.hash());
    const auto divergence = first_divergence(a, b);
    BOOST_TEST_REQUIRE(divergence.has_value());
    for (std::uint64_t i = 0; i < divergence->index; ++i)
        BOOST_TEST_REQUIRE(a.line(i) == b.line(i));
    BOOST_TEST(divergence->line_a == std::string(a.line(divergence->index)));
    BOOST_TEST(divergence->line_a != divergence->line_b);
}

BOOST_AUTO_TEST_SUITE_END()
