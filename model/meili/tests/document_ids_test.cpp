// The processing-time document errors of v1.1.1 (spec/meilisearch.md §9.4): primary-key
// inference, document ids flat and nested, and a `primaryKey` parameter that contradicts the
// index's key. Each is a task error produced by the model, never a request-time error.
#include "model/meili/document_ids.hpp"

#include <boost/test/unit_test.hpp>

#include "model/meili/tests/queue_fixture.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;
using namespace taskcheck::meili::testing;

namespace {

std::string inferred(const std::string& documents) {
    auto key = infer_primary_key(Json::parse(documents));
    return key.ok() ? key.value() : key.error().code + ": " + key.error().message;
}

std::string id_of(const std::string& document, const std::string& key) {
    const Json doc = Json::parse(document);
    auto id = document_id(doc, key, payload_fields(Json::array({doc})));
    return id.ok() ? id.value() : id.error().code + ": " + id.error().message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_document_ids)

BOOST_AUTO_TEST_CASE(inference_takes_the_only_field_ending_with_id_across_the_payload) {
    BOOST_TEST(inferred(R"([{"title":"a"},{"movie_ID":1}])") == "movie_ID");
    // "identifier" contains `id` but does not end with it (the pre-v1.1 rule took it).
    BOOST_TEST(inferred(R"([{"identifier":1}])") ==
               "index_primary_key_no_candidate_found: The primary key inference failed as the "
               "engine did not find any field ending with `id` in its name. Please specify the "
               "primary key manually using the `primaryKey` query parameter.");
}

BOOST_AUTO_TEST_CASE(several_candidates_are_counted_and_the_first_two_named_by_length_then_name) {
    BOOST_TEST(inferred(R"([{"object_id":1,"uid":2},{"id":3}])") ==
               "index_primary_key_multiple_candidates_found: The primary key inference failed as "
               "the engine found 3 fields ending with `id` in their names: 'id' and 'uid'. Please "
               "specify the primary key manually using the `primaryKey` query parameter.");
}

BOOST_AUTO_TEST_CASE(valid_ids_are_i64_or_non_empty_strings_of_the_id_alphabet) {
    BOOST_TEST(id_of(R"({"id":-7})", "id") == "-7");
    BOOST_TEST(id_of(R"({"id":"a-B_9"})", "id") == "a-B_9");
    BOOST_TEST(id_of(std::string(R"({"id":")") + std::string(600, 'x') + "\"}", "id").size() ==
               600u);
    const std::string tail =
        "` is invalid. A document identifier can be of type integer or string, only composed of "
        "alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_).";
    for (const char* bad :
         {"\"foo & bar\"", "\"\"", "1.5", "true", "null", "{}", "9223372036854775808"})
        BOOST_TEST(id_of(std::string(R"({"id":)") + bad + "}", "id") ==
                   std::string("invalid_document_id: Document identifier `") + bad + tail);
    BOOST_TEST(id_of(R"({"id":9223372036854775807})", "id") == "9223372036854775807");
}

BOOST_AUTO_TEST_CASE(a_missing_id_prints_the_document_in_payload_field_order) {
    const Json docs = Json::parse(R"([{"a":1,"b":2},{"b":3,"a":4}])");
    auto id = document_id(docs[1], "docid", payload_fields(docs));
    BOOST_TEST(id.error().message ==
               R"(Document doesn't have a `docid` attribute: `{"a":4,"b":3}`.)");
    BOOST_TEST(id.error().code == "missing_document_id");
}

BOOST_AUTO_TEST_CASE(a_nested_key_reads_objects_and_dotted_names_and_refuses_two_matches) {
    BOOST_TEST(id_of(R"({"a":{"b":"x1"}})", "a.b") == "x1");
    BOOST_TEST(id_of(R"({"a.b":5})", "a.b") == "5");
    BOOST_TEST(id_of(R"({"a":{"b":1},"a.b":2})", "a.b") ==
               R"(invalid_document_id: Document have too many matching `a.b` attribute: )"
               R"(`{"a":{"b":1},"a.b":2}`.)");
    BOOST_TEST(id_of(R"({"a":{"c":1}})", "a.b").starts_with("missing_document_id"));
}

BOOST_FIXTURE_TEST_CASE(a_primary_key_parameter_against_another_index_key_fails_the_batch,
                        QueueFixture) {
    add_documents("movies", R"([{"id":1}])");
    run_all();
    TaskUid a = enqueue(AddDocuments{"movies", Json::parse(R"([{"key":2}])"), "key"});
    TaskUid b = enqueue(AddDocuments{"movies", Json::parse(R"([{"key":3}])"), "key"});
    run_all();
    for (TaskUid uid : {a, b}) {
        BOOST_TEST(view(uid)["error"]["code"] == "index_primary_key_already_exists");
        BOOST_TEST(view(uid)["error"]["message"] == "Index already has a primary key: `id`.");
    }
    TaskUid same = enqueue(AddDocuments{"movies", Json::parse(R"([{"id":4}])"), "id"});
    run_all();
    BOOST_TEST(status(same) == "succeeded");
}

BOOST_FIXTURE_TEST_CASE(a_primary_key_parameter_is_set_before_the_documents_are_read,
                        QueueFixture) {
    // The key is set on the empty index first, so it stays even though the task fails.
    TaskUid bad = enqueue(AddDocuments{"books", Json::parse(R"([{"isbn":1},{"x":2}])"), "isbn"});
    run_all();
    BOOST_TEST(view(bad)["error"]["code"] == "missing_document_id");
    BOOST_TEST(queue.indexes().find("books")->primary_key.value() == "isbn");
}

BOOST_AUTO_TEST_SUITE_END()
