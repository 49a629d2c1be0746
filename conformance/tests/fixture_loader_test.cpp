// Loader tests: a malformed fixture is an InputError whose whole text names the file, the line,
// the JSON Pointer, the problem and the fix; a good one loads into the expected steps.
#include "conformance/fixture_loader.hpp"

#include <boost/test/unit_test.hpp>

#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;

namespace {

// The message of the InputError that loading `text` throws, or "(loaded)".
std::string load_error(const std::string& text) {
    try {
        parse_fixture(text, "fx/bad.json");
    } catch (const taskcheck::InputError& e) {
        return e.what();
    }
    return "(loaded)";
}

const char* const kGood = R"({
  "name": "cancel an enqueued task",
  "profile": "meilisearch",
  "versions": ">=1.1 <1.12",
  "tags": ["cancel"],
  "source": {"doc": "meilisearch-tasks.txt", "section": "Canceling tasks",
             "quote": "You can cancel a task while it is enqueued or processing"},
  "steps": [
    {"request": {"method": "POST", "path": "/indexes", "body": {"uid": "movies"}},
     "expect": {"status": 202, "body": {"taskUid": {"$capture": "t"}}}},
    {"poll": {"request": {"method": "GET", "path": "/tasks/{{t}}"}, "at": "/status",
              "terminal": ["succeeded", "failed"], "expect": "succeeded"}}
  ],
  "teardown": [{"fault": "restart"}]
})";

}  // namespace

BOOST_AUTO_TEST_SUITE(fixture_loader)

BOOST_AUTO_TEST_CASE(good_fixture_loads_every_part) {
    Fixture f = parse_fixture(kGood, "fx/good.json");
    BOOST_TEST(f.name == "cancel an enqueued task");
    BOOST_TEST(f.profile == "meilisearch");
    BOOST_TEST(f.versions.contains({1, 11, 3}));
    BOOST_TEST(!f.versions.contains({1, 12}));
    BOOST_TEST(f.provenance.section == "Canceling tasks");
    BOOST_REQUIRE(f.steps.size() == 3u);
    BOOST_TEST(f.steps[0].line == 9);
    BOOST_TEST(f.steps[1].poll.order.size() == 2u);
    BOOST_TEST(f.steps[1].poll.deadline_ms == 10000);
    BOOST_TEST(phase_name(f.steps[2].phase) == "teardown");
    BOOST_TEST(f.uses_faults());
}

BOOST_AUTO_TEST_CASE(syntax_error_names_file_and_line) {
    BOOST_TEST(load_error("{\n  \"name\": \"x\",\n  \"profile\" \"meilisearch\"\n}") ==
               "fixture-syntax: fx/bad.json:3: syntax error while parsing object separator - "
               "unexpected string literal; expected ':'; the file must be one JSON document "
               "(RFC 8259, no comments)");
}

BOOST_AUTO_TEST_CASE(unknown_key_names_pointer_line_and_allowed_keys) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\",\n"
                          " \"steps\": [\n  {\"request\": {\"method\": \"GET\", \"path\": \"/\"},\n"
                          "   \"expcet\": {}}]}") ==
               "fixture-invalid: fx/bad.json:4 /steps/0/expcet: unknown key \"expcet\"; allowed "
               "keys here: name, request, expect, capture, poll, fault, sleep_ms");
}

BOOST_AUTO_TEST_CASE(wrong_type_is_reported_at_its_line) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"request\": {\"method\": \"GET\", \"path\": \"/\"},\n"
                          " \"expect\": {\"status\": \"202\"}}]}") ==
               "fixture-invalid: fx/bad.json:3 /steps/0/expect/status: must be an integer status "
               "code or a matcher; write e.g. \"status\": 202");
}

BOOST_AUTO_TEST_CASE(bad_matcher_is_a_fixture_error) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"request\": {\"method\": \"GET\", \"path\": \"/\"},\n"
                          " \"expect\": {\"body\": {\"a\":\n {\"$type\": \"uint\"}}}}]}") ==
               "fixture-invalid: fx/bad.json:4 /steps/0/expect/body/a/$type: $type takes a type "
               "name, found \"uint\"; use one of: string integer unsigned number boolean null "
               "object array rfc3339 duration");
}

BOOST_AUTO_TEST_CASE(variable_used_before_capture_is_rejected) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"request\": {\"method\": \"GET\", \"path\": \"/tasks/{{t}}\"}}]}") ==
               "fixture-invalid: fx/bad.json:2 /steps/0/request/path: {{t}} is not captured by "
               "an earlier step; capture it first with \"capture\" or {\"$capture\": \"t\"}");
}

