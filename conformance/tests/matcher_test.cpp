// Matcher unit tests: exact matching reports every difference by pointer, and each opt-in
// matcher accepts what it promises and rejects the rest.
#include "conformance/matcher.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::conformance;

namespace {

struct Matched {
    std::vector<Difference> differences;
    Json captures = Json::object();
};

Matched match(const char* expected, const char* actual, Json captures = Json::object()) {
    Matched m;
    m.captures = std::move(captures);
    Json a = Json::parse(actual);
    match_json(Json::parse(expected), &a, "", m.captures, m.differences);
    return m;
}

std::string render(const std::vector<Difference>& differences) {
    std::string out;
    for (const Difference& d : differences) {
        out += d.pointer + " expected " + d.expected + " actual " + d.actual;
        if (!d.note.empty()) out += " (" + d.note + ")";
        out += "\n";
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matcher)

BOOST_AUTO_TEST_CASE(exact_match_reports_every_difference_by_pointer) {
    Matched m = match(R"({"uid": 1, "status": "succeeded", "details": {"a": [1, 2]}})",
                      R"({"uid": 2, "status": "failed", "details": {"a": [1]}, "extra": true})");
    BOOST_TEST(render(m.differences) ==
               "/uid expected 1 actual 2\n"
               "/status expected \"succeeded\" actual \"failed\"\n"
               "/details/a/1 expected 2 actual (missing) (missing element)\n"
               "/extra expected (absent) actual true (unexpected key)\n");
}

BOOST_AUTO_TEST_CASE(missing_key_and_wrong_kind_are_named) {
    Matched m = match(R"({"a": 1, "b~/c": "x"})", R"({"b~/c": 5})");
    BOOST_TEST(render(m.differences) ==
               "/a expected 1 actual (missing) (missing key)\n"
               "/b~0~1c expected \"x\" actual 5 (expected string, found number)\n");
}

BOOST_AUTO_TEST_CASE(numbers_compare_by_value) {
    BOOST_TEST(match("1", "1.0").differences.empty());
    BOOST_TEST(match("[1, 2]", "[1, 2, 3]").differences.size() == 1u);
}

BOOST_AUTO_TEST_CASE(type_matchers_accept_and_reject) {
    BOOST_TEST(match(R"({"$type": "unsigned"})", "3").differences.empty());
    BOOST_TEST(render(match(R"({"$type": "unsigned"})", "-3").differences) ==
               " expected {\"$type\":\"unsigned\"} actual -3 (not of type unsigned)\n");
    BOOST_TEST(match(R"({"$type": "integer"})", "-3").differences.empty());
    BOOST_TEST(match(R"({"$type": "integer"})", "3.5").differences.size() == 1u);
    BOOST_TEST(
        match(R"({"$type": "rfc3339"})", R"("2021-09-08T09:08:45.3961665Z")").differences.empty());
    BOOST_TEST(match(R"({"$type": "rfc3339"})", R"("2021-09-08")").differences.size() == 1u);
    BOOST_TEST(match(R"({"$type": "duration"})", R"("PT0.001192S")").differences.empty());
    BOOST_TEST(match(R"({"$type": "duration"})", R"("P2DT3.5S")").differences.empty());
    BOOST_TEST(match(R"({"$type": "duration"})", R"("PT")").differences.size() == 1u);
    BOOST_TEST(match(R"({"$type": "boolean"})", "false").differences.empty());
    BOOST_TEST(match(R"({"$type": "string"})", "null").differences.size() == 1u);
}

BOOST_AUTO_TEST_CASE(nullable_accepts_null_or_the_inner_matcher) {
    const char* expected = R"({"$nullable": {"$type": "rfc3339"}})";
    BOOST_TEST(match(expected, "null").differences.empty());
    BOOST_TEST(match(expected, R"("2024-01-01T00:00:00Z")").differences.empty());
    BOOST_TEST(render(match(expected, "7").differences) ==
               " expected {\"$type\":\"rfc3339\"} actual 7 (not of type rfc3339)\n");
}

BOOST_AUTO_TEST_CASE(any_requires_presence) {
    BOOST_TEST(match(R"({"a": {"$any": true}})", R"({"a": [1]})").differences.empty());
    BOOST_TEST(render(match(R"({"a": {"$any": true}})", "{}").differences) ==
               "/a expected {\"$any\":true} actual (missing) (missing key)\n");
}

BOOST_AUTO_TEST_CASE(regex_is_searched_in_strings_only) {
    BOOST_TEST(match(R"({"$regex": "^task \\d+$"})", R"("task 12")").differences.empty());
    BOOST_TEST(render(match(R"({"$regex": "^a"})", R"("ba")").differences) ==
               " expected {\"$regex\":\"^a\"} actual \"ba\" (regex does not match)\n");
    BOOST_TEST(match(R"({"$regex": "1"})", "1").differences.at(0).note == "not a string");
}

BOOST_AUTO_TEST_CASE(capture_binds_on_first_use_and_must_match_later) {
    Matched first = match(R"({"taskUid": {"$capture": "t"}})", R"({"taskUid": 4})");
    BOOST_TEST(first.differences.empty());
    BOOST_TEST(first.captures.dump() == R"({"t":4})");
    Matched later = match(R"({"uid": {"$capture": "t"}})", R"({"uid": 5})", first.captures);
    BOOST_TEST(render(later.differences) ==
               "/uid expected 4 actual 5 (captured variable t was 4)\n");
}

BOOST_AUTO_TEST_CASE(subset_allows_extra_keys_but_checks_listed_ones) {
    const char* expected = R"({"$subset": {"status": "enqueued"}})";
    BOOST_TEST(match(expected, R"({"status": "enqueued", "uid": 3})").differences.empty());
    BOOST_TEST(render(match(expected, R"({"uid": 3})").differences) ==
               "/status expected \"enqueued\" actual (missing) (missing key)\n");
}

BOOST_AUTO_TEST_CASE(unordered_matches_any_permutation_of_same_length) {
    const char* expected = R"({"$unordered": [{"$regex": "^a"}, "ab"]})";
    // A greedy assignment would give "ab" to the regex and fail; matching must not.
    BOOST_TEST(match(expected, R"(["ab", "ax"])").differences.empty());
    BOOST_TEST(render(match(R"({"$unordered": [1, 2]})", "[2, 3]").differences) ==
               " expected 1 actual [2,3] (no element matches expected element 0)\n");
    BOOST_TEST(match(R"({"$unordered": [1]})", "[1, 1]").differences.at(0).note ==
               "array has 2 elements, expected 1");
}

BOOST_AUTO_TEST_CASE(contains_needs_a_distinct_element_for_each) {
    BOOST_TEST(
        match(R"({"$contains": [{"$subset": {"id": 2}}]})", R"([{"id": 1}, {"id": 2, "x": 0}])")
            .differences.empty());
    BOOST_TEST(match(R"({"$contains": [1, 1]})", "[1, 2]").differences.size() == 1u);
}

BOOST_AUTO_TEST_CASE(literal_expects_dollar_keys_verbatim) {
    BOOST_TEST(match(R"({"$literal": {"$type": "x"}})", R"({"$type": "x"})").differences.empty());
    BOOST_TEST(match(R"({"$literal": {"$type": "x"}})", R"("x")").differences.size() == 1u);
}

BOOST_AUTO_TEST_CASE(validation_names_the_bad_matcher) {
    auto problem = validate_expected(Json::parse(R"({"a": [{"$typ": "string"}]})"));
    BOOST_REQUIRE(problem);
    BOOST_TEST(problem->pointer == "/a/0/$typ");
    BOOST_TEST(problem->problem == "unknown matcher $typ");
    problem = validate_expected(Json::parse(R"({"$nullable": {"$type": "uint"}})"));
    BOOST_REQUIRE(problem);
    BOOST_TEST(problem->pointer == "/$nullable/$type");
    BOOST_TEST(problem->problem == "$type takes a type name, found \"uint\"");
    BOOST_TEST(!validate_expected(Json::parse(R"({"$literal": {"$typ": 1}})")));
    problem = validate_expected(Json::parse(R"({"$regex": "(", "x": 1})"));
    BOOST_REQUIRE(problem);
    BOOST_TEST(problem->problem == "a matcher object must have exactly one key");
}

BOOST_AUTO_TEST_SUITE_END()
