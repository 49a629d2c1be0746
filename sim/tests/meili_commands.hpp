#pragma once
// RapidCheck state commands for `meilisearch` scenarios: the workload AND the faults are
// commands, so RapidCheck shrinks both (issue 4 "Property suites"). Each command advances the
// scenario clock by a gap of 0..30 ms and appends one operation or fault to a
// MeiliScenarioBuilder (the system under test is the scenario being written; the simulation
// runs once the sequence is complete).

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <string>
#include <vector>

#include "sim/tests/meili_scenario_builder.hpp"

namespace taskcheck::sim::testing {

struct ScenarioClock {
    std::int64_t now_ms = 0;
};

using MeiliCommand = rc::state::Command<ScenarioClock, MeiliScenarioBuilder>;

// The generators drawn most often, each built once (a function-local constant): a Gen is an
// immutable value, and building one per draw — its shared state, and for `element` a copy of
// every choice — was a large part of generating a 100-step case. Drawing from the same generator
// gives the same values as drawing from a fresh one.
inline const rc::Gen<std::int64_t>& gap_ms_gen() {
    static const auto gen = rc::gen::inRange<std::int64_t>(0, 31);
    return gen;
}
inline const rc::Gen<int>& index_number_gen() {
    static const auto gen = rc::gen::inRange(0, 2);
    return gen;
}
inline const rc::Gen<std::uint32_t>& documents_gen() {
    static const auto gen = rc::gen::inRange<std::uint32_t>(1, 6);
    return gen;
}
inline const rc::Gen<bool>& bad_document_gen() {
    static const auto gen = rc::gen::element(false, false, false, true);
    return gen;
}
inline const rc::Gen<std::string>& filter_query_gen() {
    static const auto gen = rc::gen::element<std::string>(
        "statuses=enqueued,processing", "indexUids=idx0", "indexUids=idx1", "uids=0,1,2",
        "uids=3,4", "types=documentAdditionOrUpdate", "statuses=*");
    return gen;
}

// One step: a gap, then something at now + gap.
struct TimedCommand : MeiliCommand {
    std::int64_t gap_ms = *gap_ms_gen();
    void apply(ScenarioClock& clock) const override { clock.now_ms += gap_ms; }
    std::int64_t at(const ScenarioClock& clock) const { return clock.now_ms + gap_ms; }
};

inline std::string index_gen() {
    return "idx" + std::to_string(*index_number_gen());
}

struct AddDocuments : TimedCommand {
    std::string index = index_gen();
    std::uint32_t docs = *documents_gen();
    bool bad = *bad_document_gen();
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        b.add(at(c), index, docs, bad);
    }
    void show(std::ostream& o) const override {
        o << "add " << index << " docs=" << docs << (bad ? " bad" : "") << " +" << gap_ms;
    }
};

inline std::string filter_gen() {
    return *filter_query_gen();
}

struct CancelTasks : TimedCommand {
    std::string query = filter_gen();
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        b.cancel(at(c), query);
    }
    void show(std::ostream& o) const override { o << "cancel " << query << " +" << gap_ms; }
};

struct DeleteTasks : TimedCommand {
    std::string query = *rc::gen::element<std::string>("statuses=succeeded,failed,canceled",
                                                       "uids=0,1", "statuses=*");
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        b.delete_tasks(at(c), query);
    }
    void show(std::ostream& o) const override { o << "delete " << query << " +" << gap_ms; }
};

struct ListTasks : TimedCommand {
    std::string query =
        "limit=" + std::to_string(*rc::gen::inRange(1, 4)) +
        *rc::gen::element<std::string>("", "&statuses=succeeded,failed", "&indexUids=idx0");
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        b.list(at(c), query);
    }
    void show(std::ostream& o) const override { o << "list " << query << " +" << gap_ms; }
};

// Crash now, restart 1..50 ms later — half the time as power loss (amnesia_restart: unsynced
// journal entries are lost).
struct CrashRestart : TimedCommand {
    std::int64_t down_ms = *rc::gen::inRange<std::int64_t>(1, 51);
    bool amnesia = *rc::gen::arbitrary<bool>();
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        b.crash(at(c)).fault(at(c) + down_ms,
                             amnesia ? FaultKind::amnesia_restart : FaultKind::restart);
    }
    void show(std::ostream& o) const override {
        o << "crash, " << (amnesia ? "amnesia " : "") << "restart after " << down_ms << "ms +"
          << gap_ms;
    }
};

// A windowed fault on the instance or its links: pause, drop, duplicate or reorder burst.
struct WindowFault : TimedCommand {
    FaultKind kind = *rc::gen::element(FaultKind::pause, FaultKind::drop_burst,
                                       FaultKind::duplicate_burst, FaultKind::reorder_burst);
    std::int64_t window_ms = *rc::gen::inRange<std::int64_t>(1, 40);
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        FaultEntry entry;
        entry.at = ms(at(c));
        entry.kind = kind;
        entry.duration = ms(window_ms);
        if (kind != FaultKind::pause) entry.probability = Ratio{1, 2};
        b.fault_entry(entry);
    }
    void show(std::ostream& o) const override {
        o << fault_kind_name(kind) << " " << window_ms << "ms +" << gap_ms;
    }
};

struct ClockJump : TimedCommand {
    std::int64_t by_ms = *rc::gen::inRange<std::int64_t>(-2000, 2001);
    void run(const ScenarioClock& c, MeiliScenarioBuilder& b) const override {
        FaultEntry entry;
        entry.at = ms(at(c));
        entry.kind = FaultKind::clock_jump;
        entry.amount = ms(by_ms);
        b.fault_entry(entry);
    }
    void show(std::ostream& o) const override { o << "clock_jump " << by_ms << "ms +" << gap_ms; }
};

// A generated command sequence written into a scenario.
inline Scenario generated_scenario() {
    const ScenarioClock start;
    const auto commands = *rc::state::gen::commands(
        start, rc::state::gen::execOneOfWithArgs<AddDocuments, AddDocuments, AddDocuments,
                                                 CancelTasks, DeleteTasks, ListTasks, CrashRestart,
                                                 WindowFault, ClockJump>());
    MeiliScenarioBuilder builder;
    rc::state::runAll(commands, start, builder);
    return std::move(builder).build();
}

}  // namespace taskcheck::sim::testing
