// TaskId parsing and the REST error envelope it produces (spec/elasticsearch.md §3.4, §7.1).
#include "model/es/task_id.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::es;
using nlohmann::ordered_json;

namespace {

std::string error_text(std::string_view id) {
    auto parsed = parse_task_id(id);
    BOOST_REQUIRE(!parsed.ok());
    return to_rest_json(parsed.error()).dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_task_id)

BOOST_AUTO_TEST_CASE(node_and_number_parse_and_format_back) {
    auto parsed = parse_task_id("oTUltX4IQMOUUVeiohTt8A:124");
    BOOST_REQUIRE(parsed.ok());
    BOOST_TEST(parsed->node == "oTUltX4IQMOUUVeiohTt8A");
    BOOST_TEST(parsed->number == 124);
    BOOST_TEST(parsed->to_string() == "oTUltX4IQMOUUVeiohTt8A:124");
}

BOOST_AUTO_TEST_CASE(empty_and_unset_text_mean_no_id) {
    BOOST_TEST(!parse_task_id("")->is_set());
    BOOST_TEST(!parse_task_id("unset")->is_set());
    BOOST_TEST(TaskId::unset().to_string() == "unset");
}

BOOST_AUTO_TEST_CASE(spec_7_1_node_minus_one_silently_means_unset) {
    auto parsed = parse_task_id("node:-1");
    BOOST_REQUIRE(parsed.ok());
    BOOST_TEST(!parsed->is_set());
}

BOOST_AUTO_TEST_CASE(spec_7_1_parent_task_id_minus_one_is_malformed) {
    BOOST_TEST(error_text("-1") ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception",)"
               R"("reason":"malformed task id -1"}],"type":"illegal_argument_exception",)"
               R"("reason":"malformed task id -1"},"status":400})");
}

BOOST_AUTO_TEST_CASE(non_numeric_part_adds_number_format_cause_but_root_is_the_iae) {
    BOOST_TEST(
        error_text("a:b:c") ==
        R"({"error":{"root_cause":[{"type":"illegal_argument_exception",)"
        R"("reason":"malformed task id a:b:c"}],"type":"illegal_argument_exception",)"
        R"("reason":"malformed task id a:b:c","caused_by":{"type":"number_format_exception",)"
        R"("reason":"For input string: \"b:c\""}},"status":400})");
}

BOOST_AUTO_TEST_CASE(java_long_rules_for_the_number) {
    BOOST_TEST(parse_task_id("n:+7")->number == 7);
    BOOST_TEST(parse_task_id("n:-5")->number == -5);
    BOOST_TEST(!parse_task_id("n:").ok());
    BOOST_TEST(!parse_task_id("n:+-5").ok());
    BOOST_TEST(!parse_task_id("n:9223372036854775808").ok());
    BOOST_TEST(parse_task_id(":3")->node == "");
    BOOST_TEST(!parse_task_id("foo").ok());
}

BOOST_AUTO_TEST_SUITE_END()
