// Network: latency with a floor, FIFO links, drops, stale duplicates, reordering, partitions,
// slow nodes, and a fixed number of draws per message.
#include "sim/network.hpp"

#include <boost/test/unit_test.hpp>
#include <map>
#include <vector>

using namespace taskcheck;
using namespace taskcheck::sim;

namespace {

// A network over its own queue, with a vocabulary for tests.
struct Net {
    explicit Net(NetworkOptions options, std::uint64_t seed = 1)
        : network(options, Rng(seed), queue) {}

    // Delivers every scheduled message; returns (time, message) for those that arrive.
    std::vector<std::pair<Nanos, Message>> deliver_all() {
        std::vector<std::pair<Nanos, Message>> out;
        while (!queue.empty()) {
            const Event event = queue.pop();
            if (auto message = network.take(event.arg)) out.emplace_back(event.time, *message);
        }
        return out;
    }

    EventQueue queue;
    Network network;
};

NetworkOptions fixed_delay(std::uint32_t nodes, Nanos delay) {
    NetworkOptions options;
    options.node_count = nodes;
    options.one_way_delay_min = delay;
    options.one_way_delay_mean = delay;
    return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network)

BOOST_AUTO_TEST_CASE(a_message_arrives_after_its_one_way_delay) {
    Net net(fixed_delay(2, ms(5)));
    net.network.send(0, 1, "hello");
    const auto arrived = net.deliver_all();
    BOOST_TEST_REQUIRE(arrived.size() == 1u);
    BOOST_TEST(arrived[0].first == ms(5));
    BOOST_TEST(arrived[0].second.payload == "hello");
    BOOST_TEST(arrived[0].second.from == 0u);
    BOOST_TEST(arrived[0].second.to == 1u);
    BOOST_TEST(!arrived[0].second.duplicate);
    BOOST_TEST(net.network.stats().delivered == 1u);
}

BOOST_AUTO_TEST_CASE(a_link_is_fifo_despite_the_long_tail) {
    NetworkOptions options;
    options.node_count = 2;
    options.one_way_delay_mean = ms(50);
    Net net(options);
    for (int i = 0; i < 200; ++i)
        net.network.send(0, 1, std::to_string(i));
    const auto arrived = net.deliver_all();
    BOOST_TEST_REQUIRE(arrived.size() == 200u);
    for (int i = 0; i < 200; ++i)
        BOOST_TEST(arrived[i].second.payload == std::to_string(i));
}

BOOST_AUTO_TEST_CASE(reordered_messages_overtake) {
    NetworkOptions options = fixed_delay(2, ms(1));
    options.reorder_probability = Ratio{1, 2};
    options.reorder_delay_max = ms(100);
    Net net(options);
    for (int i = 0; i < 100; ++i)
        net.network.send(0, 1, std::to_string(i));
    const auto arrived = net.deliver_all();
    BOOST_TEST_REQUIRE(arrived.size() == 100u);
    int out_of_order = 0;
    for (std::size_t i = 1; i < arrived.size(); ++i) {
        if (std::stoi(arrived[i].second.payload) < std::stoi(arrived[i - 1].second.payload)) {
            ++out_of_order;
        }
    }
    BOOST_TEST(out_of_order > 0);
}

BOOST_AUTO_TEST_CASE(dropped_messages_are_never_scheduled) {
    NetworkOptions options = fixed_delay(2, ms(1));
    options.drop_probability = Ratio::one();
    Net net(options);
    net.network.send(0, 1, "lost");
    BOOST_TEST(net.queue.empty());
    BOOST_TEST(net.network.stats().sent == 1u);
    BOOST_TEST(net.network.stats().dropped == 1u);
}

BOOST_AUTO_TEST_CASE(a_duplicate_is_a_stale_copy_arriving_later) {
    NetworkOptions options = fixed_delay(2, ms(1));
    options.duplicate_probability = Ratio::one();
    options.duplicate_delay_max = ms(40);
    Net net(options);
    const std::uint64_t id = net.network.send(1, 0, "twice");
    const auto arrived = net.deliver_all();
    BOOST_TEST_REQUIRE(arrived.size() == 2u);
    BOOST_TEST(arrived[0].second.id == id);
    BOOST_TEST(!arrived[0].second.duplicate);
    BOOST_TEST(arrived[1].second.duplicate);
    BOOST_TEST(arrived[1].second.original == id);
    BOOST_TEST(arrived[1].second.payload == "twice");
    BOOST_TEST(arrived[1].first >= arrived[0].first);
    BOOST_TEST(arrived[1].first <= arrived[0].first + ms(40));
}

BOOST_AUTO_TEST_CASE(partitions_cut_links_by_shape_and_heal_restores_them) {
    Net net(fixed_delay(4, ms(1)));
    const NodeId side[] = {0, 1};
    net.network.partition(side);
    BOOST_TEST(!net.network.link_up(0, 2));
    BOOST_TEST(!net.network.link_up(3, 1));
    BOOST_TEST(net.network.link_up(0, 1));
    BOOST_TEST(net.network.link_up(2, 3));
    net.network.heal();
    const NodeId from[] = {0};
    const NodeId to[] = {1, 2};
    net.network.block(from, to);
    BOOST_TEST(!net.network.link_up(0, 1));
    BOOST_TEST(net.network.link_up(1, 0));
    BOOST_TEST(net.network.link_up(0, 3));
    net.network.heal();
    net.network.isolate(3);
    BOOST_TEST(!net.network.link_up(3, 0));
    BOOST_TEST(!net.network.link_up(2, 3));
    BOOST_TEST(net.network.link_up(3, 3));
    BOOST_TEST(net.network.link_up(0, 1));
}

BOOST_AUTO_TEST_CASE(a_message_in_flight_when_its_link_is_cut_is_lost) {
    Net net(fixed_delay(2, ms(5)));
    net.network.send(0, 1, "in flight");
    net.network.isolate(1);
    BOOST_TEST(net.deliver_all().empty());
    BOOST_TEST(net.network.stats().dropped == 1u);
    BOOST_TEST(net.network.in_flight() == 0u);
}

BOOST_AUTO_TEST_CASE(slow_nodes_and_delay_bursts_add_delay) {
    Net net(fixed_delay(3, ms(5)));
    net.network.set_node_slowdown(1, ms(3));
    net.network.set_node_slowdown(2, ms(7));
    net.network.send(1, 2, "slow to slow");
    net.network.send(0, 1, "to slow");
    net.network.send(0, 0, "self");
    const auto arrived = net.deliver_all();
    BOOST_TEST_REQUIRE(arrived.size() == 3u);
    BOOST_TEST(arrived[0].second.payload == "self");
    BOOST_TEST(arrived[0].first == ms(5));
    BOOST_TEST(arrived[1].first == ms(8));
    BOOST_TEST(arrived[2].first == ms(15));
    LinkConditions burst = net.network.conditions();
    burst.delay_extra_mean = ms(100);
    net.network.set_conditions(burst);
    net.network.send(0, 2, "burst");
    BOOST_TEST(net.deliver_all().at(0).first > net.queue.now() - ms(200));
}

BOOST_AUTO_TEST_CASE(rates_do_not_shift_the_draws_of_later_messages) {
    // Nine draws per send whatever happens, so a message that survives in both runs arrives at
    // the same time whether or not earlier messages were dropped. (Every message is reordered,
    // so no FIFO bound from an earlier message can move it.)
    NetworkOptions calm;
    calm.node_count = 2;
    calm.one_way_delay_mean = ms(20);
    calm.reorder_probability = Ratio::one();
    NetworkOptions lossy = calm;
    lossy.drop_probability = Ratio{1, 2};
    Net a(calm, 9);
    Net b(lossy, 9);
    for (int i = 0; i < 100; ++i) {
        a.network.send(0, 1, std::to_string(i));
        b.network.send(0, 1, std::to_string(i));
    }
    std::map<std::uint64_t, Nanos> arrival;
    for (const auto& [time, message] : a.deliver_all())
        arrival[message.id] = time;
    const auto some = b.deliver_all();
    BOOST_TEST(arrival.size() == 100u);
    BOOST_TEST(some.size() > 20u);
    BOOST_TEST(some.size() < 80u);
    for (const auto& [time, message] : some)
        BOOST_TEST(arrival.at(message.id) == time);
}

BOOST_AUTO_TEST_CASE(removing_a_message_does_not_move_the_draws_of_the_others) {
    // The shrinker removes operations; a message that remains must keep its latency. Each message
    // draws from a seed of (link, send time, rank at that instant), so messages on other links or
    // at other times are untouched. Run A sends on links 0->1 and 0->2 at every ms; run B skips
    // every third send on 0->1. (Reordered, so no FIFO bound couples a link's messages.)
    NetworkOptions options;
    options.node_count = 3;
    options.one_way_delay_mean = ms(20);
    options.reorder_probability = Ratio::one();
    Net a(options, 5);
    Net b(options, 5);
    std::map<std::string, Nanos> arrival_a;
    std::map<std::string, Nanos> arrival_b;
    for (int i = 0; i < 60; ++i) {
        a.queue.schedule(ms(i), EventKind::operation, 0, static_cast<std::uint64_t>(i));
        b.queue.schedule(ms(i), EventKind::operation, 0, static_cast<std::uint64_t>(i));
    }
    const auto drive = [](Net& net, bool skip, std::map<std::string, Nanos>& arrival) {
        while (!net.queue.empty()) {
            const Event event = net.queue.pop();
            if (event.kind == EventKind::operation) {
                const std::string label = std::to_string(event.arg);
                if (!skip || event.arg % 3 != 0) net.network.send(0, 1, "one:" + label);
                net.network.send(0, 2, "two:" + label);
                continue;
            }
            if (auto message = net.network.take(event.arg)) arrival[message->payload] = event.time;
        }
    };
    drive(a, false, arrival_a);
    drive(b, true, arrival_b);
    BOOST_TEST(arrival_a.size() == 120u);
    BOOST_TEST(arrival_b.size() == 100u);
    std::size_t differs_from_neighbour = 0;
    for (const auto& [payload, time] : arrival_b) {
        BOOST_TEST(arrival_a.at(payload) == time, payload);
        if (time - ms(std::stoi(payload.substr(4))) != ms(1)) ++differs_from_neighbour;
    }
    BOOST_TEST(differs_from_neighbour > 90u);  // latencies really are drawn
}

BOOST_AUTO_TEST_CASE(options_round_trip_through_json) {
    NetworkOptions options;
    options.node_count = 5;
    options.drop_probability = Ratio{1, 100};
    nlohmann::ordered_json json = options;
    BOOST_TEST(json.dump() ==
               R"({"node_count":5,"one_way_delay_min_ns":1000000,"one_way_delay_mean_ns":5000000,)"
               R"("drop_probability":"1/100","duplicate_probability":"0/1",)"
               R"("duplicate_delay_max_ns":500000000,"reorder_probability":"0/1",)"
               R"("reorder_delay_max_ns":50000000})");
    const auto back = network_options_from_json(json);
    BOOST_TEST_REQUIRE(back.ok());
    BOOST_TEST(nlohmann::ordered_json(back.value()).dump() == json.dump());
}

BOOST_AUTO_TEST_CASE(bad_options_are_rejected_with_the_field_and_a_fix) {
    NetworkOptions options;
    options.one_way_delay_min = ms(10);
    options.one_way_delay_mean = ms(5);
    BOOST_TEST(render_option_problem(*options.validate()) ==
               "one_way_delay_mean_ns: 5000000 < one_way_delay_min_ns 10000000; raise "
               "one_way_delay_mean_ns or lower one_way_delay_min_ns");
    const auto typo = network_options_from_json(nlohmann::ordered_json::parse(R"({"drop":"1/2"})"));
    BOOST_TEST_REQUIRE(!typo.ok());
    BOOST_TEST(render_option_problem(typo.error()) ==
               "drop: unknown key \"drop\" in network options; allowed keys: node_count, "
               "one_way_delay_min_ns, one_way_delay_mean_ns, drop_probability, "
               "duplicate_probability, duplicate_delay_max_ns, reorder_probability, "
               "reorder_delay_max_ns");
    const auto ratio =
        network_options_from_json(nlohmann::ordered_json::parse(R"({"drop_probability":"3/2"})"));
    BOOST_TEST_REQUIRE(!ratio.ok());
    BOOST_TEST(
        render_option_problem(ratio.error()) ==
        "drop_probability: expected a probability \"n/d\" with n <= d, found string \"3/2\"; "
        "write it as a string such as \"1/100\"");
}

BOOST_AUTO_TEST_SUITE_END()
