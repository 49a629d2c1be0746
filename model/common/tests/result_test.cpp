// Result and InputError: the two error channels of STYLE.md §5 and the message shape of §6.
#include <boost/test/unit_test.hpp>
#include <string>

#include "model/common/input_error.hpp"
#include "model/common/result.hpp"

using namespace taskcheck;

BOOST_AUTO_TEST_SUITE(common_errors)

BOOST_AUTO_TEST_CASE(result_holds_value_or_error) {
    Result<int, std::string> good = 7;
    Result<int, std::string> bad = Err(std::string("task_not_found"));
    BOOST_TEST(good.ok());
    BOOST_TEST(*good == 7);
    BOOST_TEST(!bad.ok());
    BOOST_TEST(bad.error() == "task_not_found");
}

BOOST_AUTO_TEST_CASE(result_distinguishes_convertible_value_and_error) {
    Result<std::string, std::string> err = Err(std::string("x"));
    Result<std::string, std::string> val = std::string("x");
    BOOST_TEST(!err.ok());
    BOOST_TEST(val.ok());
}

BOOST_AUTO_TEST_CASE(input_error_renders_id_file_line_pointer_problem_hint) {
    InputError e("scenario-invalid", {"scenarios/split.json", 14, "/faults/2/at_ms"},
                 "90000 > duration_ms 60000", "lower at_ms or raise duration_ms");
    BOOST_TEST(std::string(e.what()) ==
               "scenario-invalid: scenarios/split.json:14 /faults/2/at_ms: 90000 > duration_ms "
               "60000; lower at_ms or raise duration_ms");
}

BOOST_AUTO_TEST_CASE(input_error_leaves_out_empty_parts) {
    InputError e("journal-corrupt", {"", 0, ""}, "checksum mismatch at record 12");
    BOOST_TEST(std::string(e.what()) == "journal-corrupt: checksum mismatch at record 12");
    InputError f("fixture-invalid", {"a.json", 0, "/steps/0"}, "missing request");
    BOOST_TEST(std::string(f.what()) == "fixture-invalid: a.json /steps/0: missing request");
}

BOOST_AUTO_TEST_SUITE_END()
