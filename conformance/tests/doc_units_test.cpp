// Document units: how a document is cut into the units fixtures cite, and the kind each gets.
// The rule is by content (conformance/doc_units.hpp); these cases pin it, including on the
// vendored documents, so a change to the rule shows up as a changed id or kind here.
#include "conformance/doc_units.hpp"

#include <boost/test/unit_test.hpp>

#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;

namespace {

std::string kind_of(std::initializer_list<std::string_view> lines) {
    return std::string(unit_kind_name(classify_unit(std::vector<std::string_view>(lines))));
}

// "<id> <kind> <line_first>-<line_last> [<section>] <normalized>" for each unit.
std::vector<std::string> describe(const Document& doc) {
    std::vector<std::string> out;
    for (const DocUnit& unit : doc.units) {
        out.push_back(unit.id + " " + std::string(unit_kind_name(unit.kind)) + " " +
                      std::to_string(unit.line_first) + "-" + std::to_string(unit.line_last) +
                      " [" + unit.section + "] " + unit.normalized);
    }
    return out;
}

const DocUnit& unit_at(const Document& doc, int line_first) {
    for (const DocUnit& unit : doc.units) {
        if (unit.line_first == line_first) return unit;
    }
    BOOST_FAIL("no unit starts at line " << line_first);
    return doc.units.front();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(doc_units)

BOOST_AUTO_TEST_CASE(units_are_runs_of_non_blank_lines_and_whitespace_only_lines_are_blank) {
    Document doc = split_document("guide.txt",
                                  "Task queue\n"
                                  "\n"
                                  "    Tasks are processed\n"
                                  "    in order.\n"
                                  "    \t \n"
                                  "    {\n"
                                  "        \"uid\": 1\n"
                                  "    }\n");
    std::vector<std::string> expected = {
        "guide:1 heading 1-1 [] Task queue",
        "guide:3 prose 3-4 [Task queue] Tasks are processed in order.",
        "guide:6 example 6-8 [Task queue] { \"uid\": 1 }"};
    BOOST_TEST(describe(doc) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_or_blank_text_has_no_units) {
    BOOST_TEST(split_document("a.txt", "").units.empty());
    BOOST_TEST(split_document("a.txt", "  \n\n\t\n").units.empty());
}

BOOST_AUTO_TEST_CASE(request_lines_curl_json_and_code_are_examples) {
    BOOST_TEST(kind_of({"GET _tasks?nodes=nodeId1,nodeId2"}) == "example");
    BOOST_TEST(kind_of({"POST _tasks/oTUltX4IQMOUUVeiohTt8A:12345/_cancel"}) == "example");
    BOOST_TEST(kind_of({"curl \\", "  -X GET 'http://localhost:7700/tasks?uids=5,10,13'"}) ==
               "example");
    BOOST_TEST(kind_of({"\"LJiKRO1oT0aNj-9-WcniRw:425945\" : {"}) == "example");
    BOOST_TEST(kind_of({"HTTP/1.1 200 OK", "X-Opaque-Id: 123456"}) == "example");
    BOOST_TEST(kind_of({" * Returns task description", "protected String getDescription() {"}) ==
               "example");
    BOOST_TEST(kind_of({"return new AllocatedPersistentTask(id, type,"}) == "example");
}

BOOST_AUTO_TEST_CASE(a_short_unpunctuated_line_is_a_heading_and_anything_else_prose) {
    BOOST_TEST(kind_of({"Task Cancellation"}) == "heading");
    BOOST_TEST(kind_of({"GETTING started"}) == "heading");  // not a request line
    BOOST_TEST(kind_of({"Which operations are asynchronous?"}) == "prose");
    BOOST_TEST(kind_of({"Response:"}) == "prose");
    BOOST_TEST(kind_of({"Task status", "second line"}) == "prose");
    BOOST_TEST(kind_of({"1. taskCancelation", "2. taskDeletion"}) == "prose");
    BOOST_TEST(kind_of({std::string(81, 'a')}) == "prose");
}

BOOST_AUTO_TEST_CASE(whitespace_runs_become_one_space_and_the_ends_are_trimmed) {
    BOOST_TEST(normalize_whitespace("  \"status\":\n      \"succeeded\",\t\r\n ") ==
               "\"status\": \"succeeded\",");
    BOOST_TEST(normalize_whitespace("isn’t  found") == "isn’t found");  // UTF-8 kept
    BOOST_TEST(normalize_whitespace(" \n ").empty());
}

BOOST_AUTO_TEST_CASE(the_vendored_meilisearch_document_has_the_expected_units) {
    std::vector<Document> docs = load_documents("fixtures/docs");
    BOOST_TEST_REQUIRE(docs.size() == 3u);
    BOOST_TEST(docs[0].name == "elasticsearch-persistent-tasks.txt");
    BOOST_TEST(docs[1].name == "elasticsearch-task-management-api.txt");
    const Document& meili = docs[2];
    BOOST_TEST(meili.name == "meilisearch-tasks.txt");
    BOOST_TEST(unit_kind_name(unit_at(meili, 3).kind) == "heading");
    BOOST_TEST(unit_kind_name(unit_at(meili, 23).kind) == "example");
    BOOST_TEST(unit_at(meili, 23).line_last == 38);
    BOOST_TEST(unit_at(meili, 23).section == "Task objects");
    BOOST_TEST(unit_kind_name(unit_at(meili, 7).kind) == "prose");      // "Which operations ...?"
    BOOST_TEST(unit_kind_name(unit_at(meili, 190).kind) == "example");  // curl ... uids=5,10,13
}

BOOST_AUTO_TEST_CASE(a_folder_without_documents_is_an_input_error) {
    BOOST_CHECK_EXCEPTION(load_documents("conformance/no-such-folder"), taskcheck::InputError,
                          [](const taskcheck::InputError& e) {
                              return e.id() == "docs-missing" && e.problem() == "not a directory";
                          });
    BOOST_CHECK_EXCEPTION(load_documents("docs"), taskcheck::InputError,
                          [](const taskcheck::InputError& e) {
                              return std::string(e.what()) ==
                                     "docs-missing: docs: holds no .txt document; copy "
                                     "the documents from shared/seeds/ into it";
                          });
}

BOOST_AUTO_TEST_SUITE_END()
