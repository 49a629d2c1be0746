// Coverage: a unit is covered by the fixtures quoting it, else excluded by a not-covered entry,
// else uncovered; headings are listed but not counted. The console listing, the Markdown and
// the JSON are pinned whole on a small document, and the exit code follows the counts.
#include "conformance/coverage.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "conformance/coverage_report.hpp"

using namespace taskcheck::conformance;

namespace {

const char* const kGuide =
    "Tasks\n"
    "\n"
    "You can cancel a task while it is enqueued.\n"
    "\n"
    "GET /tasks/1\n"
    "\n"
    "This paragraph is narrative.\n"
    "\n"
    "Nobody wrote a fixture for this sentence.\n";

struct CoverageFixture {
    std::vector<Document> docs{split_document("guide.txt", kGuide)};
    ProvenanceInput input;

    CoverageFixture() {
        read_fixture_sources("fx/cancel.json", R"([
  {"name": "cancel", "source": {"doc": "guide.txt", "quote": ["cancel a task", "GET /tasks/1"]}},
  {"name": "cancel twice", "erratum": "the doc is wrong",
   "source": {"doc": "guide.txt", "quote": "while it is enqueued"}}
])",
                             input);
        read_exclusions("cov/guide.not-covered.json", "guide.txt",
                        R"([{"quote": "narrative", "why": "no behaviour"}])", input);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(coverage)

BOOST_FIXTURE_TEST_CASE(each_unit_is_covered_excluded_or_uncovered_and_headings_are_not_counted,
                        CoverageFixture) {
    CoverageReport report = compute_coverage(docs, input);
    BOOST_TEST(report.issues.empty());
    BOOST_TEST_REQUIRE(report.docs.size() == 1u);
    const std::vector<UnitCoverage>& units = report.docs[0].units;
    BOOST_TEST_REQUIRE(units.size() == 5u);
    BOOST_TEST(unit_status_name(units[0].status) == "heading");
    BOOST_TEST(unit_status_name(units[1].status) == "covered");
    BOOST_TEST(units[1].fixtures.size() == 2u);
    BOOST_TEST(unit_status_name(units[2].status) == "covered");
    BOOST_TEST(unit_status_name(units[3].status) == "excluded");
    BOOST_TEST(unit_status_name(units[4].status) == "uncovered");
    BOOST_TEST(report.summary_line() ==
               "coverage: 2 of 4 units covered, 1 excluded with a reason, 1 uncovered");
    BOOST_TEST(report.total.headings == 1);
    BOOST_TEST(report.fixtures == 2u);
    BOOST_TEST(report.quotes == 4u);
    BOOST_TEST(report.exit_code() == 1);
}

BOOST_FIXTURE_TEST_CASE(the_console_listing_names_fixtures_errata_whys_and_the_uncovered,
                        CoverageFixture) {
    std::string expected =
        "== guide.txt: 2 of 4 units covered, 1 excluded with a reason, 1 uncovered\n"
        "  heading   L1    heading Tasks\n"
        "  covered   L3    prose   You can cancel a task while it is enqueued.\n"
        "            by cancel; cancel twice [erratum]\n"
        "  covered   L5    example GET /tasks/1\n"
        "            by cancel\n"
        "  excluded  L7    prose   This paragraph is narrative.\n"
        "            why: no behaviour\n"
        "  UNCOVERED L9    prose   Nobody wrote a fixture for this sentence.\n"
        "coverage: 2 of 4 units covered, 1 excluded with a reason, 1 uncovered\n";
    BOOST_TEST(render_coverage_text(compute_coverage(docs, input)) == expected);
}

BOOST_FIXTURE_TEST_CASE(full_coverage_exits_0_and_a_provenance_problem_exits_2, CoverageFixture) {
    read_exclusions("cov/guide.not-covered.json", "guide.txt",
                    R"([{"quote": "Nobody wrote", "why": "not normative"}])", input);
    CoverageReport complete = compute_coverage(docs, input);
    BOOST_TEST(complete.summary_line() ==
               "coverage: 2 of 4 units covered, 2 excluded with a reason, 0 uncovered");
    BOOST_TEST(complete.exit_code() == 0);
    read_fixture_sources("fx/bad.json", R"({"name": "bad"})", input);
    CoverageReport bad = compute_coverage(docs, input);
    BOOST_TEST(bad.exit_code() == 2);
    std::string text = render_coverage_text(bad);
    BOOST_TEST(text.ends_with(
        "provenance: 1 problem (the coverage above ignores them)\n"
        "provenance-invalid: fx/bad.json:1: fixture \"bad\" has no source; add \"source\": "
        "{\"doc\": ..., \"section\": ..., \"quote\": ...} citing the passage it encodes "
        "(docs/coverage.md)\n"
        "coverage: 2 of 4 units covered, 2 excluded with a reason, 0 uncovered\n"));
}

BOOST_FIXTURE_TEST_CASE(the_json_report_lists_every_unit_with_its_status, CoverageFixture) {
    nlohmann::ordered_json json = coverage_to_json(compute_coverage(docs, input));
    BOOST_TEST(json["summary"].dump() ==
               R"({"units":4,"covered":2,"excluded":1,"uncovered":1,"headings":1,)"
               R"("fixtures":2,"quotes":4,"problems":0})");
    BOOST_TEST(json["documents"][0]["units"][1].dump() ==
               R"({"id":"guide:3","lines":[3,3],"kind":"prose","section":"Tasks",)"
               R"("status":"covered","text":"You can cancel a task while it is enqueued.",)"
               R"("fixtures":[{"name":"cancel","file":"fx/cancel.json","erratum":false},)"
               R"({"name":"cancel twice","file":"fx/cancel.json","erratum":true}],"why":[]})");
}

BOOST_FIXTURE_TEST_CASE(the_markdown_report_has_a_table_per_document, CoverageFixture) {
    std::string expected =
        "# Document coverage\n\n"
        "coverage: 2 of 4 units covered, 1 excluded with a reason, 1 uncovered "
        "(2 fixtures, 4 quotes).\n\n"
        "## guide.txt\n\n"
        "2 of 4 units covered, 1 excluded with a reason, 1 uncovered.\n\n"
        "| line | kind | status | text | fixtures or why |\n|---|---|---|---|---|\n"
        "| 1 | heading | heading | Tasks |  |\n"
        "| 3 | prose | covered | You can cancel a task while it is enqueued. | cancel "
        "(fx/cancel.json)<br>cancel twice (fx/cancel.json) **erratum** |\n"
        "| 5 | example | covered | GET /tasks/1 | cancel (fx/cancel.json) |\n"
        "| 7 | prose | excluded | This paragraph is narrative. | no behaviour |\n"
        "| 9 | prose | **uncovered** | Nobody wrote a fixture for this sentence. |  |\n";
    BOOST_TEST(render_coverage_markdown(compute_coverage(docs, input)) == expected);
}

BOOST_FIXTURE_TEST_CASE(an_excerpt_is_cut_at_a_character_boundary, CoverageFixture) {
    BOOST_TEST(unit_excerpt("short") == "short");
    BOOST_TEST(unit_excerpt("abcd’efg", 5) == "abcd…");  // ’ is 3 bytes from byte 4
    BOOST_TEST(unit_excerpt("abcdefg", 3) == "abc…");
}

BOOST_FIXTURE_TEST_CASE(a_fixture_tree_is_read_without_its_scenarios_and_documents,
                        CoverageFixture) {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / ("taskcheck-coverage-" + std::to_string(getpid()));
    fs::create_directories(root / "meilisearch");
    fs::create_directories(root / "scenarios");
    fs::create_directories(root / "docs");
    fs::create_directories(root / "coverage");
    auto write = [&](const fs::path& path, const std::string& text) {
        std::ofstream(root / path) << text;
    };
    write("meilisearch/b.json", R"({"name": "b", "source": {"doc": "guide.txt", "quote": "x"}})");
    write("meilisearch/a.json", R"([{"name": "a1"}, {"name": "a2", "erratum": "e"}])");
    write("scenarios/s.json", R"({"version": 1})");
    write("docs/d.json", "not json");
    write("coverage/guide.not-covered.json", R"([{"quote": "q", "why": "w"}])");
    ProvenanceInput read = collect_provenance_input({root.string()});
    fs::remove_all(root);
    BOOST_TEST(read.issues.empty());
    BOOST_TEST_REQUIRE(read.fixtures.size() == 3u);
    BOOST_TEST(read.fixtures[0].name == "a1");
    BOOST_TEST(read.fixtures[1].pointer == "/1");
    BOOST_TEST(read.fixtures[1].erratum);
    BOOST_TEST(read.fixtures[2].name == "b");
    BOOST_TEST(read.fixtures[2].quotes.at(0).pointer == "/source/quote");
    BOOST_TEST_REQUIRE(read.exclusions.size() == 1u);
    BOOST_TEST(read.exclusions[0].doc == "guide.txt");
    BOOST_TEST(read.exclusions[0].why == "w");
}

BOOST_AUTO_TEST_SUITE_END()
