// The settings error v1.1.1 finds only when a settings batch is processed (spec/meilisearch.md
// §9.2): one typo size sent alone that conflicts with the stored other fails the whole batch
// with invalid_settings_typo_tolerance; resets go back to 5 and 9.
#include "model/meili/typo_sizes.hpp"

#include <boost/test/unit_test.hpp>

#include "model/meili/tests/queue_fixture.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using namespace taskcheck::meili::testing;

namespace {

TaskUid update_settings(QueueFixture& f, const std::string& index, const std::string& settings) {
    return f.enqueue(UpdateSettings{index, Json::parse(settings), true});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_typo_sizes)

BOOST_FIXTURE_TEST_CASE(one_size_above_the_stored_other_fails_when_processed, QueueFixture) {
    TaskUid bad =
        update_settings(*this, "m", R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10}}})");
    run_all();
    BOOST_TEST(status(bad) == "failed");
    BOOST_TEST(view(bad)["error"].dump() ==
               R"({"message":"`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` )"
               R"(fields should be between `0` and `255`, and `twoTypos` should be greater or )"
               R"(equals to `oneTypo` but found `oneTypo: 10` and twoTypos: 9`.",)"
               R"("code":"invalid_settings_typo_tolerance","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#invalid_settings_typo_tolerance"})");
    BOOST_TEST((queue.indexes().find("m")->typo_sizes == TypoSizes{5, 9}));
}

BOOST_FIXTURE_TEST_CASE(sizes_sent_by_earlier_tasks_are_the_stored_ones, QueueFixture) {
    update_settings(*this, "m", R"({"typoTolerance":{"minWordSizeForTypos":{"twoTypos":12}}})");
    run_all();
    TaskUid ok =
        update_settings(*this, "m", R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10}}})");
    run_all();
    BOOST_TEST(status(ok) == "succeeded");
    BOOST_TEST((queue.indexes().find("m")->typo_sizes == TypoSizes{10, 12}));
    TaskUid low =
        update_settings(*this, "m", R"({"typoTolerance":{"minWordSizeForTypos":{"twoTypos":3}}})");
    run_all();
    BOOST_TEST(view(low)["error"]["message"].get<std::string>().ends_with(
        "but found `oneTypo: 10` and twoTypos: 3`."));
    update_settings(*this, "m", R"({"typoTolerance":null})");
    run_all();
    BOOST_TEST((queue.indexes().find("m")->typo_sizes == TypoSizes{5, 9}));
}

BOOST_FIXTURE_TEST_CASE(a_conflict_built_across_tasks_of_one_batch_fails_them_all, QueueFixture) {
    TaskUid a =
        update_settings(*this, "m", R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":8}}})");
    TaskUid b =
        update_settings(*this, "m", R"({"typoTolerance":{"minWordSizeForTypos":{"twoTypos":6}}})");
    run_all();
    for (TaskUid uid : {a, b}) {
        BOOST_TEST(status(uid) == "failed");
        BOOST_TEST(view(uid)["error"]["message"].get<std::string>().ends_with(
            "but found `oneTypo: 8` and twoTypos: 6`."));
    }
}

BOOST_AUTO_TEST_SUITE_END()
