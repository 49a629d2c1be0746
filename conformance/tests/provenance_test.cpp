// Provenance check: each rule is shown to fire with its whole message — a quote that drifted from
// the document, an ambiguous one, a wrong doc, a missing source, an empty why — and a good quote
// (also one written on one line where the document breaks it) is located in its unit.
#include "conformance/provenance.hpp"

#include <boost/test/unit_test.hpp>

#include "conformance/fixture_loader.hpp"

using namespace taskcheck::conformance;

namespace {

// A small document with two identical paragraphs under different headings.
const char* const kGuide =
    "Tasks\n"                                           // 1
    "\n"                                                //
    "You can cancel a task while it is enqueued.\n"     // 3
    "\n"                                                //
    "The result will look similar to the following:\n"  // 5
    "\n"                                                //
    "Errors\n"                                          // 7
    "\n"                                                //
    "The result will look similar to the following:\n"  // 9
    "\n"                                                //
    "{\n"                                               // 11
    "    \"uid\": 1,\n"                                 //
    "    \"status\": \"enqueued\"\n"                    //
    "}\n";                                              // 14

struct GuideFixture {
    std::vector<Document> docs{split_document("guide.txt", kGuide)};

    std::string unit_of(std::string_view quote, std::string_view section = "") const {
        QuoteLookup found = locate_quote(docs[0], quote, section);
        return found.unit ? docs[0].units[*found.unit].id : "problem: " + found.problem;
    }
    std::vector<std::string> issues_for_fixture(const std::string& text) const {
        ProvenanceInput input;
        read_fixture_sources("fx/a.json", text, input);
        return rendered(check_provenance(docs, input).issues);
    }
    std::vector<std::string> issues_for_exclusions(const std::string& text) const {
        ProvenanceInput input;
        read_exclusions("cov/guide.not-covered.json", "guide.txt", text, input);
        return rendered(check_provenance(docs, input).issues);
    }
    static std::vector<std::string> rendered(const std::vector<ProvenanceIssue>& issues) {
        std::vector<std::string> out;
        for (const ProvenanceIssue& issue : issues)
            out.push_back(issue.render());
        return out;
    }
};

using Lines = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(provenance)

BOOST_FIXTURE_TEST_CASE(a_verbatim_quote_is_found_in_its_unit, GuideFixture) {
    BOOST_TEST(unit_of("cancel a task while it is enqueued") == "guide:3");
}

BOOST_FIXTURE_TEST_CASE(a_multi_line_example_may_be_quoted_on_one_line, GuideFixture) {
    // Runs of whitespace compare as one space, so the JSON's line breaks need not be copied.
    BOOST_TEST(unit_of("\"uid\": 1, \"status\": \"enqueued\"") == "guide:11");
    BOOST_TEST(unit_of("  \"uid\": 1,\n\t\"status\"") == "guide:11");
}

BOOST_FIXTURE_TEST_CASE(a_quote_that_drifted_names_the_closest_unit_and_where_it_differs,
                        GuideFixture) {
    BOOST_TEST(unit_of("You can cancel a task while it is queued.") ==
               "problem: quote \"You can cancel a task while it is queued.\" is not in "
               "guide.txt; closest unit guide:3 (line 3) agrees up to \"You can cancel a task "
               "while it is \", then the quote has \"queued.\" where the document has "
               "\"enqueued.\"");
}

BOOST_FIXTURE_TEST_CASE(a_quote_with_a_wrong_start_names_the_unit_sharing_the_longest_text,
                        GuideFixture) {
    BOOST_TEST(unit_of("Sometimes we cancel a task while it runs") ==
               "problem: quote \"Sometimes we cancel a task while it runs\" is not in "
               "guide.txt; closest unit guide:3 (line 3) shares \" cancel a task while it \" "
               "(24 characters)");
}

BOOST_FIXTURE_TEST_CASE(a_quote_spanning_two_units_is_not_found, GuideFixture) {
    BOOST_TEST(unit_of("it is enqueued. The result will") ==
               "problem: quote \"it is enqueued. The result will\" is not in guide.txt; closest "
               "unit guide:3 (line 3) agrees up to \"it is enqueued.\", then the quote has "
               "\" The result will\" where the document has the end of the unit");
}

BOOST_FIXTURE_TEST_CASE(a_quote_sharing_nothing_says_so, GuideFixture) {
    BOOST_TEST(unit_of("%%%") ==
               "problem: quote \"%%%\" is not in guide.txt; no unit shares any text with it");
}

BOOST_FIXTURE_TEST_CASE(a_quote_in_two_units_is_ambiguous_unless_section_picks_one, GuideFixture) {
    BOOST_TEST(unit_of("The result will look similar") ==
               "problem: quote \"The result will look similar\" is ambiguous: it occurs in 2 "
               "units of guide.txt (guide:5 under \"Tasks\", guide:9 under \"Errors\")");
    BOOST_TEST(unit_of("The result will look similar", "Errors") == "guide:9");
    BOOST_TEST(unit_of("The result will look similar", "  tasks ") == "guide:5");
    BOOST_TEST(unit_of("The result will look similar", "Nowhere")
                   .starts_with("problem: quote \"The result will look similar\" is ambiguous"));
}

BOOST_FIXTURE_TEST_CASE(an_empty_quote_is_rejected, GuideFixture) {
    BOOST_TEST(unit_of(" \n ") == "problem: the quote is empty");
}

BOOST_FIXTURE_TEST_CASE(a_bad_quote_in_an_array_is_reported_with_its_line_and_pointer,
                        GuideFixture) {
    Lines expected = {
        "provenance-invalid: fx/a.json:3 /source/quote/1: quote \"the task is gone\" is not in "
        "guide.txt; closest unit guide:3 (line 3) shares \" task \" (6 characters); copy the "
        "passage verbatim from "
        "fixtures/docs/guide.txt (only runs of whitespace may differ), and keep it inside one "
        "paragraph or example"};
    BOOST_TEST(issues_for_fixture(R"({"name": "a", "source": {"doc": "guide.txt",
  "quote": ["cancel a task",
            "the task is gone"]}})") == expected,
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(an_ambiguous_quote_says_how_to_fix_it, GuideFixture) {
    Lines expected = {
        "provenance-invalid: fx/a.json:2 /source/quote: quote \"The result will look "
        "similar\" is ambiguous: it occurs in 2 units of guide.txt (guide:5 under \"Tasks\", "
        "guide:9 under \"Errors\"); quote a longer passage that occurs in only one unit, or "
        "set \"section\" to the heading above the unit you mean"};
    BOOST_TEST(issues_for_fixture(R"({"name": "a", "source": {"doc": "guide.txt",
  "quote": "The result will look similar"}})") == expected,
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(an_unknown_document_is_rejected_with_the_known_ones, GuideFixture) {
    Lines expected = {
        "provenance-invalid: fx/a.json:1 /source/doc: unknown document \"guide.md\"; use one "
        "of: guide.txt"};
    BOOST_TEST(issues_for_fixture(
                   R"({"name": "a", "source": {"doc": "guide.md", "quote": "x"}})") == expected,
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(every_fixture_must_have_a_source, GuideFixture) {
    Lines expected = {
        "provenance-invalid: fx/a.json:3 /1: fixture \"b\" has no source; add \"source\": "
        "{\"doc\": ..., \"section\": ..., \"quote\": ...} citing the passage it encodes "
        "(docs/coverage.md)"};
    BOOST_TEST(issues_for_fixture(R"([
  {"name": "a", "source": {"doc": "guide.txt", "quote": "cancel a task"}},
  {"name": "b"}
])") == expected,
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_source_needs_a_quote_and_json_must_parse, GuideFixture) {
    BOOST_TEST(issues_for_fixture(R"({"name": "a", "source": {"doc": "guide.txt"}})") ==
                   Lines{"provenance-invalid: fx/a.json:1 /source: source has no \"quote\"; "
                         "quote the sentence or example this fixture encodes, verbatim"},
               boost::test_tools::per_element());
    BOOST_TEST(issues_for_fixture("{\"name\": \n}")
                   .front()
                   .starts_with("fixture-syntax: fx/a.json:2: syntax error"));
}

BOOST_FIXTURE_TEST_CASE(a_not_covered_entry_needs_a_why_and_a_quote_that_is_found, GuideFixture) {
    Lines expected = {
        "not-covered-invalid: cov/guide.not-covered.json:3 /1/why: the why is missing or "
        "empty; say why no fixture covers this passage (and where it is checked, if it is)",
        "not-covered-invalid: cov/guide.not-covered.json:2 /0/quote: quote \"Tasks are "
        "listed\" is not in guide.txt; closest unit guide:1 (line 1) shares \"Tasks\" (5 "
        "characters); copy "
        "the passage verbatim from fixtures/docs/guide.txt (only runs of whitespace may "
        "differ), and keep it inside one paragraph or example"};
    BOOST_TEST(issues_for_exclusions(R"([
  {"quote": "Tasks are listed", "why": "navigation"},
  {"quote": "cancel a task", "why": "  "}
])") == expected,
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_not_covered_entry_may_pick_one_of_identical_units_by_section,
                        GuideFixture) {
    ProvenanceInput input;
    read_exclusions("cov/guide.not-covered.json", "guide.txt",
                    R"([{"quote": "The result will look similar", "section": "Errors",
                         "why": "lead-in to the example"}])",
                    input);
    ProvenanceCheck check = check_provenance(docs, input);
    BOOST_TEST(check.issues.empty());
    BOOST_TEST_REQUIRE(check.exclusion_units.size() == 1u);
    BOOST_TEST(docs[0].units[check.exclusion_units[0]->unit].id == "guide:9");
}

BOOST_FIXTURE_TEST_CASE(the_fixture_loader_accepts_a_quote_array_and_joins_it_for_reports,
                        GuideFixture) {
    std::vector<Fixture> fixtures = parse_fixtures(R"({"name": "a", "profile": "meilisearch",
        "source": {"doc": "guide.txt", "quote": ["one", "two"]},
        "steps": [{"request": {"method": "GET", "path": "/health"}}]})",
                                                   "fx/a.json");
    BOOST_TEST_REQUIRE(fixtures.size() == 1u);
    BOOST_TEST(fixtures[0].provenance.quote == "one … two");
    BOOST_CHECK_EXCEPTION(parse_fixtures(R"({"name": "a", "profile": "meilisearch",
        "source": {"doc": "guide.txt", "quote": ["one", 2]},
        "steps": [{"request": {"method": "GET", "path": "/health"}}]})",
                                         "fx/a.json"),
                          taskcheck::InputError, [](const taskcheck::InputError& e) {
                              return std::string(e.what()) ==
                                     "fixture-invalid: fx/a.json:2 /source/quote/1: must be a "
                                     "string, found a number";
                          });
}

BOOST_AUTO_TEST_SUITE_END()
