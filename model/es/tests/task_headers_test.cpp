// Task headers copied from the HTTP request (spec/elasticsearch.md §3.1).
#include "model/es/task_headers.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::es;

BOOST_AUTO_TEST_SUITE(es_task_headers)

BOOST_AUTO_TEST_CASE(copies_the_three_headers_case_insensitively_and_nothing_else) {
    auto headers = copy_task_headers({{"x-elastic-product-origin", "kibana"},
                                      {"X-OPAQUE-ID", "abc"},
                                      {"Authorization", "secret"},
                                      {"X-Opaque-Id", "second"}});
    BOOST_REQUIRE(headers.ok());
    BOOST_TEST(headers->size() == 2u);
    BOOST_TEST(headers->at("X-Opaque-Id") == "abc");  // first occurrence wins
    BOOST_TEST(headers->at("X-elastic-product-origin") == "kibana");
}

BOOST_AUTO_TEST_CASE(trace_id_needs_a_full_traceparent) {
    const std::string full = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    BOOST_TEST(copy_task_headers({{"traceparent", full}})->at("trace.id") ==
               "0af7651916cd43dd8448eb211c80319c");
    BOOST_TEST(copy_task_headers({{"traceparent", full.substr(0, 54)}})->empty());
}

BOOST_AUTO_TEST_SUITE_END()
