// Cancelation and deletion (spec §3, §0.10, §0.11, §0.12).
#include <boost/test/unit_test.hpp>

#include "model/meili/tests/queue_fixture.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using namespace taskcheck::meili::testing;
using Uids = std::vector<TaskUid>;

BOOST_AUTO_TEST_SUITE(meili_task_queue_cancel)

BOOST_FIXTURE_TEST_CASE(canceling_an_enqueued_task_sets_canceled_by_and_finished_at, QueueFixture) {
    TaskUid docs = add_documents("movies", R"([{"id":1}])");
    TaskUid canceler = cancel_uids({docs}, "?uids=0");
    run_all();
    expect_view(docs, R"({"uid":0,"indexUid":"movies","status":"canceled",
        "type":"documentAdditionOrUpdate","canceledBy":1,
        "details":{"receivedDocuments":1,"indexedDocuments":0},"error":null,"duration":null,
        "enqueuedAt":"2023-04-01T10:00:00.001Z","startedAt":null,
        "finishedAt":"2023-04-01T10:00:00.004Z"})");
    BOOST_TEST(details(canceler).dump() ==
               R"({"matchedTasks":1,"canceledTasks":1,"originalFilter":"?uids=0"})");
    TaskQuery q;
    q.canceled_by = std::vector<TaskUid>{canceler};
    BOOST_TEST(listed(q) == (Uids{docs}));
}

BOOST_FIXTURE_TEST_CASE(spec_0_10_canceled_tasks_counts_only_payload_tasks, QueueFixture) {
    TaskUid index = create_index("movies");
    TaskUid docs = add_documents("movies", R"([{"id":1}])");
    TaskUid canceler = cancel_uids({index, docs}, "?uids=0,1");
    run_all();
    BOOST_TEST(status(index) == "canceled");
    BOOST_TEST(status(docs) == "canceled");
    BOOST_TEST(details(canceler)["canceledTasks"] == 1);
}

BOOST_FIXTURE_TEST_CASE(spec_0_11_cancel_of_processing_task_aborts_its_batch, QueueFixture) {
    TaskUid a = add_documents("movies", R"([{"id":1}])");
    TaskUid b = add_documents("movies", R"([{"id":2}])");
    BOOST_TEST(start() == (Uids{a, b}));  // started at .003
    TaskUid canceler = cancel_uids({a}, "?uids=0");
    BOOST_TEST(static_cast<int>(finish()) == static_cast<int>(BatchEnd::aborted));
    BOOST_TEST(status(a) == "processing");  // the overlay stays until the cancelation starts
    BOOST_TEST(step() == (Uids{canceler}));
    BOOST_TEST(status(a) == "canceled");
    BOOST_TEST(view(a)["startedAt"] == "2023-04-01T10:00:00.003Z");
    BOOST_TEST(status(b) == "enqueued");  // re-batched later
    BOOST_TEST(step() == (Uids{b}));
    BOOST_TEST(status(b) == "succeeded");
}

BOOST_FIXTURE_TEST_CASE(spec_0_11_processing_index_creation_runs_to_the_end, QueueFixture) {
    TaskUid index = create_index("movies");
    start();
    TaskUid canceler = cancel_uids({index}, "?uids=0");
    BOOST_TEST(static_cast<int>(finish()) == static_cast<int>(BatchEnd::processed));
    run_all();
    BOOST_TEST(status(index) == "succeeded");
    BOOST_TEST(details(canceler).dump() ==
               R"({"matchedTasks":1,"canceledTasks":0,"originalFilter":"?uids=0"})");
}

BOOST_FIXTURE_TEST_CASE(spec_0_12_matched_set_is_captured_at_registration, QueueFixture) {
    TaskUid index = create_index("movies");
    TaskQuery all = filter_query("?statuses=*");
    TaskUid early = remove(all);  // matches task 0 only, not itself nor later tasks
    create_index("books");
    BOOST_TEST(details(early)["matchedTasks"] == 1);
    // Deletions run first, while 0 is still enqueued: nothing is deleted.
    BOOST_TEST(step() == (Uids{early}));
    BOOST_TEST(details(early)["deletedTasks"] == 0);
    BOOST_TEST(status(index) == "enqueued");
}

BOOST_FIXTURE_TEST_CASE(spec_0_12_task_finished_before_the_deletion_ran_is_deleted, QueueFixture) {
    TaskUid index = create_index("movies");
    start();  // 0 is processing
    TaskUid deletion = remove(filter_query("?statuses=*"));
    BOOST_TEST(details(deletion)["matchedTasks"] == 1);
    finish();  // 0 succeeds
    BOOST_TEST(step() == (Uids{deletion}));
    BOOST_TEST(details(deletion)["deletedTasks"] == 1);
    BOOST_TEST(!queue.get_task(index).ok());
}

BOOST_FIXTURE_TEST_CASE(deleted_cancelation_leaves_canceled_by_pointing_at_it, QueueFixture) {
    TaskUid docs = add_documents("movies", R"([{"id":1}])");
    TaskUid canceler = cancel_uids({docs}, "?uids=0");
    run_all();
    TaskQuery q = filter_query("?types=taskCancelation");
    q.types = std::vector<Kind>{Kind::task_cancelation};
    remove(q);
    run_all();
    BOOST_TEST(!queue.get_task(canceler).ok());
    BOOST_TEST(view(docs)["canceledBy"] == canceler);
    TaskQuery by;
    by.canceled_by = std::vector<TaskUid>{canceler};
    BOOST_TEST(listed(by) == (Uids{docs}));
}

BOOST_FIXTURE_TEST_CASE(newer_cancelation_cancels_an_older_enqueued_one, QueueFixture) {
    TaskUid docs = add_documents("movies", R"([{"id":1}])");
    TaskUid older = cancel_uids({docs}, "?uids=0");
    TaskUid newer = cancel_uids({older}, "?uids=1");
    BOOST_TEST(step() == (Uids{newer}));
    BOOST_TEST(status(older) == "canceled");
    BOOST_TEST(details(older).dump() ==
               R"({"matchedTasks":1,"canceledTasks":0,"originalFilter":"?uids=0"})");
    BOOST_TEST(details(newer)["canceledTasks"] == 0);
    BOOST_TEST(step() == (Uids{docs}));
}

BOOST_FIXTURE_TEST_CASE(spec_0_6_cancel_under_index_uids_does_not_match_global_tasks,
                        QueueFixture) {
    add_documents("movies", R"([{"id":1}])");
    enqueue(CreateDump{});
    TaskQuery q = filter_query("?indexUids=movies");
    q.index_uids = std::vector<std::string>{"movies"};
    TaskUid canceler = cancel(q);
    BOOST_TEST(details(canceler)["matchedTasks"] == 1);
    run_all();
    BOOST_TEST(status(1) == "succeeded");
}

BOOST_AUTO_TEST_SUITE_END()
