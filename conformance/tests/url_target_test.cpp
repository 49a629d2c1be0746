// UrlTarget tests: which --target URLs are accepted, the message for each one that is not, and
// the pre-flight TCP probe.
#include "conformance/url_target.hpp"

#include <boost/test/unit_test.hpp>

#include "conformance/tests/fake_server.hpp"
#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;

namespace {

std::string url_error(const std::string& url) {
    try {
        UrlTarget target(url);
    } catch (const taskcheck::InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

const std::string kHint =
    "; write --target http://HOST:PORT or http://HOST:PORT/PREFIX, e.g. http://127.0.0.1:7700";

}  // namespace

BOOST_AUTO_TEST_SUITE(url_target)

BOOST_AUTO_TEST_CASE(host_port_and_prefix_are_parsed) {
    UrlTarget plain("http://127.0.0.1:7700/");
    BOOST_TEST(plain.host() == "127.0.0.1");
    BOOST_TEST(plain.port() == 7700);
    BOOST_TEST(plain.base_path() == "");
    // Issue 12: a sub-path was "bad port"; it is now a prefix for every request path.
    UrlTarget prefixed("http://h:7700/search/v1//");
    BOOST_TEST(prefixed.host() == "h");
    BOOST_TEST(prefixed.port() == 7700);
    BOOST_TEST(prefixed.base_path() == "/search/v1");
    BOOST_TEST(UrlTarget("http://h").port() == 80);
}

BOOST_AUTO_TEST_CASE(bad_urls_are_rejected_with_what_is_wrong) {
    BOOST_TEST(url_error("https://h:1") ==
               "target-url: \"https://h:1\" is not an http:// URL" + kHint);
    BOOST_TEST(url_error("http://h:77000") ==
               "target-url: \"http://h:77000\" has a bad port \"77000\" (1 to 65535)" + kHint);
    BOOST_TEST(url_error("http://:7700") == "target-url: \"http://:7700\" has no host" + kHint);
    BOOST_TEST(url_error("http://h:7700/a?b=1") ==
               "target-url: \"http://h:7700/a?b=1\" has a query or fragment; give a path prefix "
               "only" +
                   kHint);
    BOOST_TEST(url_error("http://h:7700/a b") ==
               "target-url: \"http://h:7700/a b\" has a space or control character" + kHint);
}

BOOST_AUTO_TEST_CASE(probe_accepts_a_listener_and_names_a_refused_port) {
    testing::GarbageServer listening;
    BOOST_TEST(!UrlTarget(listening.url()).probe(2000).has_value());
    testing::ClosedPort closed;
    BOOST_TEST(UrlTarget(closed.url()).probe(2000).value_or("(reachable)") ==
               "cannot connect to 127.0.0.1:" + std::to_string(closed.port()) +
                   " (Connection refused)");
}

BOOST_AUTO_TEST_SUITE_END()
