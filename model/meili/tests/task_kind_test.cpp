// Kind and status names: the wire names and v1.1's case-insensitive parsing (spec §0.8).
#include <boost/test/unit_test.hpp>

#include "model/meili/api_error.hpp"
#include "model/meili/task_kind.hpp"

using namespace taskcheck::meili;

BOOST_AUTO_TEST_SUITE(meili_task_kind)

BOOST_AUTO_TEST_CASE(every_kind_round_trips_through_its_wire_name) {
    for (int i = 0; i < kKindCount; ++i) {
        Kind k = static_cast<Kind>(i);
        BOOST_TEST(static_cast<int>(parse_kind(kind_name(k)).value()) == i);
    }
    BOOST_TEST(kind_name(Kind::document_addition_or_update) == "documentAdditionOrUpdate");
    BOOST_TEST(kind_name(Kind::snapshot_creation) == "snapshotCreation");
}

BOOST_AUTO_TEST_CASE(spec_0_8_statuses_and_types_parse_case_insensitively) {
    BOOST_TEST(parse_status("SUCCEEDED").value() == Status::succeeded);
    BOOST_TEST(parse_status("Canceled").value() == Status::canceled);
    BOOST_TEST(parse_kind("DOCUMENTADDITIONORUPDATE").value() == Kind::document_addition_or_update);
    BOOST_TEST(!parse_status("cancelled").has_value());
    BOOST_TEST(!parse_kind("documentAddition").has_value());
}

BOOST_AUTO_TEST_CASE(global_kinds_are_the_five_without_an_index) {
    int globals = 0;
    for (int i = 0; i < kKindCount; ++i) globals += is_global_kind(static_cast<Kind>(i)) ? 1 : 0;
    BOOST_TEST(globals == 5);
    BOOST_TEST(is_global_kind(Kind::index_swap));
    BOOST_TEST(!is_global_kind(Kind::index_deletion));
}

BOOST_AUTO_TEST_CASE(api_error_renders_message_code_type_link_in_order) {
    ApiError e{404, "Task `7` not found.", "task_not_found", "invalid_request"};
    BOOST_TEST(to_json(e).dump() ==
               R"({"message":"Task `7` not found.","code":"task_not_found","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#task_not_found"})");
}

BOOST_AUTO_TEST_SUITE_END()
