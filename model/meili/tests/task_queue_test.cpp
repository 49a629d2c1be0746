// TaskQueue scheduling and batch outcomes (spec §3, §0.13, §0.16).
#include <boost/test/unit_test.hpp>

#include "model/meili/tests/queue_fixture.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using namespace taskcheck::meili::testing;
using Batches = std::vector<std::vector<TaskUid>>;

BOOST_AUTO_TEST_SUITE(meili_task_queue)

BOOST_FIXTURE_TEST_CASE(uids_are_max_existing_plus_one, QueueFixture) {
    BOOST_TEST(create_index("a") == 0u);
    BOOST_TEST(create_index("b") == 1u);
    run_all();
    TaskQuery q = filter_query("?uids=0");
    q.uids = std::vector<TaskUid>{0};
    remove(q);
    run_all();
    BOOST_TEST(!queue.get_task(0).ok());
    BOOST_TEST(create_index("c") == 3u);
}

BOOST_FIXTURE_TEST_CASE(spec_0_16_autobatching_reorders_across_indexes, QueueFixture) {
    // The oldest task picks the index; all batchable tasks of that index follow, even those
    // enqueued after another index's task.
    add_documents("a", R"([{"id":1}])");
    add_documents("b", R"([{"id":1}])");
    add_documents("a", R"([{"id":2}])");
    BOOST_TEST(run_all() == (Batches{{0, 2}, {1}}));
    BOOST_TEST(view(0)["startedAt"] == view(2)["startedAt"]);
    BOOST_TEST(view(0)["finishedAt"] == view(2)["finishedAt"]);
    BOOST_TEST(view(0)["duration"] == view(2)["duration"]);
    BOOST_TEST(details(0).dump() == R"({"receivedDocuments":1,"indexedDocuments":1})");
}

BOOST_FIXTURE_TEST_CASE(priority_is_cancel_newest_then_deletion_oldest_snapshots_dump,
                        QueueFixture) {
    add_documents("a", R"([{"id":1}])");  // 0
    enqueue(CreateDump{});                // 1
    enqueue(CreateSnapshot{});            // 2
    TaskQuery q = filter_query("?uids=0");
    q.uids = std::vector<TaskUid>{0};
    remove(q);                      // 3
    remove(q);                      // 4
    enqueue(CreateSnapshot{});      // 5
    cancel_uids({99}, "?uids=99");  // 6
    cancel_uids({98}, "?uids=98");  // 7
    BOOST_TEST(run_all() == (Batches{{7}, {6}, {3}, {4}, {2, 5}, {1}, {0}}));
}

BOOST_FIXTURE_TEST_CASE(primary_key_is_inferred_and_counted_per_task, QueueFixture) {
    TaskUid a = add_documents("movies", R"([{"title":"x","movie_id":"m1"},{"movie_id":"m2"}])");
    TaskUid b = add_documents("movies", R"([{"movie_id":"m3"}])");
    run_all();
    BOOST_TEST(details(a).dump() == R"({"receivedDocuments":2,"indexedDocuments":2})");
    BOOST_TEST(details(b).dump() == R"({"receivedDocuments":1,"indexedDocuments":1})");
    BOOST_TEST(queue.indexes().find("movies")->primary_key.value() == "movie_id");
}

