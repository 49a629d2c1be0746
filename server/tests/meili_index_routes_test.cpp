// Index, document, settings and swap routes over real HTTP, and the body errors Meilisearch v1.1
// answers with its own codes (malformed_payload, missing_payload, invalid_content_type,
// missing_content_type, deserr field errors). Client errors are never 5xx.
#include <boost/test/unit_test.hpp>

#include "server/tests/meili_test_server.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;
using Json = nlohmann::ordered_json;

namespace {

std::string message_of(const Reply& reply) {
    return reply.json()["message"].get<std::string>();
}
std::string code_of(const Reply& reply) {
    return reply.json()["code"].get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_index_routes)

BOOST_AUTO_TEST_CASE(documents_are_added_listed_fetched_and_deleted) {
    MeiliTestServer server("meili-index-docs");
    Reply added = server.post("/indexes/movies/documents",
                              R"([{"id":1,"title":"Carol"},{"id":"b2","title":"Alien"}])");
    BOOST_TEST(added.status == 202);
    BOOST_TEST(added.json()["type"] == "documentAdditionOrUpdate");
    server.advance(10);
    BOOST_TEST(server.get("/indexes/movies/documents?limit=1&offset=1&fields=title").body ==
               R"({"results":[{"title":"Alien"}],"offset":1,"limit":1,"total":2})");
    BOOST_TEST(server.get("/indexes/movies/documents/1").body == R"({"id":1,"title":"Carol"})");
    server.put("/indexes/movies/documents", R"({"id":1,"year":2015})");
    server.advance(10);
    BOOST_TEST(server.get("/indexes/movies/documents/1").body ==
               R"({"id":1,"title":"Carol","year":2015})");
    BOOST_TEST(server.del("/indexes/movies/documents/b2").status == 202);
    server.post("/indexes/movies/documents/delete-batch", R"([1])");
    server.advance(20);
    BOOST_TEST(server.get("/indexes/movies/documents").body ==
               R"({"results":[],"offset":0,"limit":20,"total":0})");
    Reply missing = server.get("/indexes/movies/documents/1");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(message_of(missing) == "Document `1` not found.");
}

BOOST_AUTO_TEST_CASE(indexes_are_created_listed_updated_and_deleted) {
    MeiliTestServer server("meili-index-crud");
    server.post("/indexes", R"({"uid":"movies","primaryKey":"id"})");
    server.advance(10);
    BOOST_TEST(server.get("/indexes/movies").body ==
               R"({"uid":"movies","createdAt":"2024-01-01T00:00:00.01Z",)"
               R"("updatedAt":"2024-01-01T00:00:00.01Z","primaryKey":"id"})");
    Reply update = server.patch("/indexes/movies", R"({"primaryKey":"key"})");
    BOOST_TEST(update.status == 202);
    server.advance(10);
    BOOST_TEST(server.get("/indexes").body ==
               R"({"results":[{"uid":"movies","createdAt":"2024-01-01T00:00:00.01Z",)"
               R"("updatedAt":"2024-01-01T00:00:00.02Z","primaryKey":"key"}],)"
               R"("offset":0,"limit":20,"total":1})");
    BOOST_TEST(server.del("/indexes/movies").status == 202);
    server.advance(10);
    Reply gone = server.get("/indexes/movies");
    BOOST_TEST(gone.status == 404);
    BOOST_TEST(message_of(gone) == "Index `movies` not found.");
}

BOOST_AUTO_TEST_CASE(settings_updates_show_the_sent_keys_and_delete_resets_all) {
    MeiliTestServer server("meili-index-settings");
    BOOST_TEST(server.patch("/indexes/movies/settings", R"({"rankingRules":["words"]})").status ==
               202);
    BOOST_TEST(server.del("/indexes/movies/settings").status == 202);
    server.advance(20);
    BOOST_TEST(server.get("/tasks/0").json()["details"].dump() == R"({"rankingRules":["words"]})");
    BOOST_TEST(server.get("/tasks/1").json()["details"].size() == 11u);
    Reply bad = server.patch("/indexes/movies/settings", R"({"stopWords":[1]})");
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(code_of(bad) == "invalid_settings_stop_words");
    BOOST_TEST(message_of(bad) ==
               "Invalid value type at `.stopWords[0]`: expected a string, but found a positive "
               "integer: `1`");
}

BOOST_AUTO_TEST_CASE(swap_indexes_validates_pairs_and_duplicates) {
    MeiliTestServer server("meili-index-swap");
    Reply ok = server.post("/swap-indexes", R"([{"indexes":["a","b"]}])");
    BOOST_TEST(ok.status == 202);
    BOOST_TEST(ok.json()["type"] == "indexSwap");
    BOOST_TEST(ok.json()["indexUid"].is_null());
    Reply three = server.post("/swap-indexes", R"([{"indexes":["a","b","c"]}])");
    BOOST_TEST(code_of(three) == "invalid_swap_indexes");
    BOOST_TEST(message_of(three) ==
               "Two indexes must be given for each swap. The list "
               "`[\"a\", \"b\", \"c\"]` contains 3 indexes.");
    Reply twice = server.post("/swap-indexes", R"([{"indexes":["a","b"]},{"indexes":["a","c"]}])");
    BOOST_TEST(code_of(twice) == "invalid_swap_duplicate_index_found");
    BOOST_TEST(
        message_of(twice) ==
        "Indexes must be declared only once during a swap. `a` was specified several times.");
    Reply missing = server.post("/swap-indexes", R"([{}])");
    BOOST_TEST(code_of(missing) == "missing_swap_indexes");
    BOOST_TEST(message_of(missing) == "Missing field `indexes` inside `[0]`");
    server.advance(10);
    BOOST_TEST(server.get("/tasks/0").json()["error"]["message"] == "Indexes `a`, `b` not found.");
}

BOOST_AUTO_TEST_CASE(create_index_body_errors_follow_deserr) {
    MeiliTestServer server("meili-index-create-errors");
    Reply no_uid = server.post("/indexes", R"({"primaryKey":"id"})");
    BOOST_TEST(no_uid.status == 400);
    BOOST_TEST(code_of(no_uid) == "missing_index_uid");
    BOOST_TEST(message_of(no_uid) == "Missing field `uid`");
    Reply bad_uid = server.post("/indexes", R"({"uid":"a b"})");
    BOOST_TEST(code_of(bad_uid) == "invalid_index_uid");
    BOOST_TEST(message_of(bad_uid) ==
               "Invalid value at `.uid`: `a b` is not a valid index uid. Index uid can be an "
               "integer or a string containing only alphanumeric characters, hyphens (-) and "
               "underscores (_).");
    Reply typed = server.post("/indexes", R"({"uid":true})");
    BOOST_TEST(message_of(typed) ==
               "Invalid value type at `.uid`: expected a string, but found a boolean: `true`");
    Reply unknown = server.post("/indexes", R"({"uid":"a","primaryKy":"id"})");
    BOOST_TEST(code_of(unknown) == "bad_request");
    BOOST_TEST(message_of(unknown) ==
               "Unknown field `primaryKy`: did you mean `primaryKey`? expected one of `uid`, "
               "`primaryKey`");
    Reply path = server.del("/indexes/a%20b");
    BOOST_TEST(path.status == 400);
    BOOST_TEST(code_of(path) == "invalid_index_uid");
}

BOOST_AUTO_TEST_CASE(malformed_and_missing_payloads_use_meilisearch_codes) {
    MeiliTestServer server("meili-index-payloads");
    Reply malformed = server.post("/indexes", R"({"uid":"a",)");
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(
        malformed.body ==
        R"({"message":"The json payload provided is malformed. `EOF while parsing an )"
        R"(object at line 1 column 11`.","code":"malformed_payload","type":)"
        R"("invalid_request","link":"https://docs.meilisearch.com/errors#malformed_payload"})");
    Reply empty = server.post("/indexes", "");
    BOOST_TEST(empty.status == 400);
    BOOST_TEST(message_of(empty) == "A json payload is missing.");
    BOOST_TEST(code_of(empty) == "missing_payload");
    Reply docs = server.post("/indexes/movies/documents", R"({"id":1,})");
    BOOST_TEST(message_of(docs) ==
               "The `json` payload provided is malformed. `Couldn't serialize document value: "
               "trailing comma at line 1 column 9`.");
    Reply not_objects = server.post("/indexes/movies/documents", "[1]");
    BOOST_TEST(message_of(not_objects) ==
               "The `json` payload provided is malformed. `Couldn't serialize document value: "
               "data are neither an object nor a list of objects`.");
    Reply no_docs = server.post("/indexes/movies/documents", "");
    BOOST_TEST(code_of(no_docs) == "missing_payload");
}

BOOST_AUTO_TEST_CASE(wrong_content_types_are_415) {
    MeiliTestServer server("meili-index-content-types");
    Reply docs = server.post("/indexes/movies/documents", "[]", "text/plain");
    BOOST_TEST(docs.status == 415);
    BOOST_TEST(docs.body ==
               R"({"message":"The Content-Type `text/plain` is invalid. Accepted values for the )"
               R"(Content-Type header are: `application/json`, `application/x-ndjson`, )"
               R"(`text/csv`","code":"invalid_content_type","type":"invalid_request",)"
               R"("link":"https://docs.meilisearch.com/errors#invalid_content_type"})");
    Reply index = server.post("/indexes", R"({"uid":"a"})", "text/plain");
    BOOST_TEST(index.status == 415);
    BOOST_TEST(code_of(index) == "invalid_content_type");
    Reply ndjson = server.post("/indexes/movies/documents", "{\"id\":1}\n{\"id\":2}\n",
                               "application/x-ndjson");
    BOOST_TEST(ndjson.status == 202);
    server.advance(10);
    BOOST_TEST(server.get("/tasks/0").json()["details"]["indexedDocuments"] == 2);
}

// Garbage of every kind gets a 4xx and the server keeps answering.
BOOST_AUTO_TEST_CASE(malformed_input_never_gets_a_5xx) {
    MeiliTestServer server("meili-index-garbage");
    const std::vector<std::string> bodies = {
        "{",    "[", "nul", "\"\x01\"",        "{\"a\"1}",           "1 2",
        "[1,]", "-", "0x",  "{\"a\":\"\\q\"}", std::string(200, '[')};
    const std::vector<std::string> paths = {"/indexes", "/indexes/m/settings", "/swap-indexes",
                                            "/indexes/m/documents",
                                            "/indexes/m/documents/delete-batch"};
    for (const std::string& path : paths) {
        for (const std::string& body : bodies) {
            Reply reply = server.post(path, body);
            BOOST_TEST((reply.status >= 400 && reply.status < 500),
                       path << " " << body << " -> " << reply.status);
            BOOST_TEST(reply.json().contains("code"));
        }
    }
    BOOST_TEST(server.get("/health").status == 200);
}

BOOST_AUTO_TEST_CASE(list_parameters_are_checked) {
    MeiliTestServer server("meili-index-list-params");
    Reply bad = server.get("/indexes?limit=x");
    BOOST_TEST(code_of(bad) == "invalid_index_limit");
    BOOST_TEST(message_of(bad) ==
               "Invalid value in parameter `limit`: could not parse `x` as a positive integer");
    Reply unknown = server.get("/indexes?fields=a");
    BOOST_TEST(message_of(unknown) ==
               "Unknown parameter `fields`: expected one of `offset`, `limit`");
    BOOST_TEST(code_of(server.get("/indexes/m/documents?offset=-1")) == "invalid_document_offset");
    BOOST_TEST(server.get("/indexes/m/documents").status == 404);
}

// §9.2: PATCH /settings and each sub-route's update verb; PUT /settings is actix's empty 405.
BOOST_AUTO_TEST_CASE(settings_sub_routes_take_the_value_and_their_own_verb) {
    MeiliTestServer server("meili-settings-routes");
    Reply put = server.put("/indexes/m/settings", R"({"stopWords":["a"]})");
    BOOST_TEST(put.status == 405);
    BOOST_TEST(put.body == "");
    BOOST_TEST(server.put("/indexes/m/settings/stop-words", R"(["b","a"])").status == 202);
    BOOST_TEST(server.patch("/indexes/m/settings/typo-tolerance", R"({"enabled":false})").status ==
               202);
    BOOST_TEST(server.put("/indexes/m/settings/typo-tolerance", "{}").status == 405);
    BOOST_TEST(server.patch("/indexes/m/settings/ranking-rules", "[]").status == 405);
    Reply bad = server.put("/indexes/m/settings/ranking-rules", R"(["words","nope"])");
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(code_of(bad) == "invalid_settings_ranking_rules");
    BOOST_TEST(message_of(bad).starts_with("Invalid value at `[1]`: `nope` ranking rule"));
    server.advance(10);
    BOOST_TEST(server.get("/tasks/0").json()["details"].dump() == R"({"stopWords":["a","b"]})");
    BOOST_TEST(server.get("/tasks/1").json()["details"].dump() ==
               R"({"typoTolerance":{"enabled":false}})");
}

// §9 "Order of checks": the body is read before the path uid; documents read the query string,
// then the uid, then the payload.
BOOST_AUTO_TEST_CASE(a_bad_body_is_reported_before_a_bad_path_uid) {
    MeiliTestServer server("meili-check-order");
    BOOST_TEST(code_of(server.patch("/indexes/a%20b/settings", R"({"foo":1})")) == "bad_request");
    BOOST_TEST(code_of(server.patch("/indexes/a%20b/settings", "{}")) == "invalid_index_uid");
    BOOST_TEST(code_of(server.patch("/indexes/a%20b", R"({"uid":"x"})")) == "immutable_index_uid");
    BOOST_TEST(code_of(server.post("/indexes/a%20b/documents/delete-batch", R"("doggo")")) ==
               "bad_request");
    BOOST_TEST(code_of(server.post("/indexes/a%20b/documents?nope=1", "[]")) == "bad_request");
    BOOST_TEST(code_of(server.post("/indexes/a%20b/documents", "[")) == "invalid_index_uid");
}

BOOST_AUTO_TEST_CASE(update_index_refuses_immutable_fields) {
    MeiliTestServer server("meili-update-immutable");
    Reply uid = server.patch("/indexes/m", R"({"uid":"x"})");
    BOOST_TEST(uid.status == 400);
    BOOST_TEST(message_of(uid) == "Immutable field `uid`: expected one of `primaryKey`");
    BOOST_TEST(code_of(server.patch("/indexes/m", R"({"createdAt":1})")) ==
               "immutable_index_created_at");
    BOOST_TEST(code_of(server.patch("/indexes/m", R"({"updatedAt":1})")) ==
               "immutable_index_updated_at");
    BOOST_TEST(message_of(server.patch("/indexes/m", R"({"doggo":1})")) ==
               "Unknown field `doggo`: expected one of `primaryKey`");
}

// Settings deletions never create the index: the task fails when processed (§9.2).
BOOST_AUTO_TEST_CASE(a_settings_delete_on_a_missing_index_fails_when_processed) {
    MeiliTestServer server("meili-settings-delete-missing");
    BOOST_TEST(server.del("/indexes/ghost/settings").status == 202);
    BOOST_TEST(server.del("/indexes/ghost/settings/stop-words").status == 202);
    server.advance(10);
    for (const char* task : {"/tasks/0", "/tasks/1"}) {
        Json view = server.get(task).json();
        BOOST_TEST(view["status"] == "failed");
        BOOST_TEST(view["error"]["code"] == "index_not_found");
        BOOST_TEST(view["error"]["message"] == "Index `ghost` not found.");
    }
    BOOST_TEST(server.get("/tasks/1").json()["details"].dump() == R"({"stopWords":null})");
    BOOST_TEST(server.get("/indexes/ghost").status == 404);
}

BOOST_AUTO_TEST_CASE(csv_delimiter_is_one_ascii_character_and_only_for_csv) {
    MeiliTestServer server("meili-csv-delimiter");
    Reply empty = server.post("/indexes/m/documents?csvDelimiter=", "[]");
    BOOST_TEST(code_of(empty) == "invalid_document_csv_delimiter");
    BOOST_TEST(message_of(empty) ==
               "Invalid value in parameter `csvDelimiter`: expected a string "
               "of one character, but found an empty string");
    BOOST_TEST(message_of(server.post("/indexes/m/documents?csvDelimiter=doggo", "[]")) ==
               "Invalid value in parameter `csvDelimiter`: expected a string of one character, "
               "but found the following string of 5 characters: `doggo`");
    BOOST_TEST(message_of(server.post("/indexes/m/documents?csvDelimiter=%F0%9F%8D%B0", "[]")) ==
               "csv delimiter must be an ascii character. Found: `\xF0\x9F\x8D\xB0`");
    Reply json = server.post("/indexes/m/documents?csvDelimiter=%3B", "[]");
    BOOST_TEST(json.status == 415);
    BOOST_TEST(message_of(json) ==
               "The Content-Type `application/json` does not support the use of a csv delimiter. "
               "The csv delimiter can only be used with the Content-Type `text/csv`.");
}

// §9.4: the errors that appear only when a task is processed are task errors from the model.
BOOST_AUTO_TEST_CASE(document_errors_found_when_processing_fail_only_their_task) {
    MeiliTestServer server("meili-document-processing-errors");
    server.post("/indexes/m/documents", R"([{"id":1,"object_id":2,"uid":3}])");
    server.post("/indexes/n/documents", R"([{"id":"foo & bar"}])");
    server.advance(20);  // one batch per index
    Json multiple = server.get("/tasks/0").json();
    BOOST_TEST(multiple["status"] == "failed");
    BOOST_TEST(multiple["error"]["code"] == "index_primary_key_multiple_candidates_found");
    BOOST_TEST(multiple["details"].dump() == R"({"receivedDocuments":1,"indexedDocuments":0})");
    BOOST_TEST(server.get("/tasks/1").json()["error"]["code"] == "invalid_document_id");
}

BOOST_AUTO_TEST_SUITE_END()
