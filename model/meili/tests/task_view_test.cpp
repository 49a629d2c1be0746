// Task views: exact key order, dates, durations, details per type (spec §2, §2.1, §2.2).
#include <boost/test/unit_test.hpp>

#include "model/meili/tests/queue_fixture.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using namespace taskcheck::meili::testing;

BOOST_AUTO_TEST_SUITE(meili_task_view)

BOOST_FIXTURE_TEST_CASE(enqueued_document_addition_has_the_full_key_order, QueueFixture) {
    TaskUid uid = add_documents("movies", R"([{"id":1},{"id":2}])");
    expect_view(uid, R"({"uid":0,"indexUid":"movies","status":"enqueued",
        "type":"documentAdditionOrUpdate","canceledBy":null,
        "details":{"receivedDocuments":2,"indexedDocuments":null},"error":null,"duration":null,
        "enqueuedAt":"2023-04-01T10:00:00.001Z","startedAt":null,"finishedAt":null})");
}

BOOST_FIXTURE_TEST_CASE(summarized_view_has_exactly_five_keys, QueueFixture) {
    TaskUid uid = create_index("movies");
    BOOST_TEST(queue.summarized(uid).dump() ==
               R"({"taskUid":0,"indexUid":"movies","status":"enqueued","type":"indexCreation",)"
               R"("enqueuedAt":"2023-04-01T10:00:00.001Z"})");
}

BOOST_FIXTURE_TEST_CASE(processing_task_shows_the_batch_start_and_no_duration, QueueFixture) {
    TaskUid uid = create_index("movies", "id");
    start();
    expect_view(uid, R"({"uid":0,"indexUid":"movies","status":"processing","type":"indexCreation",
        "canceledBy":null,"details":{"primaryKey":"id"},"error":null,"duration":null,
        "enqueuedAt":"2023-04-01T10:00:00.001Z","startedAt":"2023-04-01T10:00:00.002Z",
        "finishedAt":null})");
    finish();
    expect_view(uid, R"({"uid":0,"indexUid":"movies","status":"succeeded","type":"indexCreation",
        "canceledBy":null,"details":{"primaryKey":"id"},"error":null,"duration":"PT0.001S",
        "enqueuedAt":"2023-04-01T10:00:00.001Z","startedAt":"2023-04-01T10:00:00.002Z",
        "finishedAt":"2023-04-01T10:00:00.003Z"})");
}

BOOST_FIXTURE_TEST_CASE(spec_0_14_snapshot_creation_has_no_details_key, QueueFixture) {
    TaskUid uid = enqueue(CreateSnapshot{});
    run_all();
    expect_view(uid, R"({"uid":0,"indexUid":null,"status":"succeeded","type":"snapshotCreation",
        "canceledBy":null,"error":null,"duration":"PT0.001S",
        "enqueuedAt":"2023-04-01T10:00:00.001Z","startedAt":"2023-04-01T10:00:00.002Z",
        "finishedAt":"2023-04-01T10:00:00.003Z"})");
}

BOOST_FIXTURE_TEST_CASE(dump_uid_is_the_batch_start_to_the_millisecond, QueueFixture) {
    TaskUid uid = enqueue(CreateDump{});
    BOOST_TEST(details(uid).dump() == R"({"dumpUid":null})");
    run_all();
    BOOST_TEST(details(uid).dump() == R"({"dumpUid":"20230401-100000002"})");
}

BOOST_FIXTURE_TEST_CASE(settings_are_echoed_in_settings_field_order, QueueFixture) {
    TaskUid uid =
        enqueue(UpdateSettings{"movies", Json::parse(R"({"stopWords":null,"rankingRules":["words"],
                                  "displayedAttributes":["title"]})")});
    run_all();
    BOOST_TEST(view(uid)["status"] == "succeeded");
    BOOST_TEST(details(uid).dump() ==
               R"({"displayedAttributes":["title"],"rankingRules":["words"],"stopWords":null})");
}

BOOST_FIXTURE_TEST_CASE(details_of_deletions_and_swaps_while_enqueued, QueueFixture) {
    BOOST_TEST(details(enqueue(DeleteDocuments{"movies", {"1", "2"}})).dump() ==
               R"({"providedIds":2,"deletedDocuments":null})");
    BOOST_TEST(details(enqueue(ClearDocuments{"movies"})).dump() == R"({"deletedDocuments":null})");
    BOOST_TEST(details(enqueue(DeleteIndex{"movies"})).dump() == R"({"deletedDocuments":null})");
    TaskUid swap = enqueue(SwapIndexes{{{"a", "b"}}});
    BOOST_TEST(details(swap).dump() == R"({"swaps":[{"indexes":["a","b"]}]})");
    BOOST_TEST(view(swap)["indexUid"].is_null());
}

BOOST_FIXTURE_TEST_CASE(cancelation_details_keep_the_raw_original_filter, QueueFixture) {
    add_documents("movies", R"([{"id":1}])");
    TaskQuery q = filter_query("?types=documentAdditionOrUpdate%2CdocumentDeletion");
    q.types = std::vector<Kind>{Kind::document_addition_or_update, Kind::document_deletion};
    TaskUid uid = cancel(q);
    BOOST_TEST(details(uid).dump() ==
               R"({"matchedTasks":1,"canceledTasks":null,)"
               R"("originalFilter":"?types=documentAdditionOrUpdate%2CdocumentDeletion"})");
    BOOST_TEST(queue.summarized(uid).dump() ==
               R"({"taskUid":1,"indexUid":null,"status":"enqueued","type":"taskCancelation",)"
               R"("enqueuedAt":"2023-04-01T10:00:00.002Z"})");
}

BOOST_AUTO_TEST_SUITE_END()
