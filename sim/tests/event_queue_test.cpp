// EventQueue orders events by (time, sequence) and owns simulated time; NodeClock adds skew.
#include "sim/event_queue.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <vector>

#include "sim/clock.hpp"
#include "sim/rng.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;

BOOST_AUTO_TEST_SUITE(event_queue)

BOOST_AUTO_TEST_CASE(events_pop_by_time_then_by_scheduling_order) {
    EventQueue queue;
    queue.schedule(ms(5), EventKind::timer, 0, 1);
    queue.schedule(ms(2), EventKind::timer, 0, 2);
    queue.schedule(ms(5), EventKind::operation, 1, 3);
    queue.schedule(ms(2), EventKind::fault, 2, 4);
    std::vector<std::uint64_t> args;
    std::vector<Nanos> times;
    while (!queue.empty()) {
        const Event event = queue.pop();
        args.push_back(event.arg);
        times.push_back(queue.now());
    }
    BOOST_TEST(args == (std::vector<std::uint64_t>{2, 4, 1, 3}));
    BOOST_TEST(times == (std::vector<Nanos>{ms(2), ms(2), ms(5), ms(5)}));
    BOOST_TEST(queue.popped_count() == 4u);
    BOOST_TEST(queue.pushed_count() == 4u);
}

BOOST_AUTO_TEST_CASE(reserved_events_pushed_late_pop_where_they_would_have_up_front) {
    // Two operations at 5 ms and 7 ms get sequence numbers 0 and 1 now; the second is pushed
    // only when the first pops, after timers for 5 ms and 7 ms were scheduled: it still pops
    // before the 7 ms timer (sequence 1 < 3), exactly as if it had been scheduled first.
    EventQueue queue;
    const std::uint64_t first = queue.reserve_sequences(2);
    BOOST_TEST(first == 0u);
    queue.schedule_reserved(ms(5), first, EventKind::operation, 1, 100);
    queue.schedule(ms(5), EventKind::timer, 0, 1);
    queue.schedule(ms(7), EventKind::timer, 0, 2);
    std::vector<std::uint64_t> args;
    while (!queue.empty()) {
        const Event event = queue.pop();
        args.push_back(event.arg);
        if (event.arg == 100)
            queue.schedule_reserved(ms(7), first + 1, EventKind::operation, 1, 101);
    }
    BOOST_TEST(args == (std::vector<std::uint64_t>{100, 1, 101, 2}));
    BOOST_TEST(queue.pushed_count() == 4u);
}

BOOST_AUTO_TEST_CASE(schedule_after_is_relative_to_the_popped_event) {
    EventQueue queue;
    queue.schedule(ms(10), EventKind::timer, 0, 0);
    queue.pop();
    const std::uint64_t sequence = queue.schedule_after(ms(3), EventKind::node_step, 4, 9);
    BOOST_TEST(sequence == 1u);
    BOOST_TEST(queue.next_time() == ms(13));
    const Event event = queue.pop();
    BOOST_TEST(event.node == 4u);
    BOOST_TEST(static_cast<int>(event.kind) == static_cast<int>(EventKind::node_step));
    BOOST_TEST(event.sequence == 1u);
}

BOOST_AUTO_TEST_CASE(a_random_agenda_pops_in_the_order_of_a_stable_sort) {
    // Many events, many ties: the heap must agree with a stable sort by time.
    EventQueue queue;
    Rng rng(5);
    std::vector<std::pair<Nanos, std::uint64_t>> expected;
    for (std::uint64_t i = 0; i < 20000; ++i) {
        const Nanos at = rng.int_inclusive(0, 500);
        queue.schedule(at, EventKind::timer, 0, i);
        expected.emplace_back(at, i);
    }
    std::stable_sort(expected.begin(), expected.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [at, arg] : expected) {
        const Event event = queue.pop();
        BOOST_TEST_REQUIRE(event.time == at);
        BOOST_TEST_REQUIRE(event.arg == arg);
    }
    BOOST_TEST(queue.empty());
}

BOOST_AUTO_TEST_CASE(advance_to_moves_time_without_an_event) {
    EventQueue queue;
    queue.advance_to(seconds(3));
    BOOST_TEST(queue.now() == seconds(3));
    queue.schedule_after(0, EventKind::timer, 0, 0);
    BOOST_TEST(queue.pop().time == seconds(3));
}

BOOST_AUTO_TEST_CASE(sim_time_prints_as_hours_minutes_seconds_millis) {
    BOOST_TEST(format_sim_time(0) == "00:00:00.000");
    BOOST_TEST(format_sim_time(72'004'000'000) == "00:01:12.004");
    BOOST_TEST(format_sim_time(ms(999) + 999'999) == "00:00:00.999");
    BOOST_TEST(format_sim_time(seconds(100 * 3600 + 61)) == "100:01:01.000");
}

BOOST_AUTO_TEST_CASE(node_clock_adds_skew_and_jumps) {
    NodeClock clock;
    BOOST_TEST(clock.local_instant(ms(5)) == kSimEpoch + ms(5));
    clock.set_skew(-ms(2));
    BOOST_TEST(clock.local_instant(ms(5)) == kSimEpoch + ms(3));
    clock.jump(-seconds(1));
    BOOST_TEST(clock.local_instant(ms(5)) == kSimEpoch + ms(3) - seconds(1));
    BOOST_TEST(clock.skew() == -ms(2) - seconds(1));
    BOOST_TEST(format_rfc3339(kSimEpoch) == "2024-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()
