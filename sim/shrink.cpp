#include "sim/shrink.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "model/common/assert.hpp"

namespace taskcheck::sim {

namespace {

using Indices = std::vector<std::size_t>;

// One ddmin pass over one of the two lists; the other is held fixed by the caller's `test`.
class ListShrinker {
  public:
    ListShrinker(std::function<bool(const Indices&)> test) : test_(std::move(test)) {}

    // The 1-minimal subsequence of `items` (or the best found before `test` refused to run).
    Indices run(Indices items);

  private:
    bool try_subset(const Indices& subset) {
        if (!tried_.insert(subset).second) return false;
        return test_(subset);
    }
    static Indices chunk(const Indices& items, std::size_t n, std::size_t i, bool complement);

    std::function<bool(const Indices&)> test_;
    std::set<Indices> tried_;
};

Indices ListShrinker::chunk(const Indices& items, std::size_t n, std::size_t i, bool complement) {
    const std::size_t begin = i * items.size() / n;
    const std::size_t end = (i + 1) * items.size() / n;
    Indices out;
    for (std::size_t k = 0; k < items.size(); ++k) {
        if ((k >= begin && k < end) != complement) out.push_back(items[k]);
    }
    return out;
}

Indices ListShrinker::run(Indices items) {
    if (!items.empty() && try_subset({})) return {};
    std::size_t n = 2;
    while (items.size() >= 2) {
        n = std::min(n, items.size());
        bool reduced = false;
        for (std::size_t i = 0; i < n && !reduced; ++i) {
            Indices subset = chunk(items, n, i, false);
            if (try_subset(subset)) {
                items = std::move(subset);
                n = 2;
                reduced = true;
            }
        }
        for (std::size_t i = 0; i < n && !reduced && n > 2; ++i) {
            Indices rest = chunk(items, n, i, true);
            if (try_subset(rest)) {
                items = std::move(rest);
                n = std::max<std::size_t>(n - 1, 2);
                reduced = true;
            }
        }
        if (reduced) continue;
        if (n >= items.size()) break;
        n = std::min(n * 2, items.size());
    }
    return items;
}

Indices all_indices(std::size_t count) {
    Indices out(count);
    std::iota(out.begin(), out.end(), std::size_t{0});
    return out;
}

}  // namespace

ShrinkResult shrink(std::size_t operation_count, std::size_t fault_count,
                    const ShrinkPredicate& still_fails, const ShrinkOptions& options) {
    TC_ASSERT_GE(options.tests_max, 1u);
    ShrinkResult result;
    result.operations = all_indices(operation_count);
    result.faults = all_indices(fault_count);
    const auto call = [&](const Indices& operations, const Indices& faults) {
        if (result.tests >= options.tests_max) {
            result.budget_exhausted = true;
            return false;
        }
        ++result.tests;
        return still_fails(operations, faults);
    };
    if (!call(result.operations, result.faults)) {
        result.reproduced = false;
        return result;
    }
    while (!result.budget_exhausted) {
        const std::size_t before = result.operations.size() + result.faults.size();
        result.operations = ListShrinker([&](const Indices& subset) {
                                return call(subset, result.faults);
                            }).run(result.operations);
        result.faults = ListShrinker([&](const Indices& subset) {
                            return call(result.operations, subset);
                        }).run(result.faults);
        if (result.operations.size() + result.faults.size() == before) break;
    }
    return result;
}

Scenario select_scenario(const Scenario& scenario, const std::vector<std::size_t>& operations,
                         const std::vector<std::size_t>& faults) {
    Scenario out = scenario;
    out.trace_hash.reset();  // a sub-scenario's run is a different run
    out.workload.clear();
    out.faults.clear();
    for (const std::size_t i : operations)
        out.workload.push_back(scenario.workload.at(i));
    for (const std::size_t i : faults)
        out.faults.push_back(scenario.faults.at(i));
    return out;
}

Scenario shrink_scenario(const Scenario& scenario,
                         const std::function<bool(const Scenario&)>& still_fails,
                         const ShrinkOptions& options, ShrinkResult* result) {
    const ShrinkResult shrunk = shrink(
        scenario.workload.size(), scenario.faults.size(),
        [&](const Indices& operations, const Indices& faults) {
            return still_fails(select_scenario(scenario, operations, faults));
        },
        options);
    if (result) *result = shrunk;
    return select_scenario(scenario, shrunk.operations, shrunk.faults);
}

}  // namespace taskcheck::sim
