// The request-time checks of the v1.1.1 settings and JSON-body routes as pure functions
// (spec/meilisearch.md §9.1, §9.2): every setting's type, nested unknown keys with the key's
// code, ranking rules, typo sizes, u8 overflow, and the normalized details.
#include "server/meili_settings_validation.hpp"

#include <boost/test/unit_test.hpp>

#include "server/meili_payload.hpp"

using namespace taskcheck;
using namespace taskcheck::server;

namespace {

// "<code>: <message>" of the rejection, or the normalized settings' JSON.
std::string settings(const std::string& body) {
    auto read = read_settings(MeiliJson::parse(body));
    return read.ok() ? read.value().dump() : read.error().code + ": " + read.error().message;
}

std::string setting(std::string_view name, const std::string& body) {
    for (const SettingsKey& key : settings_keys()) {
        if (key.name != name) continue;
        auto read = read_setting(key, MeiliJson::parse(body));
        return read.ok() ? read.value().dump() : read.error().code + ": " + read.error().message;
    }
    return "no such key";
}

std::string json_body(std::optional<std::string_view> type, std::string_view body) {
    auto read = read_json_body(type, body);
    return read.ok() ? read.value().dump()
                     : std::to_string(read.error().http_status) + " " + read.error().code + ": " +
                           read.error().message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_settings_validation)

BOOST_AUTO_TEST_CASE(an_unknown_top_level_key_or_a_non_object_is_bad_request) {
    BOOST_TEST(settings(R"({"foo":1})") ==
               "bad_request: Unknown field `foo`: expected one of `displayedAttributes`, "
               "`searchableAttributes`, `filterableAttributes`, `sortableAttributes`, "
               "`rankingRules`, `stopWords`, `synonyms`, `distinctAttribute`, `typoTolerance`, "
               "`faceting`, `pagination`");
    BOOST_TEST(settings(R"({"rankingRule":[]})")
                   .starts_with("bad_request: Unknown field `rankingRule`: did you mean "
                                "`rankingRules`? expected one of"));
    BOOST_TEST(settings("[]") ==
               "bad_request: Invalid value type: expected an object, but found an array: `[]`");
    BOOST_TEST(settings("null") ==
               "bad_request: Invalid value type: expected an object, but found null");
}

BOOST_AUTO_TEST_CASE(each_setting_has_its_type_and_its_code) {
    BOOST_TEST(settings(R"({"displayedAttributes":"x"})") ==
               "invalid_settings_displayed_attributes: Invalid value type at "
               "`.displayedAttributes`: expected an array, but found a string: `\"x\"`");
    BOOST_TEST(settings(R"({"searchableAttributes":[true]})") ==
               "invalid_settings_searchable_attributes: Invalid value type at "
               "`.searchableAttributes[0]`: expected a string, but found a boolean: `true`");
    BOOST_TEST(settings(R"({"filterableAttributes":{}})")
                   .starts_with("invalid_settings_filterable_attributes: Invalid value type at "
                                "`.filterableAttributes`"));
    BOOST_TEST(settings(R"({"sortableAttributes":[null]})") ==
               "invalid_settings_sortable_attributes: Invalid value type at "
               "`.sortableAttributes[0]`: expected a string, but found null");
    BOOST_TEST(settings(R"({"synonyms":{"a":"b"}})") ==
               "invalid_settings_synonyms: Invalid value type at `.synonyms.a`: expected an "
               "array, but found a string: `\"b\"`");
    BOOST_TEST(settings(R"({"distinctAttribute":1})") ==
               "invalid_settings_distinct_attribute: Invalid value type at `.distinctAttribute`: "
               "expected a string, but found a positive integer: `1`");
    BOOST_TEST(settings(R"({"faceting":{"maxValuesPerFacet":-1}})") ==
               "invalid_settings_faceting: Invalid value type at `.faceting.maxValuesPerFacet`: "
               "expected a positive integer, but found a negative integer: `-1`");
    BOOST_TEST(settings(R"({"pagination":{"maxTotalHits":1.5}})") ==
               "invalid_settings_pagination: Invalid value type at `.pagination.maxTotalHits`: "
               "expected a positive integer, but found a number: `1.5`");
    BOOST_TEST(settings(R"({"pagination":{"maxTotalHit":5}})") ==
               "invalid_settings_pagination: Unknown field `maxTotalHit` inside `.pagination`: "
               "did you mean `maxTotalHits`? expected one of `maxTotalHits`");
}

BOOST_AUTO_TEST_CASE(keys_are_checked_in_body_order_and_the_first_error_wins) {
    BOOST_TEST(settings(R"({"stopWords":[1],"foo":2})").starts_with("invalid_settings_stop_words"));
    BOOST_TEST(settings(R"({"foo":2,"stopWords":[1]})").starts_with("bad_request"));
}

BOOST_AUTO_TEST_CASE(typo_tolerance_nested_keys_sizes_and_overflow) {
    BOOST_TEST(settings(R"({"typoTolerance":{"x":1}})") ==
               "invalid_settings_typo_tolerance: Unknown field `x` inside `.typoTolerance`: "
               "expected one of `enabled`, `minWordSizeForTypos`, `disableOnWords`, "
               "`disableOnAttributes`");
    BOOST_TEST(settings(R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":300}}})") ==
               "invalid_settings_typo_tolerance: Invalid value at "
               "`.typoTolerance.minWordSizeForTypos.oneTypo`: value: `300` is too large to be "
               "deserialized, maximum value authorized is `255`");
    BOOST_TEST(
        settings(R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10,"twoTypos":5}}})") ==
        "invalid_settings_typo_tolerance: Invalid value at "
        "`.typoTolerance.minWordSizeForTypos`: `minWordSizeForTypos` setting is invalid. "
        "`oneTypo` and `twoTypos` fields should be between `0` and `255`, and `twoTypos` "
        "should be greater or equals to `oneTypo` but found `oneTypo: 10` and twoTypos: "
        "5`.");
    // Only one size: accepted here; a conflict with the stored size is a processing error.
    BOOST_TEST(settings(R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10}}})") ==
               R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10}}})");
    BOOST_TEST(settings(R"({"typoTolerance":{"enabled":"yes"}})") ==
               "invalid_settings_typo_tolerance: Invalid value type at `.typoTolerance.enabled`: "
               "expected a boolean, but found a string: `\"yes\"`");
}

