// Scenario files: canonical text, byte-identical round trips, and errors that name the file, the
// line, the JSON Pointer and the fix.
#include "sim/scenario_file.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "model/common/input_error.hpp"
#include "sim/json_pointer_line.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;
using nlohmann::ordered_json;

namespace {

Scenario small_scenario() {
    Scenario scenario;
    scenario.profile = "elasticsearch";
    scenario.seed = 8471923;
    scenario.options.duration = seconds(60);
    scenario.options.network.node_count = 3;
    scenario.options.profile_options = ordered_json::parse(R"({"tasks_per_s":100})");
    scenario.workload = {ordered_json::parse(R"({"op":"start_tree","depth":2})"),
                         ordered_json::parse(R"({"op":"cancel","task":"n0:1"})")};
    scenario.faults = {{ms(5), FaultKind::crash, 1, 0, {}, {}, 0},
                       {seconds(2), FaultKind::partition_symmetric, 0, ms(300), {2}, {}, 0}};
    return scenario;
}

// The error message parse_scenario gives for `text`, or "" if it parses.
std::string error_of(const std::string& text) {
    try {
        parse_scenario(text, "split.json");
    } catch (const InputError& error) {
        return error.what();
    }
    return "";
}

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_file)

BOOST_AUTO_TEST_CASE(text_is_canonical_with_one_item_per_line) {
    const std::string text = scenario_to_text(small_scenario());
    const std::string head =
        "{\n  \"format\": \"taskcheck-scenario\",\n  \"version\": 1,\n"
        "  \"profile\": \"elasticsearch\",\n  \"seed\": 8471923,\n  \"options\": {\n"
        "    \"duration_ns\": 60000000000,\n    \"network\": {\n      \"node_count\": 3,\n";
    BOOST_TEST(text.substr(0, head.size()) == head);
    const std::string tail =
        "    \"profile_options\": {\n      \"tasks_per_s\": 100\n    }\n  },\n"
        "  \"workload\": [\n    {\"op\":\"start_tree\",\"depth\":2},\n"
        "    {\"op\":\"cancel\",\"task\":\"n0:1\"}\n  ],\n  \"faults\": [\n"
        "    {\"at_ns\":5000000,\"kind\":\"crash\",\"node\":1},\n"
        "    {\"at_ns\":2000000000,\"kind\":\"partition_symmetric\",\"nodes\":[2],"
        "\"duration_ns\":300000000}\n  ]\n}\n";
    BOOST_TEST(text.substr(text.size() - tail.size()) == tail);
}

BOOST_AUTO_TEST_CASE(parse_then_save_is_byte_identical) {
    const std::string text = scenario_to_text(small_scenario());
    const Scenario parsed = parse_scenario(text, "x.json");
    BOOST_TEST(scenario_to_text(parsed) == text);
    BOOST_TEST((parsed == small_scenario()));
    BOOST_TEST(parsed.workload[1].dump() == R"({"op":"cancel","task":"n0:1"})");
}

BOOST_AUTO_TEST_CASE(files_save_and_load) {
    const auto path = std::filesystem::temp_directory_path() / "taskcheck_sim_core_scenario.json";
    save_scenario_file(small_scenario(), path.string());
    BOOST_TEST((load_scenario_file(path.string()) == small_scenario()));
    std::filesystem::remove(path);
    try {
        load_scenario_file("/nonexistent/s.json");
        BOOST_FAIL("no InputError");
    } catch (const InputError& error) {
        BOOST_TEST(
            std::string(error.what()) ==
            "scenario-unreadable: /nonexistent/s.json: cannot open the file; check the path");
    }
}

BOOST_AUTO_TEST_CASE(missing_optional_parts_take_defaults) {
    const Scenario scenario = parse_scenario(
        R"({"format":"taskcheck-scenario","version":1,"profile":"meilisearch","seed":1,)"
        R"("options":{},"workload":[],"faults":[]})",
        "min.json");
    BOOST_TEST(scenario.options.duration == seconds(60));
    BOOST_TEST(scenario.options.network.node_count == 1u);
    BOOST_TEST(scenario.options.profile_options.dump() == "{}");
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_the_line) {
    const std::string text =
        with(scenario_to_text(small_scenario()), "\"seed\": 8471923,", "\"seed\": ,");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:5: JSON syntax error: syntax error while parsing "
               "value - unexpected ','; expected '[', '{', or a literal; fix the JSON syntax");
}

BOOST_AUTO_TEST_CASE(wrong_format_and_version_are_rejected_first) {
    BOOST_TEST(error_of(R"({"format":"fixture"})") ==
               "scenario-invalid: split.json:1 /format: expected \"format\": "
               "\"taskcheck-scenario\", found \"fixture\"; this is not a taskcheck scenario file");
    const std::string text =
        with(scenario_to_text(small_scenario()), "\"version\": 1", "\"version\": 2");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:3 /version: unsupported version 2; "
               "this build reads version 1");
}

