// The HTML report has to render in a real browser, offline. This opens it in headless Chromium
// (Debian `chromium`, installed by scripts/install-deps.sh; the test installs nothing), takes a
// screenshot, and reads the DOM after the page's script ran: every fixture name is rendered and
// the filter buttons carry the counts the script computed.
#include <boost/test/unit_test.hpp>
#include <cstdint>

#include "reports/html_report.hpp"
#include "reports/tests/sample_run.hpp"
#include "reports/tests/scratch_dir.hpp"
#include "reports/tests/shell_command.hpp"

using namespace taskcheck::reports;
using test::shell_quote;

namespace {

// Headless flags that work in a container as root with no network (reports.md).
std::string chromium(const test::ScratchDir& dir, const std::string& action,
                     const std::filesystem::path& page) {
    std::string profile = (dir.path() / "profile").string();
    return "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic "
           "--no-first-run --disable-background-networking --disable-component-update "
           "--disable-sync --hide-scrollbars --window-size=1200,1600 --user-data-dir=" +
           shell_quote(profile) + " " + action + " " + shell_quote("file://" + page.string());
}

std::uint32_t big_endian_u32(const std::string& bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_chromium)

BOOST_AUTO_TEST_CASE(report_renders_fixture_names_and_script_counts) {
    test::ScratchDir dir;
    auto page = dir.write("report.html", render_html(test::sample_run()));
    test::ShellOutput dom = test::run_shell(chromium(dir, "--dump-dom", page) + " 2>/dev/null");
    BOOST_REQUIRE_MESSAGE(dom.exit_status == 0, "chromium --dump-dom failed: " << dom.output);
    BOOST_TEST(dom.output.find("<body data-ready=\"1\">") != std::string::npos);
    for (const char* name : {"create an index", "cancel an enqueued task",
                             "a task processing at kill -9 comes back enqueued",
                             "list tasks grouped by parents", "cancel a task by id"}) {
        BOOST_TEST(dom.output.find(name) != std::string::npos, "not rendered: " << name);
    }
    BOOST_TEST(dom.output.find("&lt;b&gt;&amp;amp;&lt;/b&gt;") != std::string::npos);
    BOOST_TEST(dom.output.find("data-filter=\"all\" aria-pressed=\"true\">all "
                               "<span class=\"count\">6</span>") != std::string::npos);
    BOOST_TEST(dom.output.find("data-filter=\"failed\" aria-pressed=\"false\">failed "
                               "<span class=\"count\">1</span>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(screenshot_is_a_png_of_the_window_size) {
    test::ScratchDir dir;
    auto page = dir.write("report.html", render_html(test::sample_run()));
    auto png = dir.path() / "shot.png";
    test::ShellOutput shot =
        test::run_shell(chromium(dir, "--screenshot=" + shell_quote(png.string()), page));
    BOOST_REQUIRE_MESSAGE(shot.exit_status == 0, "chromium --screenshot failed: " << shot.output);
    std::string bytes = test::read_file(png);
    BOOST_REQUIRE(bytes.size() > 24u);
    BOOST_TEST(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    BOOST_TEST(bytes.substr(12, 4) == "IHDR");
    BOOST_TEST(big_endian_u32(bytes, 16) == 1200u);
    BOOST_TEST(big_endian_u32(bytes, 20) == 1600u);
    // A blank page of this size compresses to a few kilobytes; text and borders do not.
    BOOST_TEST(bytes.size() > 20'000u, "screenshot is only " << bytes.size() << " bytes");
}

BOOST_AUTO_TEST_SUITE_END()
