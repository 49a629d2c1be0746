// Requests an adversarial client sends to the Elasticsearch profile (issue 12, probe finding 2
// and the smaller ones): bodies nested past Jackson's limit (1000) are 400, not a stack
// overflow; bytes that are not UTF-8 in a path become U+FFFD as in Java, not a 500 or a crash;
// a known path with another method is 405 with ES's body and an Allow header; a chunked body
// over the limit is 413 with an empty body. The server keeps answering after each.
#include <boost/test/unit_test.hpp>

#include "server/tests/es_test_server.hpp"
#include "server/tests/running_listener.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;

namespace {

// {"a":{"a":...1...}} nested `depth` objects deep.
std::string nested_objects(std::size_t depth) {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i)
        out += "{\"a\":";
    out += "1";
    out += std::string(depth, '}');
    return out;
}

std::string nesting_reason(std::size_t column) {
    return "[1:" + std::to_string(column) +
           "] failed to parse: Document nesting depth (1001) exceeds the maximum allowed (1000, "
           "from `StreamReadConstraints.getMaxNestingDepth()`)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_request_hardening)

BOOST_AUTO_TEST_CASE(a_document_nested_past_1000_levels_is_400_not_a_crash) {
    // Before: the 100,000-deep source was parsed, then dumped recursively: exit 139.
    EsTestServer server("es-hardening-depth");
    EsReply put = server.request("PUT", "/i/_doc/3", nested_objects(100000));
    BOOST_TEST(put.status == 400);
    // The 1001st `{` starts at byte 5000 (5 bytes a level): column 5001.
    BOOST_TEST(put.json()["error"]["type"] == "document_parsing_exception");
    BOOST_TEST(put.json()["error"]["reason"] == nesting_reason(5001));
    EsReply bulk = server.request(
        "POST", "/_bulk",
        "{\"index\":{\"_index\":\"i\",\"_id\":\"4\"}}\n" + nested_objects(100000) + "\n");
    BOOST_TEST(bulk.status == 400);
    BOOST_TEST(bulk.json()["error"]["type"] == "document_parsing_exception");
    EsReply query = server.request("POST", "/i/_delete_by_query",
                                   "{\"query\":" + std::string(100000, '[') + "}");
    BOOST_TEST(query.status == 400);
    BOOST_TEST(query.json()["error"]["type"] == "x_content_parse_exception");
    // 1000 levels are still a document.
    BOOST_TEST(server.request("PUT", "/i/_doc/5", nested_objects(1000)).status == 201);
    BOOST_TEST(server.get("/").status == 200);
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_utf8_in_a_path_become_u_fffd_as_in_java) {
    // ES decodes the path into a Java String, which replaces malformed UTF-8 with U+FFFD.
    // Before: GET /_tasks/%ff was a 500 with nlohmann's text; an unknown path with such a byte
    // threw in the error handler, outside any catch.
    EsTestServer server("es-hardening-utf8");
    EsReply task = server.get("/_tasks/%ff");
    BOOST_TEST(task.status == 400);
    BOOST_TEST(task.json()["error"]["type"] == "illegal_argument_exception");
    BOOST_TEST(task.json()["error"]["reason"] == "malformed task id \xef\xbf\xbd");
    EsReply unknown = server.get("/%ff/_nope");
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(
        unknown.body ==
        R"({"error":"no handler found for uri [/%ff/_nope] and method [GET]","status":400})");
    BOOST_TEST(server.get("/").status == 200);
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_is_405_with_the_allowed_methods) {
    // RestController.handleUnsupportedHttpMethod; OPTIONS answers the Allow header alone.
    // /_tasks/_cancel also matches GET /_tasks/{task_id}, as in ES.
    // Before: PATCH got "no handler found" and TRACE cpp-httplib's bare 400.
    EsTestServer server("es-hardening-405");
    EsReply patch = server.request("PATCH", "/_tasks", "{}");
    BOOST_TEST(patch.status == 405);
    BOOST_TEST(patch.body == R"({"error":"Incorrect HTTP method for uri [/_tasks] and method )"
                             R"([PATCH], allowed: [GET]","status":405})");
    BOOST_TEST(patch.header("Allow") == "GET");
    EsReply trace = server.request("TRACE", "/_tasks/_cancel?pretty", "");
    BOOST_TEST(trace.status == 405);
    BOOST_TEST(trace.body == R"({"error":"Incorrect HTTP method for uri [/_tasks/_cancel?pretty] )"
                             R"(and method [TRACE], allowed: [GET, POST]","status":405})");
    EsReply options = server.request("OPTIONS", "/i/_doc/1", "");
    BOOST_TEST(options.status == 200);
    BOOST_TEST(options.body.empty());
    BOOST_TEST(options.header("Allow").find("GET") != std::string::npos);
    EsReply unknown = server.request("TRACE", "/_nope", "");
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(unknown.body ==
               R"({"error":"no handler found for uri [/_nope] and method [TRACE]","status":400})");
}

BOOST_AUTO_TEST_CASE(a_chunked_body_over_the_limit_is_413_with_an_empty_body) {
    // Netty's aggregator answers an oversized request 413 with no content.
    EsTestServer server("es-hardening-413", 1024);
    RawConnection connection(server.port());
    BOOST_TEST_REQUIRE(
        connection.send("PUT /i/_doc/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n800\r\n{\"a\":\"" +
                        std::string(0x7f9, 'x') + "\r\n"));
    const std::string response = connection.receive();
    BOOST_TEST(response.rfind("HTTP/1.1 413 ", 0) == 0, response);
    BOOST_TEST(response.find("Content-Length: 0\r\n") != std::string::npos, response);
    BOOST_TEST(response.substr(response.size() - 4) == "\r\n\r\n");
    BOOST_TEST(server.get("/i/_doc/1").status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
