// Request bodies an adversarial client sends to the Meilisearch profile (issue 12, probe
// finding 1 and its neighbours): a byte that is not UTF-8 or a lone surrogate escape is 400
// malformed_payload with serde_json's message, not a crash or a 500; nesting stops at
// serde_json's recursion limit (128); a chunked body over the payload limit is 413
// payload_too_large; the server keeps answering after each.
#include <boost/test/unit_test.hpp>

#include "server/tests/meili_test_server.hpp"
#include "server/tests/running_listener.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;

namespace {

std::string message_of(const Reply& reply) {
    return reply.json()["message"].get<std::string>();
}
std::string code_of(const Reply& reply) {
    return reply.json()["code"].get<std::string>();
}
std::string malformed(const std::string& serde) {
    return "The json payload provided is malformed. `" + serde + "`.";
}
std::string malformed_documents(const std::string& serde) {
    return "The `json` payload provided is malformed. `Couldn't serialize document value: " +
           serde + "`.";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_request_hardening)

BOOST_AUTO_TEST_CASE(a_byte_that_is_not_utf8_is_400_malformed_payload_at_the_closing_quote) {
    // Before: nlohmann's parse error quoted the byte, the 500 renderer threw on it, exit 134.
    // serde_json checks a string's UTF-8 once it is read, so the column is past the quote.
    MeiliTestServer server("meili-hardening-utf8");
    Reply index = server.post("/indexes", "{\"uid\":\"\xff\"}");
    BOOST_TEST(index.status == 400);
    BOOST_TEST(code_of(index) == "malformed_payload");
    BOOST_TEST(message_of(index) == malformed("invalid unicode code point at line 1 column 10"));
    Reply docs = server.post("/indexes/x/documents", "[{\"id\":1,\"t\":\"a\xc3(b\"}]");
    BOOST_TEST(docs.status == 400);
    BOOST_TEST(message_of(docs) ==
               malformed_documents("invalid unicode code point at line 1 column 19"));
    Reply swap = server.post("/swap-indexes", "[{\"indexes\":[\"\xed\xa0\x80\",\"b\"]}]");
    BOOST_TEST(swap.status == 400);
    BOOST_TEST(code_of(swap) == "malformed_payload");
    // An escape error later in the same string still wins, as in serde_json.
    Reply escape = server.post("/indexes", "{\"uid\":\"\xff\\q\"}");
    BOOST_TEST(message_of(escape) == malformed("invalid escape at line 1 column 11"));
    // Valid multi-byte UTF-8 passes the syntax check (and fails as a uid).
    Reply valid = server.post("/indexes", "{\"uid\":\"caf\xc3\xa9\"}");
    BOOST_TEST(code_of(valid) == "invalid_index_uid");
    BOOST_TEST(server.get("/health").status == 200);
}

BOOST_AUTO_TEST_CASE(a_lone_surrogate_escape_is_400_malformed_payload) {
    // Before: 500 internal with nlohmann's text.
    MeiliTestServer server("meili-hardening-surrogates");
    Reply high = server.post("/indexes", R"({"uid":"\ud800"})");
    BOOST_TEST(high.status == 400);
    BOOST_TEST(code_of(high) == "malformed_payload");
    BOOST_TEST(message_of(high) == malformed("unexpected end of hex escape at line 1 column 15"));
    Reply low = server.post("/indexes", R"({"uid":"\udc00"})");
    BOOST_TEST(message_of(low) ==
               malformed("lone leading surrogate in hex escape at line 1 column 14"));
    Reply unpaired = server.post("/indexes", R"({"uid":"\ud800\u0041"})");
    BOOST_TEST(message_of(unpaired) ==
               malformed("lone leading surrogate in hex escape at line 1 column 20"));
    Reply pair = server.post("/indexes", R"({"uid":"\ud83d\ude00"})");
    BOOST_TEST(code_of(pair) == "invalid_index_uid");
    BOOST_TEST(server.get("/health").status == 200);
}

BOOST_AUTO_TEST_CASE(nesting_stops_at_serde_jsons_recursion_limit_of_128) {
    // serde_json's remaining_depth starts at 128 and fails when the 128th container opens,
    // at that bracket's column.
    MeiliTestServer server("meili-hardening-depth");
    Reply deep = server.post("/indexes/x/documents", std::string(100000, '['));
    BOOST_TEST(deep.status == 400);
    BOOST_TEST(message_of(deep) ==
               malformed_documents("recursion limit exceeded at line 1 column 128"));
    Reply limit = server.post("/indexes", std::string(127, '[') + std::string(127, ']'));
    BOOST_TEST(code_of(limit) == "bad_request");  // parsed: not an object
    // The admin routes parse with nlohmann and print the value they refuse (dump() recursed
    // 100,000 levels deep: a stack overflow).
    const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
    Reply admin = server.post("/_taskcheck/processing/duration", "{\"ms\":" + deep_array + "}");
    BOOST_TEST(admin.status == 400);
    Reply clock = server.post("/_taskcheck/clock/advance", "{\"ms\":" + deep_array + "}");
    BOOST_TEST(clock.status == 400);
    BOOST_TEST(server.get("/health").status == 200);
}

BOOST_AUTO_TEST_CASE(a_chunked_body_over_the_limit_is_413_payload_too_large) {
    MeiliTestServer server("meili-hardening-chunked", ms(10), 1024);
    RawConnection connection(server.port());
    BOOST_TEST_REQUIRE(connection.send(
        "POST /indexes/x/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n800\r\n[" +
        std::string(0x7ff, ' ') + "\r\n"));
    const std::string response = connection.receive();
    BOOST_TEST(response.rfind("HTTP/1.1 413 ", 0) == 0, response);
    BOOST_TEST(response.find(R"({"message":"The provided payload reached the size limit.",)"
                             R"("code":"payload_too_large")") != std::string::npos,
               response);
    BOOST_TEST(server.get("/tasks").json()["results"].size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