BOOST_AUTO_TEST_CASE(missing_steps_and_unknown_profile_and_bad_range) {
    BOOST_TEST(load_error(R"({"name": "x", "profile": "meilisearch"})") ==
               "fixture-invalid: fx/bad.json:1: missing required key \"steps\"");
    BOOST_TEST(load_error(R"({"name": "x", "profile": "meili", "steps": []})") ==
               "fixture-invalid: fx/bad.json:1 /profile: unknown profile \"meili\"; use "
               "\"meilisearch\" or \"elasticsearch\"");
    BOOST_TEST(load_error(R"({"name": "x", "profile": "meilisearch", "versions": ">=1.x",
                              "steps": []})") ==
               "fixture-invalid: fx/bad.json:1 /versions: \">=1.x\" is not a version range; write "
               "e.g. \">=1.1\", \">=1.1 <1.12\" or \"<7.17 || >=8.2\"");
}

BOOST_AUTO_TEST_CASE(poll_expect_must_be_terminal_and_step_needs_one_kind) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"poll\": {\"request\": {\"method\": \"GET\", \"path\": \"/\"},\n"
                          " \"at\": \"/status\", \"terminal\": [\"succeeded\"],\n"
                          " \"expect\": \"suceeded\"}}]}") ==
               "fixture-invalid: fx/bad.json:4 /steps/0/poll/expect: \"suceeded\" is not one of "
               "\"terminal\"; add it to \"terminal\" or fix the spelling");
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"fault\": \"kill\", \"sleep_ms\": 5}]}") ==
               "fixture-invalid: fx/bad.json:2 /steps/0: a step has exactly one of \"request\", "
               "\"poll\", \"fault\", \"sleep_ms\" or (alone) \"capture\"; split it into several "
               "steps");
}

// Issue 12: a 10,000-deep expected body segfaulted the runner (every later pass recursed).
BOOST_AUTO_TEST_CASE(nesting_past_the_limit_is_rejected_at_its_pointer_and_line) {
    std::string deep = std::string(10000, '[') + std::string(10000, ']');
    std::string error = load_error(
        "{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
        "{\"request\": {\"method\": \"GET\", \"path\": \"/\"},\n"
        " \"expect\": {\"body\":\n" +
        deep + "}}]}");
    std::string pointer = "/steps/0/expect/body";
    for (int i = 0; i < 124; ++i)
        pointer += "/0";
    BOOST_TEST(error == "fixture-invalid: fx/bad.json:4 " + pointer +
                            ": nests deeper than 128 arrays/objects; flatten this value; deeper "
                            "JSON is not supported (docs/fixture-format.md)");
}

BOOST_AUTO_TEST_CASE(nesting_up_to_the_limit_loads) {
    std::string body = std::string(124, '[') + std::string(124, ']');
    Fixture f = parse_fixture(R"({"name": "x", "profile": "meilisearch", "steps": [
        {"request": {"method": "GET", "path": "/"}, "expect": {"body": )" +
                                  body + "}}]}",
                              "fx/deep.json");
    BOOST_TEST(f.steps.at(0).expect.body->dump().size() == 248u);
}

BOOST_AUTO_TEST_CASE(status_outside_100_to_599_is_rejected) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"request\": {\"method\": \"GET\", \"path\": \"/\"},\n"
                          " \"expect\": {\"status\": 99999}}]}") ==
               "fixture-invalid: fx/bad.json:3 /steps/0/expect/status: 99999 is not an HTTP "
               "status code; use a code from 100 to 599, e.g. \"status\": 202");
}

BOOST_AUTO_TEST_CASE(control_characters_in_path_or_header_are_rejected) {
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"request\": {\"method\": \"GET\",\n"
                          " \"path\": \"/tasks\\r\\nHost: evil\"}}]}") ==
               "fixture-invalid: fx/bad.json:3 /steps/0/request/path: the path holds \"\\r\" at "
               "byte 6, which cannot be sent in an HTTP request; percent-encode it (%0D) or "
               "remove it");
    BOOST_TEST(load_error("{\"name\": \"x\", \"profile\": \"meilisearch\", \"steps\": [\n"
                          "{\"request\": {\"method\": \"GET\", \"path\": \"/\",\n"
                          " \"headers\": {\"X-A\": \"a\\nb\"}}}]}") ==
               "fixture-invalid: fx/bad.json:3 /steps/0/request/headers/X-A: the header value "
               "holds \"\\n\" at byte 1, which cannot be sent in an HTTP request; remove it; CR "
               "and LF would end the header");
}

BOOST_AUTO_TEST_CASE(unreadable_file_is_an_input_error) {
    try {
        load_fixtures("/nonexistent/x.json");
        BOOST_FAIL("loaded a missing file");
    } catch (const taskcheck::InputError& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "fixture-unreadable: /nonexistent/x.json: cannot open the file; check the "
                   "path and its permissions");
    }
}

BOOST_AUTO_TEST_SUITE_END()
