#pragma once
// MeiliScenarioBuilder: the vocabulary sim/tests use to write `meilisearch` scenarios by hand —
// add(at, index, documents), cancel(at, query), list(at, query), crash(at), restart(at) — on a
// network with a fixed 1 ms one-way delay, so a test can reason about exact times.
// Times are in milliseconds of simulated time.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/driver.hpp"
#include "sim/meili_operation.hpp"
#include "sim/meili_options.hpp"
#include "sim/meili_profile.hpp"

namespace taskcheck::sim::testing {

class MeiliScenarioBuilder {
  public:
    explicit MeiliScenarioBuilder(std::uint64_t seed = 1) {
        scenario_.profile = "meilisearch";
        scenario_.seed = seed;
        scenario_.options.duration = seconds(10);
        scenario_.options.network.node_count = 2;
        scenario_.options.network.one_way_delay_min = ms(1);
        scenario_.options.network.one_way_delay_mean = ms(1);
        options_.clients = 1;
        options_.batch_cost_base = ms(10);
        options_.batch_cost_per_task = 0;
        options_.batch_cost_per_document = 0;
    }

    MeiliScenarioBuilder& add(std::int64_t at_ms, const std::string& index, std::uint32_t docs,
                              bool bad = false) {
        MeiliOperation op = base(at_ms, MeiliOpKind::add_documents);
        op.index = index;
        op.documents = docs;
        op.bad_document = bad;
        return push(op);
    }
    MeiliScenarioBuilder& create_index(std::int64_t at_ms, const std::string& index) {
        MeiliOperation op = base(at_ms, MeiliOpKind::create_index);
        op.index = index;
        return push(op);
    }
    MeiliScenarioBuilder& query_op(std::int64_t at_ms, MeiliOpKind kind, const std::string& q) {
        MeiliOperation op = base(at_ms, kind);
        op.query = q;
        return push(op);
    }
    MeiliScenarioBuilder& cancel(std::int64_t at_ms, const std::string& query) {
        return query_op(at_ms, MeiliOpKind::cancel_tasks, query);
    }
    MeiliScenarioBuilder& delete_tasks(std::int64_t at_ms, const std::string& query) {
        return query_op(at_ms, MeiliOpKind::delete_tasks, query);
    }
    MeiliScenarioBuilder& list(std::int64_t at_ms, const std::string& query) {
        return query_op(at_ms, MeiliOpKind::list_tasks, query);
    }
    MeiliScenarioBuilder& fault(std::int64_t at_ms, FaultKind kind) {
        FaultEntry entry;
        entry.at = ms(at_ms);
        entry.kind = kind;
        scenario_.faults.push_back(entry);
        return *this;
    }
    // A fault entry with every field given (windows, probabilities, amounts).
    MeiliScenarioBuilder& fault_entry(const FaultEntry& entry) {
        scenario_.faults.push_back(entry);
        return *this;
    }
    MeiliScenarioBuilder& crash(std::int64_t at_ms) { return fault(at_ms, FaultKind::crash); }
    MeiliScenarioBuilder& restart(std::int64_t at_ms) { return fault(at_ms, FaultKind::restart); }
    MeiliScenarioBuilder& batch_cost(std::int64_t ms_each) {
        options_.batch_cost_base = ms(ms_each);
        return *this;
    }

    Scenario build() const& {
        Scenario out = scenario_;
        finish(out);
        return out;
    }
    // The same without copying the workload (the builder is spent).
    Scenario build() && {
        Scenario out = std::move(scenario_);
        finish(out);
        return out;
    }

  private:
    void finish(Scenario& out) const {
        to_json(out.options.profile_options, options_);
        std::stable_sort(out.faults.begin(), out.faults.end(),
                         [](const FaultEntry& a, const FaultEntry& b) { return a.at < b.at; });
    }
    MeiliOperation base(std::int64_t at_ms, MeiliOpKind kind) const {
        MeiliOperation op;
        op.at = ms(at_ms);
        op.kind = kind;
        return op;
    }
    MeiliScenarioBuilder& push(const MeiliOperation& op) {
        nlohmann::ordered_json json;
        to_json(json, op);
        scenario_.workload.push_back(std::move(json));
        return *this;
    }

    Scenario scenario_;
    MeiliProfileOptions options_;
};

}  // namespace taskcheck::sim::testing
