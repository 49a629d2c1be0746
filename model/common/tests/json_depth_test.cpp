// json_depth: the one nesting limit the runner, the loaders and both server profiles share.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "model/common/json_depth.hpp"
#include "model/common/json_pointer.hpp"

using namespace taskcheck;

namespace {

std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

BOOST_AUTO_TEST_SUITE(common_json_depth)

BOOST_AUTO_TEST_CASE(text_at_the_limit_passes_and_one_more_level_is_located) {
    BOOST_TEST(!json_depth_excess(nested_arrays(128), 128).has_value());
    auto excess = json_depth_excess("{\n \"a\": " + nested_arrays(128) + "}", 128);
    BOOST_REQUIRE(excess.has_value());
    BOOST_TEST(excess->line == 2u);
    BOOST_TEST(excess->column == 134u);  // the 128th '[' after ` "a": `, the 129th level
    BOOST_TEST(excess->offset == 2u + 133u);
}

BOOST_AUTO_TEST_CASE(brackets_inside_strings_and_escaped_quotes_do_not_count) {
    BOOST_TEST(!json_depth_excess(R"({"a":"[[[[\"{{{{"})", 2).has_value());
    BOOST_TEST(json_depth_excess(R"({"a":"\\",  "b":[[1]]})", 2).has_value());
}

BOOST_AUTO_TEST_CASE(pointer_names_the_first_container_past_the_limit) {
    auto value = nlohmann::json::parse(R"({"ok":[1],"deep/er":[0,{"x~":[[]]}]})");
    BOOST_TEST(!pointer_deeper_than(value, 5).has_value());  // {, [, {, [, [
    BOOST_TEST(pointer_deeper_than(value, 4).value() == "/deep~1er/1/x~0/0");
    BOOST_TEST(pointer_deeper_than(value, 3).value() == "/deep~1er/1/x~0");
    BOOST_TEST(pointer_deeper_than(value, 0).value() == "");
}

BOOST_AUTO_TEST_CASE(a_very_deep_value_is_walked_without_recursion) {
    auto value = nlohmann::json::parse(nested_arrays(100000));
    BOOST_TEST(pointer_deeper_than(value).value().size() == kJsonDepthMax * 2);
}

BOOST_AUTO_TEST_CASE(pointer_tokens_escape_tilde_before_slash) {
    BOOST_TEST(json_pointer_token("a/b~c") == "a~1b~0c");
    BOOST_TEST(json_pointer_token("~1") == "~01");  // not read back as "/"
    BOOST_TEST(json_pointer_token("") == "");
}

BOOST_AUTO_TEST_SUITE_END()