BOOST_AUTO_TEST_CASE(ranking_rules_are_built_in_or_field_asc_desc_and_geo_is_reserved) {
    BOOST_TEST(settings(R"({"rankingRules":["words","price:asc","a:b:desc"]})") ==
               R"({"rankingRules":["words","price:asc","a:b:desc"]})");
    BOOST_TEST(settings(R"({"rankingRules":["words","Typo"]})") ==
               "invalid_settings_ranking_rules: Invalid value at `.rankingRules[1]`: `Typo` "
               "ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, "
               "attribute, exactness and custom ranking rules.");
    BOOST_TEST(settings(R"({"rankingRules":[5]})") ==
               "invalid_settings_ranking_rules: Invalid value type at `.rankingRules[0]`: "
               "expected a string, but found a positive integer: `5`");
    BOOST_TEST(setting("rankingRules", R"(["_geo:asc"])") ==
               "invalid_settings_ranking_rules: Invalid value at `[0]`: `_geo` is a reserved "
               "keyword and thus can't be used as a ranking rule");
    BOOST_TEST(setting("rankingRules", R"(["_geoPoint:desc"])") ==
               "invalid_settings_ranking_rules: Invalid value at `[0]`: `_geoPoint` is a reserved "
               "keyword and thus can't be used as a ranking rule. `_geoPoint` can only be used for "
               "sorting at search time");
    BOOST_TEST(setting("rankingRules", R"(["_geoRadius:asc"])") ==
               "invalid_settings_ranking_rules: Invalid value at `[0]`: `_geoRadius` is a "
               "reserved keyword and thus can't be used as a ranking rule. `_geoRadius` can only "
               "be used for filtering at search time");
}

