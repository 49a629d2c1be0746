// Each Meilisearch checker fires on a hand-made bad history, naming the exact record, and stays
// silent on the good history it was mutated from (STYLE.md §12).
#include <boost/test/unit_test.hpp>

#include "sim/checkers/cancellation.hpp"
#include "sim/checkers/meili_checks.hpp"
#include "sim/checkers/no_acked_task_lost.hpp"
#include "sim/checkers/pagination_complete.hpp"
#include "sim/checkers/priority_order.hpp"
#include "sim/checkers/status_machine.hpp"
#include "sim/checkers/uid_monotonic.hpp"

namespace taskcheck::sim {
namespace {

using meili::Kind;
using meili::Status;
using meili::TaskUid;

// A tiny vocabulary for histories: each call appends one record at t = its index in ms.
struct History {
    std::vector<MeiliRecord> records;

    MeiliRecord& push(MeiliRecordKind kind) {
        MeiliRecord r;
        r.kind = kind;
        r.at = ms(static_cast<std::int64_t>(records.size()));
        records.push_back(r);
        return records.back();
    }
    History& registered(TaskUid uid, Kind kind, std::string index = "idx0",
                        std::vector<TaskUid> matched = {}) {
        MeiliRecord& r = push(MeiliRecordKind::registered);
        r.uid = uid;
        r.op = uid;
        r.task_kind = kind;
        r.index = meili::is_global_kind(kind) ? "" : index;
        r.matched = std::move(matched);
        return *this;
    }
    History& acked(TaskUid uid, std::uint32_t op) {
        MeiliRecord& r = push(MeiliRecordKind::acked);
        r.uid = uid;
        r.op = op;
        r.node = 1;
        return *this;
    }
    History& started(std::vector<TaskUid> uids) {
        push(MeiliRecordKind::batch_started).uids = std::move(uids);
        return *this;
    }
    History& finished() {
        push(MeiliRecordKind::batch_finished);
        return *this;
    }
    History& status(TaskUid uid, Status from, Status to, TaskUid canceled_by = UINT32_MAX,
                    std::optional<std::uint64_t> count = std::nullopt) {
        MeiliRecord& r = push(MeiliRecordKind::status);
        r.uid = uid;
        r.from = from;
        r.to = to;
        r.canceled_by = canceled_by;
        r.count = count;
        return *this;
    }
    History& deleted(TaskUid uid) {
        push(MeiliRecordKind::deleted).uid = uid;
        return *this;
    }
    History& crash_and_recover(std::vector<TaskUid> live) {
        push(MeiliRecordKind::crash);
        push(MeiliRecordKind::restart);
        push(MeiliRecordKind::recovered).uids = std::move(live);
        return *this;
    }
    History& page(std::uint32_t op, std::uint32_t number, std::vector<TaskUid> uids,
                  std::optional<TaskUid> next, std::vector<TaskUid> expected) {
        MeiliRecord& r = push(MeiliRecordKind::page);
        r.op = op;
        r.page = number;
        r.uids = std::move(uids);
        r.next = next;
        r.matched = std::move(expected);
        r.node = 1;
        return *this;
    }
};

// Tasks 0 and 1 on idx0 run as one batch and succeed.
History two_documents_succeed() {
    History h;
    h.registered(0, Kind::document_addition_or_update).acked(0, 0);
    h.registered(1, Kind::document_addition_or_update).acked(1, 1);
    h.started({0, 1}).status(0, Status::enqueued, Status::processing);
    h.status(1, Status::enqueued, Status::processing);
    h.finished().status(0, Status::processing, Status::succeeded);
    h.status(1, Status::processing, Status::succeeded);
    return h;
}

std::string describe(const std::optional<Violation>& v) {
    if (!v) return "none";
    return v->invariant + " #" + std::to_string(v->event_index) + " " + v->node + " " + v->detail +
           " | expected: " + v->expected + " | found: " + v->found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_checkers)

BOOST_AUTO_TEST_CASE(a_good_history_passes_every_checker) {
    BOOST_TEST(describe(check_meili_history(two_documents_succeed().records)) == "none");
}

BOOST_AUTO_TEST_CASE(priority_order_fires_when_a_batch_passes_over_a_cancelation) {
    // Task 1 is a cancelation, enqueued when batch [0] starts: v1.1 would have run it first.
    History h;
    h.registered(0, Kind::document_addition_or_update);
    h.registered(1, Kind::task_cancelation, "", {});
    h.started({0});
    BOOST_TEST(describe(check_priority_order(h.records)) ==
               "check_priority_order #2 meili-0 batch [0] started, but the newest enqueued "
               "taskCancelation runs first | expected: [1] | found: [0]");
}

BOOST_AUTO_TEST_CASE(priority_order_fires_when_an_index_batch_skips_its_oldest_task) {
    History h;
    h.registered(0, Kind::document_addition_or_update, "idx0");
    h.registered(1, Kind::document_addition_or_update, "idx1");
    h.registered(2, Kind::document_addition_or_update, "idx0");
    h.started({2});
    BOOST_TEST(describe(check_priority_order(h.records)) ==
               "check_priority_order #3 meili-0 batch [2] started, but the batch is a prefix of "
               "index `idx0`'s enqueued tasks, from task 0 | expected: a prefix of [0,2] | "
               "found: [2]");
}

BOOST_AUTO_TEST_CASE(status_machine_fires_when_a_terminal_status_changes) {
    History h = two_documents_succeed();
    h.status(1, Status::succeeded, Status::processing);
    BOOST_TEST(describe(check_status_machine(h.records)) ==
               "check_status_machine #10 meili-0 task=1: status went from \"succeeded\" to "
               "\"processing\" (a terminal status is final) | expected:  | found: "
               "\"processing\"");
}

BOOST_AUTO_TEST_CASE(status_machine_allows_processing_back_to_enqueued_only_after_restart) {
    History h;
    h.registered(0, Kind::document_addition_or_update).started({0});
    h.status(0, Status::enqueued, Status::processing);
    h.crash_and_recover({0}).status(0, Status::processing, Status::enqueued);
    BOOST_TEST(describe(check_status_machine(h.records)) == "none");
    h.started({0}).status(0, Status::enqueued, Status::processing).finished();
    h.status(0, Status::processing, Status::enqueued);
    BOOST_TEST(describe(check_status_machine(h.records)) ==
               "check_status_machine #10 meili-0 task=0: status went from \"processing\" to "
               "\"enqueued\" (not a legal transition here) | expected:  | found: \"enqueued\"");
}

BOOST_AUTO_TEST_CASE(cancellation_fires_when_a_captured_enqueued_task_survives) {
    // Cancelation 1 captured task 0 while it was enqueued, ran, and left it enqueued.
    History h;
    h.registered(0, Kind::document_addition_or_update);
    h.registered(1, Kind::task_cancelation, "", {0});
    h.started({1}).status(1, Status::enqueued, Status::processing).finished();
    h.status(1, Status::processing, Status::succeeded, UINT32_MAX, 1);
    h.started({0});
    BOOST_TEST(describe(check_cancellation(h.records)) ==
               "check_cancellation #4 meili-0 task=0: cancelation 1 ended but did not cancel it "
               "| expected: canceled by 1 | found: enqueued");
}

BOOST_AUTO_TEST_CASE(cancellation_fires_on_a_wrong_canceled_tasks_count) {
    // v1.1 counts only documentAdditionOrUpdate tasks in canceledTasks (§0.10): 1, not 0.
    History h;
    h.registered(0, Kind::document_addition_or_update);
    h.registered(1, Kind::task_cancelation, "", {0});
    h.started({1}).status(1, Status::enqueued, Status::processing).finished();
    h.status(0, Status::enqueued, Status::canceled, 1);
    h.status(1, Status::processing, Status::succeeded, UINT32_MAX, 0);
    BOOST_TEST(describe(check_cancellation(h.records)) ==
               "check_cancellation #6 meili-0 task=1: canceledTasks counts the "
               "documentAdditionOrUpdate tasks it canceled (v1.1, spec §0.10) | expected: 1 | "
               "found: 0");
}

BOOST_AUTO_TEST_CASE(cancellation_fires_on_a_task_canceled_by_a_cancelation_that_missed_it) {
    History h;
    h.registered(0, Kind::document_addition_or_update);
    h.registered(1, Kind::task_cancelation, "", {});
    h.started({1}).status(1, Status::enqueued, Status::processing).finished();
    h.status(0, Status::enqueued, Status::canceled, 1);
    BOOST_TEST(describe(check_cancellation(h.records)) ==
               "check_cancellation #5 meili-0 task=0: canceled by 1, which did not capture it or "
               "is not running | expected: a capturing cancelation's batch | found: canceledBy 1");
}

BOOST_AUTO_TEST_CASE(uid_monotonic_fires_on_a_reused_uid) {
    History h;
    h.registered(0, Kind::document_addition_or_update);
    h.registered(1, Kind::document_addition_or_update);
    h.crash_and_recover({0});
    h.registered(1, Kind::document_addition_or_update);
    BOOST_TEST(describe(check_uid_monotonic(h.records)) ==
               "check_uid_monotonic #5 meili-0 task=1: registered after task 1 (a uid was "
               "reused) | expected: 2 | found: 1");
}

BOOST_AUTO_TEST_CASE(no_acked_task_lost_fires_when_a_restart_forgets_an_acked_task) {
    History h = two_documents_succeed();
    h.crash_and_recover({0});
    BOOST_TEST(describe(check_no_acked_task_lost(h.records)) ==
               "check_no_acked_task_lost #12 meili-0 task=1: acknowledged to op 1 but lost "
               "across the restart | expected: present | found: missing");
}

BOOST_AUTO_TEST_CASE(no_acked_task_lost_fires_when_a_task_vanishes_without_a_deletion) {
    History h = two_documents_succeed();
    h.deleted(0);
    BOOST_TEST(describe(check_no_acked_task_lost(h.records)) ==
               "check_no_acked_task_lost #10 meili-0 task=0: disappeared without a taskDeletion "
               "that captured it | expected: still present | found: gone");
}

BOOST_AUTO_TEST_CASE(no_acked_task_lost_accepts_a_deletion_of_finished_tasks) {
    History h = two_documents_succeed();
    h.registered(2, Kind::task_deletion, "", {0, 1}).started({2});
    h.status(2, Status::enqueued, Status::processing).finished();
    h.deleted(0).deleted(1).status(2, Status::processing, Status::succeeded, UINT32_MAX, 2);
    BOOST_TEST(describe(check_meili_history(h.records)) == "none");
}

BOOST_AUTO_TEST_CASE(pagination_fires_when_pages_skip_a_task) {
    History h = two_documents_succeed();
    h.registered(2, Kind::document_addition_or_update);
    h.page(9, 0, {2}, 1, {2, 1, 0}).page(9, 1, {0}, std::nullopt, {2, 1, 0});
    BOOST_TEST(describe(check_pagination_complete(h.records)) ==
               "check_pagination_complete #12 client-1 op=9: 2 pages did not cover the filtered "
               "tasks exactly once | expected: [2,1,0] | found: [2,0]");
}

BOOST_AUTO_TEST_CASE(pagination_skips_walks_whose_set_changed) {
    History h = two_documents_succeed();
    h.page(9, 0, {1}, 0, {1, 0}).page(9, 1, {}, std::nullopt, {});
    BOOST_TEST(describe(check_pagination_complete(h.records)) == "none");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace taskcheck::sim