BOOST_FIXTURE_TEST_CASE(bad_document_fails_only_its_own_task, QueueFixture) {
    TaskUid bad = add_documents("movies", R"([{"name":"x"}])");
    TaskUid good = add_documents("movies", R"([{"id":7}])");
    run_all();
    BOOST_TEST(view(bad)["status"] == "failed");
    BOOST_TEST(view(bad)["error"]["code"] == "index_primary_key_no_candidate_found");
    BOOST_TEST(details(bad).dump() == R"({"receivedDocuments":1,"indexedDocuments":0})");
    BOOST_TEST(status(good) == "succeeded");
    TaskUid missing = add_documents("movies", R"([{"name":"y"}])");
    run_all();
    BOOST_TEST(view(missing)["error"].dump() ==
               R"({"message":"Document doesn't have a `id` attribute: `{\"name\":\"y\"}`.",)"
               R"("code":"missing_document_id","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#missing_document_id"})");
}

BOOST_FIXTURE_TEST_CASE(batch_error_fails_every_task_with_failed_details, QueueFixture) {
    // A deletion batch on a missing index fails as a whole: index_not_found for both tasks.
    TaskUid a = enqueue(DeleteDocuments{"ghost", {"1"}});
    TaskUid b = enqueue(DeleteDocuments{"ghost", {"2", "3"}});
    BOOST_TEST(run_all() == (Batches{{a, b}}));
    const std::string error =
        R"({"message":"Index `ghost` not found.","code":"index_not_found",)"
        R"("type":"invalid_request","link":"https://docs.meilisearch.com/errors#index_not_found"})";
    BOOST_TEST(view(a)["error"].dump() == error);
    BOOST_TEST(view(b)["error"].dump() == error);
    BOOST_TEST(details(b).dump() == R"({"providedIds":2,"deletedDocuments":0})");
}

BOOST_FIXTURE_TEST_CASE(index_creation_and_update_errors, QueueFixture) {
    create_index("movies");
    TaskUid again = create_index("movies");
    add_documents("movies", R"([{"id":1}])");
    TaskUid update = enqueue(UpdateIndex{"movies", "id"});
    run_all();
    BOOST_TEST(view(again)["error"]["message"] == "Index `movies` already exists.");
    BOOST_TEST(view(again)["error"]["code"] == "index_already_exists");
    BOOST_TEST(view(update)["error"]["message"] == "Index already has a primary key: `id`.");
    BOOST_TEST(view(update)["error"]["code"] == "index_primary_key_already_exists");
    BOOST_TEST(details(update).dump() == R"({"primaryKey":"id"})");
}

BOOST_FIXTURE_TEST_CASE(deletion_batch_reports_total_capped_by_each_tasks_ids, QueueFixture) {
    add_documents("movies", R"([{"id":1},{"id":2},{"id":3}])");
    run_all();
    TaskUid a = enqueue(DeleteDocuments{"movies", {"1", "2"}});
    TaskUid b = enqueue(DeleteDocuments{"movies", {"3"}});
    run_all();
    BOOST_TEST(details(a).dump() == R"({"providedIds":2,"deletedDocuments":2})");
    BOOST_TEST(details(b).dump() == R"({"providedIds":1,"deletedDocuments":1})");
}

BOOST_FIXTURE_TEST_CASE(index_deletion_absorbs_document_tasks_with_default_details, QueueFixture) {
    add_documents("movies", R"([{"id":1},{"id":2}])");
    run_all();
    TaskUid docs = add_documents("movies", R"([{"id":3}])");
    TaskUid drop = enqueue(DeleteIndex{"movies"});
    BOOST_TEST(run_all() == (Batches{{docs, drop}}));
    BOOST_TEST(status(docs) == "succeeded");
    BOOST_TEST(details(docs).dump() == R"({"receivedDocuments":1,"indexedDocuments":0})");
    BOOST_TEST(details(drop).dump() == R"({"deletedDocuments":2})");
    BOOST_TEST(!queue.indexes().exists("movies"));
}

BOOST_FIXTURE_TEST_CASE(clear_counts_once_and_absorbed_tasks_report_defaults, QueueFixture) {
    add_documents("movies", R"([{"id":1},{"id":2}])");
    run_all();
    TaskUid first = enqueue(ClearDocuments{"movies"});
    TaskUid ids = enqueue(DeleteDocuments{"movies", {"1"}});
    TaskUid second = enqueue(ClearDocuments{"movies"});
    run_all();
    BOOST_TEST(details(first).dump() == R"({"deletedDocuments":2})");
    BOOST_TEST(details(ids).dump() == R"({"providedIds":1,"deletedDocuments":0})");
    BOOST_TEST(details(second).dump() == R"({"deletedDocuments":0})");
}

BOOST_FIXTURE_TEST_CASE(spec_0_13_index_swap_rewrites_earlier_tasks_and_swaps, QueueFixture) {
    TaskUid a = create_index("a");
    TaskUid b = create_index("b");
    TaskUid first_swap = enqueue(SwapIndexes{{{"a", "b"}}});
    run_all();
    // Task 0 created `a`, but after the swap its index is called `b`, and vice versa.
    BOOST_TEST(view(a)["indexUid"] == "b");
    BOOST_TEST(view(b)["indexUid"] == "a");
    TaskUid second_swap = enqueue(SwapIndexes{{{"a", "b"}}});
    TaskUid later = create_index("c");
    run_all();
    BOOST_TEST(view(a)["indexUid"] == "a");
    BOOST_TEST(details(first_swap).dump() == R"({"swaps":[{"indexes":["b","a"]}]})");
    BOOST_TEST(details(second_swap).dump() == R"({"swaps":[{"indexes":["a","b"]}]})");
    BOOST_TEST(view(later)["indexUid"] == "c");
    TaskQuery q = filter_query("");
    q.index_uids = std::vector<std::string>{"a"};
    BOOST_TEST(listed(q) == (std::vector<TaskUid>{a}));
}

BOOST_FIXTURE_TEST_CASE(swap_of_missing_indexes_fails_with_their_sorted_names, QueueFixture) {
    TaskUid one = enqueue(SwapIndexes{{{"x", "y"}}});
    run_all();
    BOOST_TEST(view(one)["error"]["message"] == "Indexes `x`, `y` not found.");
    create_index("x");
    TaskUid two = enqueue(SwapIndexes{{{"x", "y"}}});
    run_all();
    BOOST_TEST(view(two)["error"]["message"] == "Index `y` not found.");
}

BOOST_FIXTURE_TEST_CASE(spec_0_15_restart_leaves_the_processing_task_enqueued, QueueFixture) {
    TaskUid uid = add_documents("movies", R"([{"id":1}])");
    start();
    BOOST_TEST(status(uid) == "processing");
    queue.restart();
    BOOST_TEST(status(uid) == "enqueued");
    BOOST_TEST(view(uid)["startedAt"].is_null());
    BOOST_TEST(start() == (std::vector<TaskUid>{uid}));
    finish();
    BOOST_TEST(view(uid)["startedAt"] == "2023-04-01T10:00:00.003Z");
}

BOOST_AUTO_TEST_SUITE_END()
