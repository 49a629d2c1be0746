#pragma once
// Shrinking: delta debugging (Zeller and Hildebrandt's ddmin, 2002) over the two lists of a
// failing scenario, its operations and its faults, while a predicate — "the run still fails with
// the same checker" — holds. The lists shrink in turns (operations, then faults, again until
// neither shrinks), each to a 1-minimal subset: removing any single remaining item makes the
// predicate false (unless the test budget ran out first, which the result says).
// Order is kept: a subset is always a subsequence, so "A before B" survives shrinking.
// Deterministic: the same predicate answers give the same calls and the same result; the
// predicate must itself be deterministic (a simulation run from the same seed is).

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/scenario_file.hpp"

namespace taskcheck::sim {

struct ShrinkOptions {
    std::uint64_t tests_max = 20'000;  // predicate calls at most; >= 1
};

struct ShrinkResult {
    std::vector<std::size_t> operations;  // indices kept, ascending
    std::vector<std::size_t> faults;      // indices kept, ascending
    std::uint64_t tests = 0;              // predicate calls made
    bool reproduced = true;  // false iff the predicate was false on the full lists (nothing kept
                             // is then meaningful: both lists are returned whole)
    bool budget_exhausted = false;  // tests_max reached; the result may not be 1-minimal
};

// Called with ascending index subsets of the operations and faults; true iff that sub-scenario
// still fails with the same checker.
using ShrinkPredicate = std::function<bool(const std::vector<std::size_t>& operations,
                                           const std::vector<std::size_t>& faults)>;

// Shrinks index lists 0..operation_count-1 and 0..fault_count-1. The first call is on the full
// lists. No subset is tested twice.
ShrinkResult shrink(std::size_t operation_count, std::size_t fault_count,
                    const ShrinkPredicate& still_fails, const ShrinkOptions& options = {});

// `scenario` with only the operations and faults at the given indices (order kept).
Scenario select_scenario(const Scenario& scenario, const std::vector<std::size_t>& operations,
                         const std::vector<std::size_t>& faults);

// shrink() over a scenario's workload and faults; returns the minimal scenario.
Scenario shrink_scenario(const Scenario& scenario,
                         const std::function<bool(const Scenario&)>& still_fails,
                         const ShrinkOptions& options = {}, ShrinkResult* result = nullptr);

}  // namespace taskcheck::sim
