// The HTML report must open anywhere with nothing fetched, and no text from a run may become
// markup: the golden pins the page, the cases check those two promises directly.
#include "reports/html_report.hpp"

#include <boost/test/unit_test.hpp>

#include "reports/tests/golden_file.hpp"
#include "reports/tests/sample_run.hpp"

using namespace taskcheck::reports;

BOOST_AUTO_TEST_SUITE(html_report)

BOOST_AUTO_TEST_CASE(sample_run_matches_golden) {
    test::check_golden("sample.html", render_html(test::sample_run()));
}

BOOST_AUTO_TEST_CASE(page_loads_nothing_from_outside) {
    std::string page = render_html(test::sample_run());
    for (const char* needle :
         {"src=", "href=", "<link", "@import", "url(", "http://", "https://"}) {
        std::string text = page;
        // The target URL is shown as text; it is the one allowed occurrence of "http://".
        if (std::string(needle) == "http://") {
            text.erase(text.find("http://127.0.0.1:7700"), 21);
        }
        BOOST_TEST(text.find(needle) == std::string::npos, "page contains " << needle);
    }
}

BOOST_AUTO_TEST_CASE(run_text_never_becomes_markup) {
    std::string page = render_html(test::sample_run());
    BOOST_TEST(page.find("<b>") == std::string::npos);
    BOOST_TEST(page.find("&lt;b&gt;&amp;amp;&lt;/b&gt;") != std::string::npos);
    BOOST_TEST(page.find("nasty &lt;name&gt;.json") != std::string::npos);
    BOOST_TEST(page.find("esc:\\u001b[31m:") != std::string::npos);
    BOOST_TEST(page.find('\0') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(fixtures_that_fail_the_run_start_open) {
    std::string page = render_html(test::sample_run());
    BOOST_TEST(page.find("id=\"fixture-1\" data-outcome=\"passed\">") != std::string::npos);
    BOOST_TEST(page.find("id=\"fixture-2\" data-outcome=\"failed\" open>") != std::string::npos);
    BOOST_TEST(page.find("id=\"fixture-5\" data-outcome=\"known_failure\">") != std::string::npos);
    BOOST_TEST(page.find("id=\"fixture-6\" data-outcome=\"unexpected_pass\" open>") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
