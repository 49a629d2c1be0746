#include "reports/tests/golden_file.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace taskcheck::reports::test {

namespace {

std::string golden_path(const std::string& name) {
    return std::string(TASKCHECK_REPORTS_GOLDEN_DIR) + "/" + name;
}

bool updating() {
    const char* flag = std::getenv("TASKCHECK_UPDATE_GOLDEN");
    return flag != nullptr && std::string(flag) == "1";
}

std::string line_at(const std::string& text, std::size_t offset) {
    std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    start = start == std::string::npos ? 0 : start + 1;
    std::size_t end = text.find('\n', offset);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string read_golden(const std::string& name) {
    std::ifstream in(golden_path(name), std::ios::binary);
    if (!in) {
        BOOST_ERROR("golden file " << golden_path(name)
                                   << " is missing; run with TASKCHECK_UPDATE_GOLDEN=1");
        return "";
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void check_golden(const std::string& name, const std::string& actual) {
    if (updating()) {
        std::ofstream out(golden_path(name), std::ios::binary | std::ios::trunc);
        out << actual;
        BOOST_TEST_MESSAGE("updated golden file " << golden_path(name));
        return;
    }
    if (!std::ifstream(golden_path(name))) {
        read_golden(name);  // reports the missing file
        return;
    }
    std::string expected = read_golden(name);
    if (expected == actual) {
        BOOST_TEST(true);
        return;
    }
    std::size_t at = 0;
    while (at < expected.size() && at < actual.size() && expected[at] == actual[at])
        ++at;
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(actual.begin(), actual.begin() + at, '\n'));
    BOOST_ERROR("output differs from golden file " << name << " at line " << line
                                                   << "\n  golden: " << line_at(expected, at)
                                                   << "\n  actual: " << line_at(actual, at));
}

}  // namespace taskcheck::reports::test
