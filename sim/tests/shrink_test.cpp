// Shrinking: ddmin over operations and faults reaches the exact culprits, keeps order, is
// deterministic, and reports when it could not reproduce or ran out of budget.
#include "sim/shrink.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>

using namespace taskcheck;
using namespace taskcheck::sim;
using Indices = std::vector<std::size_t>;

namespace {

bool has(const Indices& items, std::size_t item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

// Fails iff operation 123 (A) comes before some operation 877 or 40 (B) and fault 444 (X) is in.
// Operation 40 is a B that comes before A, so it cannot satisfy the predicate on its own.
bool a_before_b_with_x(const Indices& operations, const Indices& faults) {
    const auto a = std::find(operations.begin(), operations.end(), 123);
    if (a == operations.end() || !has(faults, 444)) return false;
    return std::find(a, operations.end(), 877) != operations.end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shrink_lists)

BOOST_AUTO_TEST_CASE(thousand_items_shrink_to_exactly_the_culprits) {
    const ShrinkResult result = shrink(1000, 1000, a_before_b_with_x);
    BOOST_TEST(result.reproduced);
    BOOST_TEST(!result.budget_exhausted);
    BOOST_TEST(result.operations == (Indices{123, 877}));
    BOOST_TEST(result.faults == (Indices{444}));
    BOOST_TEST(result.tests < 400u);
}

BOOST_AUTO_TEST_CASE(shrinking_is_deterministic) {
    std::vector<std::pair<Indices, Indices>> calls_a;
    std::vector<std::pair<Indices, Indices>> calls_b;
    const auto recording = [](auto& calls) {
        return [&calls](const Indices& operations, const Indices& faults) {
            calls.emplace_back(operations, faults);
            return a_before_b_with_x(operations, faults);
        };
    };
    const ShrinkResult first = shrink(300, 200, recording(calls_a));
    const ShrinkResult second = shrink(300, 200, recording(calls_b));
    BOOST_TEST(first.tests == second.tests);
    BOOST_TEST((calls_a == calls_b));
    BOOST_TEST(calls_a.front().first.size() == 300u);
    BOOST_TEST(calls_a.front().second.size() == 200u);
}

BOOST_AUTO_TEST_CASE(the_result_is_one_minimal) {
    // Fails iff at least three operations divisible by 7 are present: any three will do, and
    // removing any one of the three must stop the failure.
    const auto three_sevens = [](const Indices& operations, const Indices&) {
        return std::count_if(operations.begin(), operations.end(),
                             [](std::size_t i) { return i % 7 == 0; }) >= 3;
    };
    const ShrinkResult result = shrink(500, 10, three_sevens);
    BOOST_TEST(result.operations.size() == 3u);
    for (std::size_t i : result.operations)
        BOOST_TEST(i % 7 == 0);
    BOOST_TEST(result.faults.empty());
}

BOOST_AUTO_TEST_CASE(a_failure_that_does_not_reproduce_keeps_everything) {
    const ShrinkResult result = shrink(5, 3, [](const Indices&, const Indices&) { return false; });
    BOOST_TEST(!result.reproduced);
    BOOST_TEST(result.tests == 1u);
    BOOST_TEST(result.operations == (Indices{0, 1, 2, 3, 4}));
    BOOST_TEST(result.faults == (Indices{0, 1, 2}));
}

BOOST_AUTO_TEST_CASE(the_budget_bounds_the_calls) {
    ShrinkOptions options;
    options.tests_max = 10;
    const ShrinkResult result = shrink(1000, 1000, a_before_b_with_x, options);
    BOOST_TEST(result.budget_exhausted);
    BOOST_TEST(result.tests == 10u);
    BOOST_TEST(a_before_b_with_x(result.operations, result.faults));
}

BOOST_AUTO_TEST_CASE(scenarios_shrink_their_workload_and_faults) {
    Scenario scenario;
    scenario.profile = "meilisearch";
    scenario.options.duration = seconds(10);
    for (int i = 0; i < 50; ++i) {
        scenario.workload.push_back({{"op", i == 30 ? "bad" : "noise"}, {"n", i}});
    }
    for (int i = 0; i < 20; ++i) {
        scenario.faults.push_back(
            {ms(i), i == 7 ? FaultKind::crash : FaultKind::task_failure, 0, 0, {}, {}, 0});
    }
    const auto bad_op_and_crash = [](const Scenario& s) {
        const bool bad = std::any_of(s.workload.begin(), s.workload.end(),
                                     [](const auto& op) { return op["op"] == "bad"; });
        const bool crash = std::any_of(s.faults.begin(), s.faults.end(),
                                       [](const auto& f) { return f.kind == FaultKind::crash; });
        return bad && crash;
    };
    const Scenario minimal = shrink_scenario(scenario, bad_op_and_crash);
    BOOST_TEST_REQUIRE(minimal.workload.size() == 1u);
    BOOST_TEST(minimal.workload[0].dump() == R"({"op":"bad","n":30})");
    BOOST_TEST_REQUIRE(minimal.faults.size() == 1u);
    BOOST_TEST(minimal.faults[0].at == ms(7));
    BOOST_TEST(minimal.seed == scenario.seed);
}

BOOST_AUTO_TEST_SUITE_END()
