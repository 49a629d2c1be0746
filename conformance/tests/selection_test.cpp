// Selection tests: which paths are fixture files, and the message for one that is not.
#include "conformance/selection.hpp"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include "conformance/tests/fake_server.hpp"
#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;

BOOST_AUTO_TEST_SUITE(selection)

// Issue 12: a fifo given as a fixture path was reported as "no such file or directory".
BOOST_AUTO_TEST_CASE(a_fifo_is_named_as_such_not_as_missing) {
    testing::FixtureDir dir;
    const std::string fifo = dir.path() + "/fixtures.json";
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    BOOST_CHECK_EXCEPTION(
        find_fixture_files({fifo}), taskcheck::InputError, [&](const taskcheck::InputError& e) {
            return std::string(e.what()) == "fixture-path: " + fifo +
                                                ": a fifo, not a regular file or directory; give "
                                                "fixture files or directories that hold them";
        });
    BOOST_CHECK_EXCEPTION(find_fixture_files({dir.path() + "/missing"}), taskcheck::InputError,
                          [&](const taskcheck::InputError& e) {
                              return std::string(e.what()) ==
                                     "fixture-path: " + dir.path() +
                                         "/missing: no such file or directory; give fixture "
                                         "files or directories that hold them";
                          });
}

BOOST_AUTO_TEST_CASE(a_fifo_inside_a_directory_is_not_a_fixture_file) {
    testing::FixtureDir dir;
    BOOST_REQUIRE(::mkfifo((dir.path() + "/b.json").c_str(), 0600) == 0);
    const std::string file = dir.write("a.json", "{}");
    BOOST_TEST(find_fixture_files({dir.path()}) == std::vector<std::string>{file},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
