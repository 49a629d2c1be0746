// Trace: canonical lines, a rolling hash equal to the JSONL file's FNV-1a, divergence and the
// human view.
#include "sim/trace.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "model/common/input_error.hpp"
#include "sim/rng.hpp"

using namespace taskcheck;
using namespace taskcheck::sim;

namespace {

void record_run(Trace& trace, std::uint64_t last_msg) {
    trace.begin(ms(1) + 500'000, 2, "deliver").field("from", 1).field("msg", 17).end();
    trace.begin(ms(3), kNoNode, "fault").field("fault", "crash").field("target", 0).end();
    trace.begin(ms(4), 0, "deliver").field("from", 2).field("msg", last_msg).end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trace)

BOOST_AUTO_TEST_CASE(lines_have_a_fixed_canonical_shape) {
    Trace trace(TraceMode::full);
    record_run(trace, 18);
    BOOST_TEST(trace.size() == 3u);
    BOOST_TEST(trace.line(0) ==
               R"({"i":0,"t":1500000,"node":2,"kind":"deliver","from":1,"msg":17})");
    BOOST_TEST(trace.line(1) == R"({"i":1,"t":3000000,"kind":"fault","fault":"crash","target":0})");
}

BOOST_AUTO_TEST_CASE(strings_and_raw_json_are_written_safely) {
    Trace trace(TraceMode::full);
    trace.begin(0, 1, "note")
        .field("text", std::string_view("a\"b\\c\n\x01"))
        .field("ok", true)
        .field("delta", std::int64_t{-5})
        .raw("task", R"({"uid":3})")
        .end();
    BOOST_TEST(trace.line(0) ==
               R"({"i":0,"t":0,"node":1,"kind":"note","text":"a\"b\\c\u000a\u0001","ok":true,)"
               R"("delta":-5,"task":{"uid":3}})");
}

BOOST_AUTO_TEST_CASE(hash_is_fnv1a_of_the_jsonl_file_in_every_recording_mode) {
    Trace full(TraceMode::full);
    Trace hash_only(TraceMode::hash);
    record_run(full, 18);
    record_run(hash_only, 18);
    std::ostringstream file;
    full.write_jsonl(file);
    BOOST_TEST(full.hash() == fnv1a64(file.str()));
    BOOST_TEST(hash_only.hash() == full.hash());
    BOOST_TEST(hash_only.size() == 3u);
    BOOST_TEST(Trace(TraceMode::full).hash() == kTraceHashSeed);
    BOOST_TEST(!Trace(TraceMode::off).enabled());
}

BOOST_AUTO_TEST_CASE(one_changed_field_changes_the_hash_and_is_named) {
    Trace a(TraceMode::full);
    Trace b(TraceMode::full);
    record_run(a, 18);
    record_run(b, 19);
    BOOST_TEST(a.hash() != b.hash());
    const auto divergence = first_divergence(a, b);
    BOOST_TEST_REQUIRE(divergence.has_value());
    BOOST_TEST(divergence->index == 2u);
    BOOST_TEST(
        render_divergence(*divergence) ==
        "first divergence at event #2\n"
        "  a: {\"i\":2,\"t\":4000000,\"node\":0,\"kind\":\"deliver\",\"from\":2,\"msg\":18}\n"
        "  b: {\"i\":2,\"t\":4000000,\"node\":0,\"kind\":\"deliver\",\"from\":2,\"msg\":19}\n");
}

BOOST_AUTO_TEST_CASE(a_shorter_trace_diverges_at_its_end) {
    Trace a(TraceMode::full);
    Trace b(TraceMode::full);
    record_run(a, 18);
    record_run(b, 18);
    BOOST_TEST(!first_divergence(a, b).has_value());
    b.begin(ms(9), 1, "extra").end();
    const auto divergence = first_divergence(a, b);
    BOOST_TEST_REQUIRE(divergence.has_value());
    BOOST_TEST(divergence->index == 3u);
    BOOST_TEST(render_divergence(*divergence) ==
               "first divergence at event #3\n  a: <end of trace>\n"
               "  b: {\"i\":3,\"t\":9000000,\"node\":1,\"kind\":\"extra\"}\n");
}

BOOST_AUTO_TEST_CASE(human_view_is_compact) {
    BOOST_TEST(human_line(R"({"i":12,"t":1500000,"node":2,"kind":"deliver","from":1,"msg":17})") ==
               "#12 00:00:00.001 node=2 deliver from=1 msg=17");
    BOOST_TEST(human_line(R"({"i":1,"t":72004000000,"kind":"fault","fault":"crash"})") ==
               "#1 00:01:12.004 fault fault=\"crash\"");
}

BOOST_AUTO_TEST_CASE(human_view_rejects_a_line_that_is_not_a_trace_line) {
    try {
        human_line(R"({"t":1})");
        BOOST_FAIL("no InputError");
    } catch (const InputError& error) {
        BOOST_TEST(std::string(error.what()) ==
                   R"(trace-invalid: missing "i", "t" or "kind" in trace line {"t":1})");
    }
    BOOST_CHECK_THROW(human_line("not json"), InputError);
}

BOOST_AUTO_TEST_CASE(hashes_print_as_sixteen_hex_digits) {
    BOOST_TEST(format_hash(0xc0ffee) == "0000000000c0ffee");
    BOOST_TEST(format_hash(UINT64_MAX) == "ffffffffffffffff");
}

BOOST_AUTO_TEST_SUITE_END()
