// deserr's did-you-mean for unknown query parameters (did_you_mean.hpp, spec/meilisearch.md §1.2).
#include "model/meili/did_you_mean.hpp"

#include <array>
#include <boost/test/unit_test.hpp>

#include "model/meili/task_route.hpp"

using namespace taskcheck::meili;

namespace {

std::string suggest(TaskRoute route, std::string_view received) {
    return std::string(closest_key(route_parameters(route), received).value_or("<none>"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_did_you_mean)

BOOST_AUTO_TEST_CASE(distance_counts_insertions_deletions_substitutions) {
    BOOST_TEST(damerau_levenshtein("", "abc") == 3u);
    BOOST_TEST(damerau_levenshtein("abc", "") == 3u);
    BOOST_TEST(damerau_levenshtein("kitten", "sitting") == 3u);
    BOOST_TEST(damerau_levenshtein("statuses", "statuses") == 0u);
}

BOOST_AUTO_TEST_CASE(adjacent_transposition_costs_one) {
    BOOST_TEST(damerau_levenshtein("form", "from") == 1u);
    BOOST_TEST(damerau_levenshtein("ab", "ba") == 1u);
}

// strsim::damerau_levenshtein is the unrestricted distance: "ca" -> "ac" -> "abc" is 2, where
// the optimal-string-alignment variant would say 3.
BOOST_AUTO_TEST_CASE(distance_is_unrestricted_damerau_levenshtein) {
    BOOST_TEST(damerau_levenshtein("ca", "abc") == 2u);
    BOOST_TEST(damerau_levenshtein("abc", "ca") == 2u);
}

BOOST_AUTO_TEST_CASE(distance_counts_code_points_not_bytes) {
    BOOST_TEST(damerau_levenshtein("\xC3\xA9", "e") == 1u);  // é vs e
    BOOST_TEST(damerau_levenshtein("ab\xC3\xA9", "ab\xC3\xA8") == 1u);
}

BOOST_AUTO_TEST_CASE(typos_allowed_grow_with_the_key_length_in_bytes) {
    BOOST_TEST(!typos_allowed("lol").has_value());
    BOOST_TEST(!typos_allowed("").has_value());
    BOOST_TEST(typos_allowed("limt").value() == 1u);
    BOOST_TEST(typos_allowed("statuse").value() == 1u);
    BOOST_TEST(typos_allowed("indexUid").value() == 2u);
    BOOST_TEST(typos_allowed("123456789012").value() == 2u);
    BOOST_TEST(typos_allowed("1234567890123").value() == 3u);
    BOOST_TEST(typos_allowed("12345678901234567").value() == 3u);
    BOOST_TEST(typos_allowed("123456789012345678").value() == 4u);
    BOOST_TEST(typos_allowed("123456789012345678901234").value() == 4u);
    BOOST_TEST(typos_allowed("1234567890123456789012345").value() == 5u);
}

BOOST_AUTO_TEST_CASE(near_misses_get_the_intended_parameter) {
    BOOST_TEST(suggest(TaskRoute::list, "statuse") == "statuses");
    BOOST_TEST(suggest(TaskRoute::list, "indexUid") == "indexUids");
    BOOST_TEST(suggest(TaskRoute::list, "limt") == "limit");
    BOOST_TEST(suggest(TaskRoute::list, "form") == "from");
    BOOST_TEST(suggest(TaskRoute::cancel, "canceledby") == "canceledBy");
    BOOST_TEST(suggest(TaskRoute::delete_, "afterEnqueued") == "afterEnqueuedAt");
}

BOOST_AUTO_TEST_CASE(keys_of_three_bytes_or_fewer_never_get_a_suggestion) {
    BOOST_TEST(suggest(TaskRoute::list, "lol") == "<none>");
    BOOST_TEST(suggest(TaskRoute::list, "uid") == "<none>");  // 1 edit from `uids`
}

BOOST_AUTO_TEST_CASE(the_length_rule_counts_utf8_bytes) {
    std::array<std::string_view, 1> accepted = {"ab\xC3\xA9"};    // "abé"
    BOOST_TEST(closest_key(accepted, "ab\xC3\xA8").has_value());  // "abè": 3 chars, 4 bytes
    std::array<std::string_view, 1> ascii = {"abd"};
    BOOST_TEST(!closest_key(ascii, "abc").has_value());  // 3 bytes: never
}

BOOST_AUTO_TEST_CASE(route_without_the_parameter_suggests_nothing_close) {
    BOOST_TEST(suggest(TaskRoute::cancel, "form") == "<none>");
    BOOST_TEST(suggest(TaskRoute::delete_, "limit") == "<none>");
}

BOOST_AUTO_TEST_CASE(a_tie_goes_to_the_key_listed_first) {
    std::array<std::string_view, 3> accepted = {"abcz", "abcd", "abce"};
    BOOST_TEST(closest_key(accepted, "abcx").value() == "abcz");
    std::array<std::string_view, 2> closer_second = {"abyy", "abcd"};
    BOOST_TEST(closest_key(closer_second, "abcx").value() == "abcd");
}

BOOST_AUTO_TEST_CASE(suggestion_text_ends_with_a_space) {
    BOOST_TEST(did_you_mean(route_parameters(TaskRoute::list), "statuse") ==
               "did you mean `statuses`? ");
    BOOST_TEST(did_you_mean(route_parameters(TaskRoute::list), "lol") == "");
}

BOOST_AUTO_TEST_SUITE_END()
