// RapidCheck properties of the elasticsearch profile: workload operations AND faults are
// rc::state commands appended to one scenario, so RapidCheck shrinks both. Each property runs
// the scenario through the shared driver and requires a pass; each is shown to fire on a
// planted bug (the property run with that bug must fail). max_size stays at the default 100.
#include <rapidcheck.h>
#include <rapidcheck/boost_test.h>
#include <rapidcheck/state.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <memory>
#include <sstream>

#include "sim/driver.hpp"
#include "sim/es_profile.hpp"

namespace taskcheck::sim {
namespace {

constexpr std::uint32_t kNodes = 3;

struct Model {
    std::uint32_t trees = 0;
    std::uint32_t jobs = 0;
    Nanos at = 0;
};
using EsCommand = rc::state::Command<Model, Scenario>;

// One step of a scenario: after `gap`, an operation or a fault (or a crash and its restart).
struct Step final : EsCommand {
    Nanos gap = 0;
    std::optional<EsOperation> op;
    std::vector<FaultEntry> faults;  // `at` relative to the step

    void checkPreconditions(const Model& m) const override {
        if (!op) return;
        if (op->kind == EsOpKind::cancel_task || op->kind == EsOpKind::cancel_children)
            RC_PRE(op->tree < m.trees);
        if (op->kind == EsOpKind::update_persistent || op->kind == EsOpKind::complete_persistent)
            RC_PRE(std::stoul(op->id.substr(4)) < m.jobs);
    }
    void apply(Model& m) const override {
        m.at += gap;
        if (op && op->kind == EsOpKind::start_tree) ++m.trees;
        if (op && op->kind == EsOpKind::create_persistent) ++m.jobs;
    }
    void run(const Model& m, Scenario& s) const override {
        const Nanos at = m.at + gap;
        if (op) {
            EsOperation o = *op;
            o.at = at;
            if (o.kind == EsOpKind::start_tree) o.tree = m.trees;
            if (o.kind == EsOpKind::create_persistent) o.id = "job-" + std::to_string(m.jobs);
            nlohmann::ordered_json json;
            to_json(json, o);
            s.workload.push_back(std::move(json));
        }
        for (FaultEntry f : faults) {
            f.at += at;
            s.faults.push_back(std::move(f));
        }
    }
    void show(std::ostream& os) const override {
        os << "+" << gap / 1'000'000 << "ms";
        if (op) {
            nlohmann::ordered_json json;
            to_json(json, *op);
            os << " " << json.dump();
        }
        for (const FaultEntry& f : faults) {
            nlohmann::ordered_json json;
            to_json(json, f);
            os << " " << json.dump();
        }
    }
};

rc::Gen<NodeId> node_gen() {
    return rc::gen::inRange<NodeId>(0, kNodes);
}

std::shared_ptr<const EsCommand> fault_step(Nanos gap) {
    auto step = std::make_shared<Step>();
    step->gap = gap;
    FaultEntry f;
    f.node = *node_gen();
    f.duration = ms(*rc::gen::inRange(100, 6000));
    switch (*rc::gen::inRange(0, 5)) {
        case 0: {  // crash, restart later (maybe with amnesia)
            f.kind = FaultKind::crash;
            step->faults.push_back(f);
            f.at = f.duration;
            f.kind = *rc::gen::arbitrary<bool>() ? FaultKind::amnesia_restart : FaultKind::restart;
            break;
        }
        case 1:
            f.kind = FaultKind::isolate;
            break;
        case 2:
            f.kind = FaultKind::pause;
            break;
        case 3:
            f.kind = FaultKind::duplicate_burst;
            f.probability = Ratio{1, 2};
            break;
        default:
            f.kind = FaultKind::reorder_burst;
            f.probability = Ratio{1, 2};
            break;
    }
    step->faults.push_back(f);
    return step;
}

std::shared_ptr<const EsCommand> op_step(Nanos gap, const Model& m, bool trees) {
    auto step = std::make_shared<Step>();
    step->gap = gap;
    EsOperation op;
    op.node = *node_gen();
    const int pick = *rc::gen::inRange(0, 3);
    if (trees) {
        op.kind = pick == 0 || m.trees == 0 ? EsOpKind::start_tree
                  : pick == 1               ? EsOpKind::cancel_task
                                            : EsOpKind::cancel_children;
        op.fanout = *rc::gen::inRange<std::uint32_t>(1, 4);
        op.depth = *rc::gen::inRange<std::uint32_t>(0, 3);
        if (m.trees > 0) op.tree = *rc::gen::inRange<std::uint32_t>(0, m.trees);
    } else {
        op.kind = pick == 0 || m.jobs == 0 ? EsOpKind::create_persistent
                  : pick == 1              ? EsOpKind::update_persistent
                                           : EsOpKind::complete_persistent;
        op.name = *rc::gen::arbitrary<bool>() ? kEsJobA : kEsJobB;
        op.id =
            "job-" + std::to_string(m.jobs == 0 ? 0 : *rc::gen::inRange<std::uint32_t>(0, m.jobs));
    }
    step->op = op;
    return step;
}

rc::Gen<std::shared_ptr<const EsCommand>> step_gen(const Model& m, bool trees) {
    return rc::gen::exec([m, trees]() -> std::shared_ptr<const EsCommand> {
        const Nanos gap = ms(*rc::gen::inRange(0, 400));
        if (*rc::gen::inRange(0, 4) == 0) return fault_step(gap);
        return op_step(gap, m, trees);
    });
}

Scenario scenario_of(const rc::state::Commands<EsCommand>& commands) {
    Scenario s;
    s.profile = "elasticsearch";
    s.seed = 7;
    s.options.network.node_count = kNodes;
    EsProfileOptions options;
    options.task_run_min = ms(100);
    options.task_run_max = ms(1500);
    to_json(s.options.profile_options, options);
    rc::state::runAll(commands, Model{}, s);
    Nanos end = 0;
    for (const auto& c : commands)
        end += static_cast<const Step&>(*c).gap;
    for (const FaultEntry& f : s.faults)
        end = std::max(end, f.at);
    s.options.duration = end + seconds(1);
    std::stable_sort(s.faults.begin(), s.faults.end(),
                     [](const FaultEntry& a, const FaultEntry& b) { return a.at < b.at; });
    return s;
}

void require_pass(EsPlantedBug bug, bool trees) {
    const auto commands =
        *rc::state::gen::commands(Model{}, [trees](const Model& m) { return step_gen(m, trees); });
    const Scenario s = scenario_of(commands);
    elasticsearch_profile().validate(s, "property");
    const RunOutcome outcome = run_scenario(EsProfile(bug), s, TraceMode::off);
    if (!outcome.passed()) RC_FAIL(outcome.violation->invariant + ": " + outcome.violation->detail);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_properties)

RC_BOOST_PROP(cancelled_trees_never_run_under_a_ban, ()) {
    require_pass(EsPlantedBug::none, true);
}

RC_BOOST_PROP(persistent_tasks_are_fenced_kept_and_balanced, ()) {
    require_pass(EsPlantedBug::none, false);
}

BOOST_AUTO_TEST_CASE(cancellation_property_fires_on_ban_skips_children) {
    BOOST_TEST(!rc::check("ban_skips_children",
                          [] { require_pass(EsPlantedBug::ban_skips_children, true); }));
}

BOOST_AUTO_TEST_CASE(reassignment_property_fires_on_drop_tasks_of_lost_node) {
    BOOST_TEST(!rc::check("drop_tasks_of_lost_node",
                          [] { require_pass(EsPlantedBug::drop_tasks_of_lost_node, false); }));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
