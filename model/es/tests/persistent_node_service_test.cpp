// The executor-node side of persistent tasks: local registration, local cancellation when the
// allocation disappears, and the completion rules of AllocatedPersistentTask
// (spec/elasticsearch.md §5.3, §7.3).
#include "model/es/persistent_node_service.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::es;
using taskcheck::Nanos;
using Json = nlohmann::ordered_json;

namespace {

DiscoveryNode data_node(const std::string& id) {
    DiscoveryNode node;
    node.id = id;
    node.name = id;
    node.roles = {"data"};
    return node;
}

// A master and two executor nodes d1, d2, each with its own task manager; every command's
// published states are applied to both nodes, as cluster-state publication does.
struct Cluster {
    PersistentTasksService master{{"rollup"}};
    TaskManager tm1{"d1"}, tm2{"d2"};
    PersistentNodeService n1{"d1"}, n2{"d2"};
    std::vector<NodeId> shuffle{"d1", "d2"};
    Nanos now = 1'000'000'000;

    Cluster() { master.set_nodes({{data_node("d1"), data_node("d2")}, {}}, now, shuffle); }

    void publish() {
        for (const PersistentTasksMetadata& state : master.published()) {
            n1.apply(state, tm1, now);
            n2.apply(state, tm2, now);
        }
    }
    void create(const std::string& id) {
        master.create({id, "rollup", std::nullopt}, now, shuffle).value();
        publish();
    }
    void send(const std::optional<CompletionRequest>& request) {
        BOOST_REQUIRE(request.has_value());
        master.complete(*request, now, shuffle).value();
        publish();
    }
};

std::string status(const TaskManager& tm, std::int64_t number) {
    return tm.find(number)->status->dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_persistent_node_service)

BOOST_AUTO_TEST_CASE(assigned_task_is_registered_as_a_persistent_child_of_its_allocation) {
    Cluster c;
    c.create("job");
    const Task& task = *c.tm1.find(1);
    BOOST_TEST(to_string(task.type) == "persistent");
    BOOST_TEST(task.action == "rollup[c]");
    BOOST_TEST(task.description == "id=job");
    BOOST_TEST(task.parent.to_string() == "cluster:1");
    BOOST_TEST(task.cancellable);
    BOOST_TEST(task.status->dump() == R"({"state":"STARTED"})");
    BOOST_TEST(task.start_time == c.now);
    BOOST_TEST(c.tm2.tasks().empty());
}

BOOST_AUTO_TEST_CASE(the_same_allocation_is_started_once) {
    Cluster c;
    c.create("job");
    const NodeApplyOutcome again = c.n1.apply(*c.master.metadata(), c.tm1, c.now);
    BOOST_TEST(again.started.empty());
    BOOST_TEST(c.tm1.tasks().size() == 1u);
}

BOOST_AUTO_TEST_CASE(removed_task_is_cancelled_locally_without_telling_the_master) {
    Cluster c;
    c.create("job");
    c.master.remove("job", c.now, c.shuffle).value();
    const NodeApplyOutcome outcome = c.n1.apply(c.master.published().back(), c.tm1, c.now);
    BOOST_TEST(outcome.cancelled == std::vector<AllocationId>{1});
    const Task& task = *c.tm1.find(1);
    BOOST_TEST(task.cancelled);
    BOOST_TEST(task.cancel_reason == "task has been removed, cancelling locally");
    BOOST_TEST(task.status->dump() == R"({"state":"PENDING_CANCEL"})");
    // The executor then finishes: nothing is sent and the task is gone at once.
    const auto done = c.n1.mark_as_completed(1, c.tm1);
    BOOST_TEST(!done.value().has_value());
    BOOST_TEST(c.tm1.find(1) == nullptr);
    BOOST_TEST(to_string(c.n1.find(1)->state) == "COMPLETED");
}

BOOST_AUTO_TEST_CASE(node_loss_moves_the_task_and_the_new_node_starts_the_new_allocation) {
    Cluster c;
    c.create("job");  // d1, allocation 1
    c.master.set_nodes({{data_node("d2")}, {}}, c.now, {});
    c.publish();
    // d2 saw allocation 2 (unassigned) and then 3 (its own).
    const Task& moved = *c.tm2.find(1);
    BOOST_TEST(moved.parent.to_string() == "cluster:3");
    BOOST_TEST(c.n2.find(3) != nullptr);
}

BOOST_AUTO_TEST_CASE(completion_from_started_is_sent_and_unregisters_on_acknowledgement) {
    Cluster c;
    c.create("job");
    const auto request = c.n1.mark_as_completed(1, c.tm1).value();
    BOOST_TEST(request->task_id.value() == "job");
    BOOST_TEST(request->allocation_id == 1);
    BOOST_TEST(!request->failure.has_value());
    BOOST_TEST(status(c.tm1, 1) == R"({"state":"COMPLETED"})");
    c.send(request);
    c.n1.completion_acknowledged(1, c.tm1);
    BOOST_TEST(c.tm1.find(1) == nullptr);
    // The allocation is gone from the state it applied: the entry was forgotten.
    BOOST_TEST(c.n1.find(1) == nullptr);
    BOOST_TEST(c.master.metadata()->tasks().empty());
}

BOOST_AUTO_TEST_CASE(spec_7_3_failed_task_is_removed_and_not_restarted_anywhere) {
    Cluster c;
    c.create("job");
    EsError failure;
    failure.type = "runtime_exception";
    failure.reason = "disk full";
    const auto request = c.n1.mark_as_failed(1, failure, c.tm1).value();
    BOOST_TEST(request->failure->reason == "disk full");
    c.send(request);
    c.n1.completion_acknowledged(1, c.tm1);
    // A field the path names is kept whole, so the empty array stays.
    BOOST_TEST(c.master.render_cluster_state("metadata.persistent_tasks.tasks").dump() ==
               R"({"metadata":{"persistent_tasks":{"tasks":[]}}})");
    BOOST_TEST(c.tm1.tasks().empty());
    BOOST_TEST(c.tm2.tasks().empty());
}

BOOST_AUTO_TEST_CASE(failure_after_a_user_cancel_counts_as_success) {
    Cluster c;
    c.create("job");
    c.tm1.cancel(1, "by user request");
    EsError failure;
    failure.type = "task_cancelled_exception";
    failure.reason = "task cancelled [by user request]";
    const auto request = c.n1.mark_as_failed(1, failure, c.tm1).value();
    BOOST_TEST(!request->failure.has_value());
}

BOOST_AUTO_TEST_CASE(local_abort_then_reassignment_to_the_same_node_starts_a_new_local_task) {
    Cluster c;
    c.shuffle = {"d1", "d2"};
    c.create("job");
    const auto request = c.n1.mark_as_locally_aborted(1, "not enough memory", c.tm1).value();
    BOOST_TEST(request->local_abort_reason.value() == "not enough memory");
    BOOST_TEST(status(c.tm1, 1) == R"({"state":"LOCAL_ABORTED"})");
    c.send(request);  // unassigned as allocation 2, reassigned to d1 as allocation 3
    c.n1.completion_acknowledged(1, c.tm1);
    BOOST_TEST(c.n1.find(1) == nullptr);
    BOOST_TEST(c.tm1.find(2)->parent.to_string() == "cluster:3");
    BOOST_TEST(c.tm1.find(1) == nullptr);
}

BOOST_AUTO_TEST_CASE(finishing_twice_the_same_way_is_ignored_mixing_is_an_error) {
    Cluster c;
    c.create("job");
    BOOST_TEST(c.n1.mark_as_completed(1, c.tm1).value().has_value());
    BOOST_TEST(!c.n1.mark_as_completed(1, c.tm1).value().has_value());
    const auto mixed = c.n1.mark_as_locally_aborted(1, "x", c.tm1);
    BOOST_TEST(to_throwable_json(mixed.error()).dump() ==
               R"({"type":"illegal_state_exception","reason":"attempt to locally abort task )"
               R"([rollup[c]] with id [job] which has been completed"})");
}

BOOST_AUTO_TEST_CASE(completing_a_locally_aborted_task_is_an_error) {
    Cluster c;
    c.create("job");
    c.n1.mark_as_locally_aborted(1, "x", c.tm1).value();
    BOOST_TEST(c.n1.mark_as_completed(1, c.tm1).error().reason ==
               "attempt to complete task [rollup[c]] with id [job] which has been locally aborted");
}

BOOST_AUTO_TEST_SUITE_END()