BOOST_AUTO_TEST_CASE(sub_route_bodies_are_the_value_with_no_location) {
    BOOST_TEST(setting("stopWords", R"("doggo")") ==
               "invalid_settings_stop_words: Invalid value type: expected an array, but found a "
               "string: `\"doggo\"`");
    BOOST_TEST(setting("typoTolerance", R"({"typoTolerance":{}})") ==
               "invalid_settings_typo_tolerance: Unknown field `typoTolerance`: expected one of "
               "`enabled`, `minWordSizeForTypos`, `disableOnWords`, `disableOnAttributes`");
    BOOST_TEST(setting("typoTolerance", R"({"minWordSizeForTypos":{"oneTypo":6,"twoTypos":2}})")
                   .starts_with("invalid_settings_typo_tolerance: Invalid value at "
                                "`.minWordSizeForTypos`: `minWordSizeForTypos` setting"));
    BOOST_TEST(setting("faceting", "null") == R"({"faceting":null})");
    BOOST_TEST(setting("pagination", "{}") == R"({"pagination":{}})");
}

BOOST_AUTO_TEST_CASE(details_sort_sets_and_synonyms_and_keep_struct_order) {
    BOOST_TEST(settings(R"({"stopWords":["b","a","b"],"displayedAttributes":["z","a"]})") ==
               R"({"stopWords":["a","b"],"displayedAttributes":["z","a"]})");
    BOOST_TEST(settings(R"({"synonyms":{"z":["y"],"a":["c","b"]}})") ==
               R"({"synonyms":{"a":["c","b"],"z":["y"]}})");
    BOOST_TEST(settings(R"({"typoTolerance":{"disableOnWords":["b","a"],"enabled":false}})") ==
               R"({"typoTolerance":{"enabled":false,"disableOnWords":["a","b"]}})");
}

BOOST_AUTO_TEST_CASE(json_routes_accept_any_json_media_type_and_name_the_others) {
    BOOST_TEST(json_body("application/json; charset=utf-8", "{}") == "{}");
    BOOST_TEST(json_body("text/json", "{}") == "{}");
    BOOST_TEST(json_body("application/merge-patch+json", "{}") == "{}");
    BOOST_TEST(json_body(std::nullopt, "{}") ==
               "415 missing_content_type: A Content-Type header is missing. Accepted values for "
               "the Content-Type header are: `application/json`");
    BOOST_TEST(json_body("text/plain", "{}") ==
               "415 invalid_content_type: The Content-Type `text/plain` is invalid. Accepted "
               "values for the Content-Type header are: `application/json`");
    BOOST_TEST(json_body("", "{}").starts_with("415 invalid_content_type: The Content-Type `` "));
    BOOST_TEST(json_body("json", "{}").starts_with("415 invalid_content_type"));
}

BOOST_AUTO_TEST_CASE(a_delete_batch_body_that_is_not_an_array_is_serdes_error) {
    auto text = [](std::string_view body) {
        return not_a_sequence(body, MeiliJson::parse(body)).message;
    };
    BOOST_TEST(text(R"("doggo")") ==
               "Json deserialize error: invalid type: string \"doggo\", expected a sequence at "
               "line 1 column 7");
    BOOST_TEST(text(R"({"a":1})") ==
               "Json deserialize error: invalid type: map, expected a sequence at line 1 column 1");
    BOOST_TEST(text("12") ==
               "Json deserialize error: invalid type: integer `12`, expected a sequence at line "
               "1 column 2");
    BOOST_TEST(text("null") ==
               "Json deserialize error: invalid type: null, expected a sequence at line 1 column "
               "4");
}

BOOST_AUTO_TEST_SUITE_END()
