// Both clocks are non-decreasing; the real one follows the wall clock forward but never back,
// the manual one moves only when told.
#include "server/clock.hpp"

#include <boost/test/unit_test.hpp>
#include <vector>

using namespace taskcheck;
using namespace taskcheck::server;

BOOST_AUTO_TEST_SUITE(server_clock)

BOOST_AUTO_TEST_CASE(real_clock_follows_the_wall_clock_forward) {
    Nanos wall = seconds(100);
    RealClock clock([&] { return wall; }, 0);
    BOOST_TEST(clock.now() == seconds(100));
    wall = seconds(100) + 5;
    BOOST_TEST(clock.now() == seconds(100) + 5);
}

BOOST_AUTO_TEST_CASE(real_clock_stands_still_while_the_wall_clock_is_stepped_back) {
    // 1. a task is enqueued at 100 s; 2. NTP steps the host clock back to 40 s; 3. the task
    // starts. Its startedAt must not precede enqueuedAt, so time waits for the wall to catch up.
    Nanos wall = seconds(100);
    RealClock clock([&] { return wall; }, 0);
    BOOST_TEST(clock.now() == seconds(100));
    wall = seconds(40);
    BOOST_TEST(clock.now() == seconds(100));
    wall = seconds(99);
    BOOST_TEST(clock.now() == seconds(100));
    wall = seconds(101);
    BOOST_TEST(clock.now() == seconds(101));
}

BOOST_AUTO_TEST_CASE(real_clock_starts_no_earlier_than_its_floor) {
    // On restart the floor is the latest time in the journal.
    Nanos wall = seconds(10);
    RealClock clock([&] { return wall; }, seconds(50));
    BOOST_TEST(clock.now() == seconds(50));
    wall = seconds(60);
    BOOST_TEST(clock.now() == seconds(60));
}

BOOST_AUTO_TEST_CASE(real_clock_reads_the_system_clock_by_default) {
    RealClock clock;
    Nanos before = RealClock::system_now();
    Nanos now = clock.now();
    BOOST_TEST(now >= before);
    BOOST_TEST(now > make_instant({2024, 1, 1}, 0, 0, 0, 0));
    BOOST_TEST(clock.now() >= now);
}

BOOST_AUTO_TEST_CASE(manual_clock_moves_only_when_advanced) {
    ManualClock clock(seconds(7));
    BOOST_TEST(clock.now() == seconds(7));
    BOOST_TEST(clock.now() == seconds(7));
    BOOST_TEST(clock.advance(ms(250)) == seconds(7) + ms(250));
    BOOST_TEST(clock.now() == seconds(7) + ms(250));
    BOOST_TEST(clock.advance(0) == seconds(7) + ms(250));
}

BOOST_AUTO_TEST_CASE(both_clocks_serve_through_the_one_interface) {
    Nanos wall = seconds(3);
    RealClock real([&] { return wall; }, 0);
    ManualClock manual(seconds(3));
    std::vector<Clock*> clocks{&real, &manual};
    for (Clock* clock : clocks)
        BOOST_TEST(clock->now() == seconds(3));
}

BOOST_AUTO_TEST_SUITE_END()
