// The elasticsearch checkers over hand-built histories: each fires on the first bad record with
// the exact violation, and stays quiet on the legal sequence next to it (STYLE.md §12).
#include "sim/checkers/es_checkers.hpp"

#include <boost/test/unit_test.hpp>

#include "sim/checkers/es_allocation_ids.hpp"
#include "sim/checkers/es_cancellation.hpp"
#include "sim/checkers/es_least_loaded.hpp"
#include "sim/checkers/es_no_task_lost.hpp"
#include "sim/checkers/es_stale_rejected.hpp"

namespace taskcheck::sim {
namespace {

struct History {
    std::vector<EsRecord> records;

    EsRecord& add(EsRecordKind kind, NodeId node) {
        EsRecord r;
        r.kind = kind;
        r.node = node;
        r.at = static_cast<Nanos>(records.size()) * ms(1);
        records.push_back(std::move(r));
        return records.back();
    }
    void registered(NodeId node, std::int64_t task, std::string parent) {
        add(EsRecordKind::task_registered, node).task = task;
        records.back().parent = std::move(parent);
    }
    void step(NodeId node, std::int64_t task) { add(EsRecordKind::task_step, node).task = task; }
    void ban(NodeId node, std::string parent) {
        add(EsRecordKind::ban_placed, node).parent = std::move(parent);
    }
    void cancelled(NodeId node, std::int64_t task) {
        add(EsRecordKind::task_cancelled, node).task = task;
    }
    void published(std::int64_t last, std::vector<EsPublishedTask> tasks,
                   std::vector<std::string> members = {"es-0", "es-1", "es-2"}) {
        EsRecord& r = add(EsRecordKind::published, 0);
        r.version = records.size();
        r.allocation_id = last;
        r.tasks = std::move(tasks);
        r.members = std::move(members);
    }
    void persistent(bool accepted, std::string what, std::string id, std::int64_t allocation) {
        EsRecord& r = add(
            accepted ? EsRecordKind::persistent_accepted : EsRecordKind::persistent_rejected, 0);
        r.text = std::move(what);
        r.id = std::move(id);
        r.allocation_id = allocation;
        if (!accepted) r.reason = "not found";
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(es_checkers)

BOOST_AUTO_TEST_CASE(cancellation_accepts_children_that_run_before_the_ban_arrives) {
    // Bans travel over the network: a child may run until its node learns of the ban.
    History h;
    h.registered(1, 1, "es-0:1");
    h.step(1, 1);
    h.ban(1, "es-0:1");
    h.cancelled(1, 1);
    h.add(EsRecordKind::task_finished, 1).task = 1;
    BOOST_TEST(!check_es_cancellation(h.records).has_value());
}

BOOST_AUTO_TEST_CASE(cancellation_fires_on_a_child_registered_under_a_ban) {
    History h;
    h.ban(2, "es-0:7");
    h.registered(2, 3, "es-0:7");
    const auto v = check_es_cancellation(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->invariant == "check_es_cancellation");
    BOOST_TEST(v->event_index == 1u);
    BOOST_TEST(v->node == "es-2");
    BOOST_TEST(v->expected == "task_rejected");
    BOOST_TEST(v->found == "task_registered");
    BOOST_TEST(v->detail == "task=3 parent=es-0:7: child registered under a ban on es-2");
}

BOOST_AUTO_TEST_CASE(cancellation_fires_on_a_child_running_after_the_ban_reached_it) {
    History h;
    h.registered(1, 4, "es-0:2");
    h.ban(1, "es-0:2");
    h.step(1, 4);
    const auto v = check_es_cancellation(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->event_index == 2u);
    BOOST_TEST(v->expected == "task_cancelled when the ban arrived");
    BOOST_TEST(v->found == "task_step");
    BOOST_TEST(v->detail == "task=4 parent=es-0:2: ran after the ban on its parent reached es-1");
}

BOOST_AUTO_TEST_CASE(cancellation_fires_on_a_cancelled_task_that_keeps_running) {
    History h;
    h.registered(0, 1, "unset");
    h.cancelled(0, 1);
    h.step(0, 1);
    const auto v = check_es_cancellation(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->event_index == 2u);
    BOOST_TEST(v->detail == "task=1: ran after it was cancelled");
}

BOOST_AUTO_TEST_CASE(cancellation_forgets_a_node_that_restarted) {
    // Task ids restart at 1 on a restarted node; the old task 1's state must not carry over.
    History h;
    h.registered(1, 1, "unset");
    h.cancelled(1, 1);
    h.add(EsRecordKind::crash, 1);
    h.add(EsRecordKind::restart, 1);
    h.registered(1, 1, "unset");
    h.step(1, 1);
    BOOST_TEST(!check_es_cancellation(h.records).has_value());
}

BOOST_AUTO_TEST_CASE(allocation_ids_fire_when_two_tasks_share_an_id) {
    History h;
    h.published(2, {{"job-0", "sim/job-a", 1, "es-1"}, {"job-1", "sim/job-a", 2, "es-2"}});
    h.published(3, {{"job-0", "sim/job-a", 3, "es-0"}, {"job-1", "sim/job-a", 3, "es-2"}});
    const auto v = check_es_allocation_ids(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->invariant == "check_es_allocation_ids");
    BOOST_TEST(v->event_index == 1u);
    BOOST_TEST(v->expected == "one task per allocation id");
    BOOST_TEST(v->detail == "version=2 task=job-1: shares allocation id 3 with job-0");
}

BOOST_AUTO_TEST_CASE(allocation_ids_fire_when_a_moved_task_keeps_a_low_id) {
    History h;
    h.published(3, {{"job-0", "sim/job-a", 3, "es-1"}});
    h.published(4, {{"job-0", "sim/job-a", 2, "es-0"}});
    const auto v = check_es_allocation_ids(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->expected == ">= 3");
    BOOST_TEST(v->found == "2");
    BOOST_TEST(v->detail == "version=2 task=job-0: allocation id went back");
}

BOOST_AUTO_TEST_CASE(allocation_ids_start_a_new_lifetime_after_a_full_restart) {
    // §5.1: a full restart reloads every task with allocation id 0.
    History h;
    h.published(5, {{"job-0", "sim/job-a", 5, "es-1"}});
    h.add(EsRecordKind::master_elected, 0).flag = true;
    h.published(5, {{"job-0", "sim/job-a", 0, ""}});
    h.published(6, {{"job-0", "sim/job-a", 6, "es-0"}});
    BOOST_TEST(!check_es_allocation_ids(h.records).has_value());
}

BOOST_AUTO_TEST_CASE(stale_rejected_fires_when_an_old_allocation_is_accepted) {
    History h;
    h.published(1, {{"job-0", "sim/job-a", 1, "es-1"}});
    h.persistent(true, "update", "job-0", 1);
    h.published(2, {{"job-0", "sim/job-a", 2, "es-2"}});
    h.persistent(false, "update", "job-0", 1);
    h.persistent(true, "complete", "job-0", 1);
    const auto v = check_es_stale_rejected(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->invariant == "check_es_stale_rejected");
    BOOST_TEST(v->event_index == 4u);
    BOOST_TEST(v->expected == "rejected (current allocation 2)");
    BOOST_TEST(v->found == "persistent_accepted allocation 1");
    BOOST_TEST(v->detail == "task=job-0: stale complete from allocation 1 accepted");
}

BOOST_AUTO_TEST_CASE(stale_rejected_fires_when_the_current_allocation_is_refused) {
    History h;
    h.published(1, {{"job-0", "sim/job-a", 1, "es-1"}});
    h.persistent(false, "update", "job-0", 1);
    const auto v = check_es_stale_rejected(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->detail == "task=job-0: update from the current allocation rejected: not found");
}

BOOST_AUTO_TEST_CASE(no_task_lost_fires_when_a_created_task_vanishes) {
    History h;
    h.persistent(true, "create", "job-0", 1);
    h.published(1, {{"job-0", "sim/job-a", 1, "es-1"}});
    h.persistent(true, "create", "job-1", 2);
    h.persistent(true, "complete", "job-0", 1);
    h.published(2, {{"job-1", "sim/job-a", 2, "es-2"}});
    h.published(3, {});
    const auto v = check_es_no_task_lost(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->invariant == "check_es_no_task_lost");
    BOOST_TEST(v->event_index == 5u);
    BOOST_TEST(v->expected == "task job-1 in the cluster state");
    BOOST_TEST(v->found == "absent");
    BOOST_TEST(v->detail ==
               "version=6 task=job-1: created at event #2, gone without an accepted completion");
}

BOOST_AUTO_TEST_CASE(least_loaded_fires_when_a_task_goes_to_a_busier_node) {
    History h;
    h.published(2, {{"a", "sim/job-a", 1, "es-0"}, {"b", "sim/job-b", 2, "es-1"}});
    h.published(3, {{"a", "sim/job-a", 1, "es-0"},
                    {"b", "sim/job-b", 2, "es-1"},
                    {"c", "sim/job-a", 3, "es-0"}});
    const auto v = check_es_least_loaded(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->invariant == "check_es_least_loaded");
    BOOST_TEST(v->event_index == 1u);
    BOOST_TEST(v->expected == "es-1 (0 tasks named sim/job-a)");
    BOOST_TEST(v->found == "es-0 (1 before this one)");
    BOOST_TEST(v->detail ==
               "version=2 task=c (sim/job-a): assigned to es-0, not a least-loaded node");
}

BOOST_AUTO_TEST_CASE(least_loaded_counts_only_tasks_with_the_same_name) {
    History h;
    h.published(2, {{"a", "sim/job-a", 1, "es-0"}, {"b", "sim/job-b", 2, "es-0"}},
                {"es-0", "es-1"});
    h.published(3,
                {{"a", "sim/job-a", 1, "es-0"},
                 {"b", "sim/job-b", 2, "es-0"},
                 {"c", "sim/job-a", 3, "es-1"},
                 {"d", "sim/job-b", 4, "es-1"}},
                {"es-0", "es-1"});
    BOOST_TEST(!check_es_least_loaded(h.records).has_value());
}

BOOST_AUTO_TEST_CASE(history_check_reports_the_earliest_violation_of_all_checkers) {
    History h;
    h.persistent(true, "create", "job-0", 1);
    h.published(1, {});
    h.ban(1, "es-0:1");
    h.registered(1, 2, "es-0:1");
    const auto v = check_es_history(h.records);
    BOOST_REQUIRE(v.has_value());
    BOOST_TEST(v->invariant == "check_es_no_task_lost");
    BOOST_TEST(v->event_index == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