BOOST_AUTO_TEST_CASE(a_fault_past_the_duration_names_its_pointer_and_line) {
    const std::string text =
        with(scenario_to_text(small_scenario()), "\"at_ns\":2000000000", "\"at_ns\":90000000000");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:51 /faults/1/at_ns: 90000000000 is outside "
               "0..duration_ns 60000000000; lower at_ns or raise duration_ns");
}

BOOST_AUTO_TEST_CASE(bad_options_name_the_nested_pointer) {
    std::string text = with(scenario_to_text(small_scenario()), "\"drop_probability\": \"0/1\"",
                            "\"drop_probability\": 0.5");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:12 /options/network/drop_probability: expected a "
               "probability \"n/d\" with n <= d, found float 0.5; write it as a string such as "
               "\"1/100\"");
    text =
        with(scenario_to_text(small_scenario()), "\"seed\": 8471923,", "\"seed\": 1, \"sed\": 2,");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:5 /sed: unknown key \"sed\" in a scenario; allowed "
               "keys: format, version, profile, seed, trace_hash, options, workload, faults");
}

BOOST_AUTO_TEST_CASE(a_recorded_trace_hash_follows_the_seed_and_round_trips) {
    // A checked-in scenario pins the hash its replay must give; it is written right after the
    // seed and must be 16 lowercase hex digits.
    Scenario scenario = small_scenario();
    scenario.trace_hash = "00c0ffee00c0ffee";
    const std::string text = scenario_to_text(scenario);
    BOOST_TEST(text.find("  \"seed\": 8471923,\n  \"trace_hash\": \"00c0ffee00c0ffee\",\n") !=
               std::string::npos);
    const Scenario back = parse_scenario(text, "split.json");
    BOOST_TEST(back.trace_hash.value_or("") == "00c0ffee00c0ffee");
    BOOST_TEST(scenario_to_text(back) == text);
    BOOST_TEST(!parse_scenario(scenario_to_text(small_scenario()), "a.json").trace_hash);
    BOOST_TEST(error_of(with(text, "00c0ffee00c0ffee", "00C0FFEE")) ==
               "scenario-invalid: split.json:6 /trace_hash: expected 16 lowercase hex digits, "
               "found \"00C0FFEE\"; copy the trace_hash a replay prints, e.g. "
               "\"00c0ffee00c0ffee\"");
}

// Issue 12: a 100,000-deep value crashed replay (exit 139) while its error message dumped it.
BOOST_AUTO_TEST_CASE(nesting_past_the_limit_is_rejected_at_its_pointer) {
    Scenario scenario = small_scenario();
    scenario.trace_hash = "00c0ffee00c0ffee";
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string text =
        with(scenario_to_text(scenario), "\"00c0ffee00c0ffee\"", "[\n" + deep + "]");
    std::string pointer = "/trace_hash/0";
    for (int i = 0; i < 126; ++i)
        pointer += "/0";
    BOOST_TEST(error_of(text) == "scenario-invalid: split.json:7 " + pointer +
                                     ": nests deeper than 128 arrays/objects; flatten this value; "
                                     "deeper JSON is not supported");
}

BOOST_AUTO_TEST_CASE(workload_items_must_be_objects) {
    const std::string text = with(scenario_to_text(small_scenario()),
                                  "{\"op\":\"cancel\",\"task\":\"n0:1\"}", "\"cancel\"");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:47 /workload/1: expected an operation object, found "
               "string; write each operation as {...}");
}

BOOST_AUTO_TEST_CASE(missing_keys_point_at_their_object) {
    const std::string text = with(scenario_to_text(small_scenario()), "\"kind\":\"crash\",", "");
    BOOST_TEST(error_of(text) ==
               "scenario-invalid: split.json:50 /faults/0: a fault has no "
               "\"kind\"; add \"kind\"");
}

BOOST_AUTO_TEST_CASE(pointer_lines_follow_keys_indices_and_escapes) {
    const std::string text = "{\n \"a\": [\n  1,\n  {\"b/c\": \"x\\\"\",\n   \"d\": 2}\n ]\n}";
    BOOST_TEST(json_pointer_line(text, "") == 1);
    BOOST_TEST(json_pointer_line(text, "/a") == 2);
    BOOST_TEST(json_pointer_line(text, "/a/0") == 3);
    BOOST_TEST(json_pointer_line(text, "/a/1/b~1c") == 4);
    BOOST_TEST(json_pointer_line(text, "/a/1/d") == 5);
    BOOST_TEST(json_pointer_line(text, "/a/1/missing") == 4);
    BOOST_TEST(json_pointer_line(text, "/a/7") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
