// Fault entries (JSON shape, validation), swarm profiles and generated schedules.
#include "sim/fault_schedule.hpp"

#include <boost/test/unit_test.hpp>
#include <set>

#include "sim/options_block.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;
using nlohmann::ordered_json;

namespace {

std::string dump(const FaultEntry& entry) {
    return ordered_json(entry).dump();
}

FaultProfile only(FaultClass fault_class, Nanos mean) {
    FaultProfile profile;
    profile.mean_interval[static_cast<std::size_t>(fault_class)] = mean;
    return profile;
}

std::vector<FaultEntry> of_kinds(const std::vector<FaultEntry>& entries,
                                 std::set<FaultKind> kinds) {
    std::vector<FaultEntry> out;
    for (const auto& entry : entries) {
        if (kinds.count(entry.kind)) out.push_back(entry);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fault_schedule)

BOOST_AUTO_TEST_CASE(each_kind_writes_only_its_own_fields) {
    BOOST_TEST(dump({ms(1), FaultKind::crash, 2, 0, {}, {}, 0}) ==
               R"({"at_ns":1000000,"kind":"crash","node":2})");
    BOOST_TEST(dump({5, FaultKind::slow_node, 1, 7, {}, {}, 9}) ==
               R"({"at_ns":5,"kind":"slow_node","node":1,"duration_ns":7,"delay_ns":9})");
    BOOST_TEST(dump({5, FaultKind::partition_asymmetric, 0, 7, {0, 2}, {}, 0}) ==
               R"({"at_ns":5,"kind":"partition_asymmetric","nodes":[0,2],"duration_ns":7})");
    BOOST_TEST(dump({5, FaultKind::drop_burst, 0, 7, {}, Ratio{1, 3}, 0}) ==
               R"({"at_ns":5,"kind":"drop_burst","duration_ns":7,"probability":"1/3"})");
    BOOST_TEST(dump({5, FaultKind::clock_jump, 1, 0, {}, {}, -4}) ==
               R"({"at_ns":5,"kind":"clock_jump","node":1,"jump_ns":-4})");
    BOOST_TEST(dump({5, FaultKind::heal, 0, 0, {}, {}, 0}) == R"({"at_ns":5,"kind":"heal"})");
}

BOOST_AUTO_TEST_CASE(every_kind_round_trips_through_json) {
    FaultProfile profile;
    for (auto& mean : profile.mean_interval)
        mean = ms(300);
    profile.amnesia_probability = Ratio{1, 2};
    const auto entries = generate_fault_schedule(Rng(4), profile, seconds(30), 3);
    std::set<FaultKind> kinds;
    for (const auto& entry : entries) {
        kinds.insert(entry.kind);
        const auto back = fault_entry_from_json(ordered_json(entry));
        BOOST_TEST_REQUIRE(back.ok());
        BOOST_TEST(dump(back.value()) == dump(entry));
    }
    BOOST_TEST(kinds.size() == kFaultKindCount - 1);  // all but heal, which is never generated
    BOOST_TEST(!kinds.count(FaultKind::heal));
}

BOOST_AUTO_TEST_CASE(malformed_entries_name_the_key_and_the_fix) {
    const auto problem = [](const char* text) {
        const auto entry = fault_entry_from_json(ordered_json::parse(text));
        BOOST_TEST_REQUIRE(!entry.ok());
        return render_option_problem(entry.error());
    };
    BOOST_TEST(problem(R"({"at_ns":1,"kind":"explode"})") ==
               "kind: unknown fault kind \"explode\"; use one of: crash, restart, "
               "amnesia_restart, pause, slow_node, partition_symmetric, partition_asymmetric, "
               "isolate, heal, drop_burst, delay_burst, reorder_burst, duplicate_burst, "
               "clock_skew, clock_jump, task_failure");
    BOOST_TEST(problem(R"({"at_ns":1,"kind":"pause","node":0})") ==
               ": a pause fault has no \"duration_ns\"; add \"duration_ns\"");
    BOOST_TEST(problem(R"({"at_ns":1,"kind":"crash","node":0,"duration_ns":5})") ==
               "duration_ns: unknown key \"duration_ns\" in a crash fault; allowed keys: at_ns, "
               "kind, node");
    BOOST_TEST(problem(R"({"at_ns":"soon","kind":"heal"})") ==
               "at_ns: expected an integer (nanoseconds), found string \"soon\"");
    BOOST_TEST(problem(R"({"at_ns":1,"kind":"isolate","node":-1,"duration_ns":5})") ==
               "node: expected an unsigned integer, found negative integer -1");
}

BOOST_AUTO_TEST_CASE(schedules_are_checked_against_the_run) {
    const auto problem = [](std::vector<FaultEntry> faults) {
        const auto found = validate_faults(faults, seconds(60), 3);
        BOOST_TEST_REQUIRE(found.has_value());
        return std::to_string(found->index) + " " + render_option_problem(found->problem);
    };
    const FaultEntry crash{ms(5), FaultKind::crash, 0, 0, {}, {}, 0};
    BOOST_TEST(!validate_faults({crash}, seconds(60), 3).has_value());
    BOOST_TEST(problem({crash, {seconds(90), FaultKind::restart, 0, 0, {}, {}, 0}}) ==
               "1 at_ns: 90000000000 is outside 0..duration_ns 60000000000; lower at_ns or "
               "raise duration_ns");
    BOOST_TEST(problem({crash, {ms(1), FaultKind::restart, 0, 0, {}, {}, 0}}) ==
               "1 at_ns: 1000000 < at_ns 5000000 of the fault before; order faults by at_ns");
    BOOST_TEST(problem({{0, FaultKind::pause, 3, 10, {}, {}, 0}}) ==
               "0 node: 3 >= node_count 3; use a node between 0 and 2");
    BOOST_TEST(problem({{0, FaultKind::pause, 1, 0, {}, {}, 0}}) ==
               "0 duration_ns: 0 <= 0; give the window a positive length");
    BOOST_TEST(problem({{0, FaultKind::partition_symmetric, 0, 1, {0, 1, 2}, {}, 0}}) ==
               "0 nodes: a partition side of 3 nodes cuts nothing in a cluster of 3; list "
               "between 1 and node_count - 1 nodes");
    BOOST_TEST(problem({{0, FaultKind::partition_symmetric, 0, 1, {1, 1}, {}, 0}}) ==
               "0 nodes/1: node 1 is listed twice; list each node once");
    BOOST_TEST(problem({{0, FaultKind::drop_burst, 0, 1, {}, Ratio{2, 1}, 0}}) ==
               "0 probability: numerator 2 > denominator 1; use n/d with n <= d and d > 0");
}

BOOST_AUTO_TEST_CASE(swarm_profiles_switch_classes_on_and_off_per_seed) {
    int no_fault_profiles = 0;
    std::vector<int> on(kFaultClassCount, 0);
    for (std::uint64_t seed = 0; seed < 800; ++seed) {
        Rng rng(seed);
        const FaultProfile profile = swarm_fault_profile(rng);
        BOOST_TEST_REQUIRE(!profile.validate().has_value());
        if (profile.no_faults()) ++no_fault_profiles;
        for (std::size_t i = 0; i < kFaultClassCount; ++i)
            on[i] += profile.mean_interval[i] ? 1 : 0;
    }
    BOOST_TEST(no_fault_profiles > 60);  // 1/8 + (7/8) * 2^-11 of 800 = ~100
    BOOST_TEST(no_fault_profiles < 140);
    for (const int count : on) {
        BOOST_TEST(count > 280);  // (7/8) * (1/2) of 800 = 350
        BOOST_TEST(count < 420);
    }
}

BOOST_AUTO_TEST_CASE(swarm_draws_the_same_amount_whatever_is_allowed) {
    Rng all(77);
    Rng some(77);
    const FaultProfile wide = swarm_fault_profile(all);
    const FaultProfile narrow = swarm_fault_profile(
        some, fault_class_bit(FaultClass::crash) | fault_class_bit(FaultClass::pause));
    BOOST_TEST(all.next_u64() == some.next_u64());
    for (std::size_t i = 2; i < kFaultClassCount; ++i)
        BOOST_TEST(narrow.mean_interval[i] == 0);
    BOOST_TEST(narrow.downtime_max == wide.downtime_max);
}

BOOST_AUTO_TEST_CASE(a_class_switched_on_does_not_move_another_class_faults) {
    const Rng rng(5);
    FaultProfile crashes = only(FaultClass::crash, seconds(2));
    FaultProfile both = crashes;
    both.mean_interval[static_cast<std::size_t>(FaultClass::partition)] = seconds(1);
    const auto alone = generate_fault_schedule(rng, crashes, seconds(60), 3);
    const auto mixed = generate_fault_schedule(rng, both, seconds(60), 3);
    const std::set<FaultKind> crash_kinds = {FaultKind::crash, FaultKind::restart,
                                             FaultKind::amnesia_restart};
    BOOST_TEST(alone.size() > 10u);
    BOOST_TEST(mixed.size() > alone.size());
    BOOST_TEST((of_kinds(mixed, crash_kinds) == alone));
    BOOST_TEST((generate_fault_schedule(rng, both, seconds(60), 3) == mixed));
}

BOOST_AUTO_TEST_CASE(generated_schedules_fit_the_run) {
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        Rng rng(seed);
        const FaultProfile profile = swarm_fault_profile(rng);
        const auto faults = generate_fault_schedule(rng, profile, seconds(30), 1 + seed % 5);
        BOOST_TEST(!validate_faults(faults, seconds(30), 1 + seed % 5).has_value());
    }
    const auto one_node =
        generate_fault_schedule(Rng(1), only(FaultClass::partition, ms(100)), seconds(30), 1);
    BOOST_TEST(one_node.empty());
}

BOOST_AUTO_TEST_CASE(crashes_restart_after_their_downtime) {
    FaultProfile profile = only(FaultClass::crash, seconds(3));
    profile.downtime_max = seconds(1);
    profile.amnesia_probability = Ratio{1, 2};
    const auto faults = generate_fault_schedule(Rng(8), profile, seconds(120), 2);
    int crashes = 0, restarts = 0, amnesia = 0;
    for (const auto& entry : faults) {
        crashes += entry.kind == FaultKind::crash;
        restarts += entry.kind == FaultKind::restart;
        amnesia += entry.kind == FaultKind::amnesia_restart;
    }
    BOOST_TEST(crashes > 20);
    BOOST_TEST(crashes - (restarts + amnesia) <= 1);  // only a crash near the end stays down
    BOOST_TEST(amnesia > 0);
    BOOST_TEST(restarts > 0);
}

BOOST_AUTO_TEST_CASE(profiles_print_as_an_options_block_and_round_trip) {
    FaultProfile profile = only(FaultClass::pause, seconds(2));
    const ordered_json json = profile;
    const std::string block = format_options_block("faults", json);
    BOOST_TEST(block.find("faults.mean_interval_ns.crash = 0\n"
                          "faults.mean_interval_ns.pause = 2000000000\n") == 0u);
    BOOST_TEST(block.find("faults.amnesia_probability = \"0/1\"\n") != std::string::npos);
    const std::string last = "\nfaults.clock_jump_max_ns = 10000000000\n";
    BOOST_TEST(block.substr(block.size() - last.size()) == last);
    const auto back = fault_profile_from_json(json);
    BOOST_TEST_REQUIRE(back.ok());
    BOOST_TEST(ordered_json(back.value()).dump() == json.dump());
    const auto bad =
        fault_profile_from_json(ordered_json::parse(R"({"mean_interval_ns":{"meteor":1}})"));
    BOOST_TEST_REQUIRE(!bad.ok());
    BOOST_TEST(render_option_problem(bad.error()) ==
               "mean_interval_ns/meteor: unknown fault class \"meteor\"; use the names of "
               "docs/simulator.md#fault-classes");
}

BOOST_AUTO_TEST_SUITE_END()
