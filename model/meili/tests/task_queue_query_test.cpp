// GET /tasks answered from a TaskQuery: pagination, filters, processing and visibility
// (spec §0.2, §0.3, §0.5, §0.6, §1.1).
#include <boost/test/unit_test.hpp>

#include "model/meili/tests/queue_fixture.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using namespace taskcheck::meili::testing;
using Uids = std::vector<TaskUid>;

namespace {
struct FiveTasks : QueueFixture {
    // 0..3 succeeded on movies/books, 4 a dump still enqueued.
    FiveTasks() {
        create_index("movies");
        create_index("books");
        add_documents("movies", R"([{"id":1}])");
        add_documents("movies", R"([{"nope":1}])");
        run_all();
        enqueue(CreateDump{});
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(meili_task_queue_query)

BOOST_FIXTURE_TEST_CASE(spec_0_2_from_is_the_first_returned_and_next_the_look_ahead, FiveTasks) {
    TaskQuery q;
    q.limit = 2;
    q.from = 3;
    Json page = this->page(q);
    BOOST_TEST(page["limit"] == 2);
    BOOST_TEST(page["from"] == 3);
    BOOST_TEST(page["next"] == 1);
    BOOST_TEST(listed(q) == (Uids{3, 2}));
    q.from = 1;
    BOOST_TEST(this->page(q)["next"].is_null());
    BOOST_TEST(listed(q) == (Uids{1, 0}));
}

// The uid-only page (the simulator's) is list_tasks without the views: same uids, limit, from,
// next.
BOOST_FIXTURE_TEST_CASE(uid_page_matches_the_full_page, FiveTasks) {
    std::vector<TaskQuery> queries(5);
    queries[1].limit = 2;
    queries[1].from = 3;
    queries[2].limit = 0;
    queries[3].limit = 4294967295u;
    queries[4].statuses = std::vector<Status>{Status::failed, Status::enqueued};
    queries[4].limit = 1;
    for (const TaskQuery& q : queries) {
        const TaskPage full = queue.list_tasks(q);
        const TaskUidPage uids = queue.list_task_uids(q);
        BOOST_TEST(uids.uids == listed(q));
        BOOST_TEST(uids.limit == full.limit);
        BOOST_TEST((uids.from == full.from));
        BOOST_TEST((uids.next == full.next));
    }
    BOOST_TEST(queue.list_task_uids(queries[1]).uids == (Uids{3, 2}));
    BOOST_TEST(*queue.list_task_uids(queries[4]).next == 3u);
}

BOOST_FIXTURE_TEST_CASE(spec_0_3_limit_zero_returns_nothing_and_next_is_the_newest, FiveTasks) {
    TaskQuery q;
    q.limit = 0;
    BOOST_TEST(page(q).dump() == R"({"results":[],"limit":0,"from":null,"next":4})");
}

BOOST_FIXTURE_TEST_CASE(spec_0_3_max_limit_is_reported_saturated, FiveTasks) {
    TaskQuery q;
    q.limit = 4294967295u;
    Json page = this->page(q);
    BOOST_TEST(page["limit"] == 4294967294u);
    BOOST_TEST(page["results"].size() == 5u);
    BOOST_TEST(page["next"].is_null());
}

BOOST_FIXTURE_TEST_CASE(filters_are_anded_and_values_ored, FiveTasks) {
    TaskQuery q;
    q.statuses = std::vector<Status>{Status::failed, Status::enqueued};
    BOOST_TEST(listed(q) == (Uids{4, 3}));
    q.types = std::vector<Kind>{Kind::document_addition_or_update};
    BOOST_TEST(listed(q) == (Uids{3}));
    q.index_uids = std::vector<std::string>{"books"};
    BOOST_TEST(listed(q) == (Uids{}));
}

BOOST_FIXTURE_TEST_CASE(spec_0_5_engaged_empty_uids_match_nothing, FiveTasks) {
    TaskQuery q;
    q.uids = std::vector<TaskUid>{};
    BOOST_TEST(listed(q) == (Uids{}));
    q.uids = std::vector<TaskUid>{1, 4, 9};
    BOOST_TEST(listed(q) == (Uids{4, 1}));
}

BOOST_FIXTURE_TEST_CASE(spec_0_5_canceled_by_a_cancel_that_canceled_nothing_matches_nothing,
                        FiveTasks) {
    TaskUid canceler = cancel_uids({0}, "?uids=0");  // 0 already succeeded: nothing canceled
    run_all();
    BOOST_TEST(details(canceler).dump() ==
               R"({"matchedTasks":1,"canceledTasks":0,"originalFilter":"?uids=0"})");
    TaskQuery q;
    q.canceled_by = std::vector<TaskUid>{canceler};
    BOOST_TEST(listed(q) == (Uids{}));
}

BOOST_FIXTURE_TEST_CASE(spec_0_6_concrete_index_uids_hide_global_tasks_even_swaps, QueueFixture) {
    create_index("movies");
    create_index("books");
    run_all();
    enqueue(SwapIndexes{{{"movies", "books"}}});
    enqueue(CreateDump{});
    TaskQuery q;
    q.index_uids = std::vector<std::string>{"movies", "books"};
    BOOST_TEST(listed(q) == (Uids{1, 0}));
    q.index_uids.reset();  // `indexUids=*`: nothing hidden
    BOOST_TEST(listed(q) == (Uids{3, 2, 1, 0}));
}

BOOST_FIXTURE_TEST_CASE(processing_is_an_overlay_for_status_filters, QueueFixture) {
    TaskUid uid = add_documents("movies", R"([{"id":1}])");
    TaskUid later = create_index("other");
    start();
    TaskQuery q;
    q.statuses = std::vector<Status>{Status::enqueued};
    BOOST_TEST(listed(q) == (Uids{later}));  // the processing task is removed
    q.statuses = std::vector<Status>{Status::processing};
    BOOST_TEST(listed(q) == (Uids{uid}));
    q.statuses.reset();
    BOOST_TEST(page(q)["results"][1]["status"] == "processing");
}

BOOST_FIXTURE_TEST_CASE(started_at_filter_uses_the_batch_start_of_processing_tasks, QueueFixture) {
    TaskUid uid = add_documents("movies", R"([{"id":1}])");  // enqueued at .001
    start();                                                 // started at .002
    TaskQuery q;
    q.started_at.after = make_instant({2023, 4, 1}, 10, 0, 0, 1'000'000);
    BOOST_TEST(listed(q) == (Uids{uid}));
    q.started_at.after = make_instant({2023, 4, 1}, 10, 0, 0, 2'000'000);  // exclusive
    BOOST_TEST(listed(q) == (Uids{}));
}

BOOST_FIXTURE_TEST_CASE(date_bounds_are_exclusive_and_missing_dates_never_match, FiveTasks) {
    TaskQuery q;
    q.enqueued_at.after = make_instant({2023, 4, 1}, 10, 0, 0, 1'000'000);   // task 0's
    q.enqueued_at.before = make_instant({2023, 4, 1}, 10, 0, 0, 4'000'000);  // task 3's
    BOOST_TEST(listed(q) == (Uids{2, 1}));
    TaskQuery finished;
    finished.finished_at.before = make_instant({2030, 1, 1}, 0, 0, 0, 0);
    BOOST_TEST(listed(finished) == (Uids{3, 2, 1, 0}));  // the enqueued dump has no finishedAt
}

BOOST_FIXTURE_TEST_CASE(get_task_of_unknown_uid_is_404_task_not_found, QueueFixture) {
    auto result = queue.get_task(7);
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST(result.error().http_status == 404);
    BOOST_TEST(
        to_json(result.error()).dump() ==
        R"({"message":"Task `7` not found.","code":"task_not_found",)"
        R"("type":"invalid_request","link":"https://docs.meilisearch.com/errors#task_not_found"})");
}

BOOST_AUTO_TEST_SUITE_END()
