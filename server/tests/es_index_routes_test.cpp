// The ES profile's minimal index store over real HTTP (es_index_store.hpp, es_routes.hpp):
// index creation, document writes, _bulk, _refresh, _count, their errors in ES's envelope, and
// durability across a restart.
#include <boost/test/unit_test.hpp>

#include "server/tests/es_test_server.hpp"

using namespace taskcheck;
using namespace taskcheck::server::testing;
using Json = nlohmann::ordered_json;

namespace {

EsReply put(EsTestServer& server, const std::string& path, const std::string& body) {
    return server.request("PUT", path, body);
}

std::string error_of(const EsReply& reply) {
    Json error = reply.json()["error"];
    return error["type"].get<std::string>() + ": " + error["reason"].get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_index_routes)

BOOST_AUTO_TEST_CASE(an_index_is_created_once_and_names_are_checked) {
    EsTestServer server("es-index-create");
    EsReply created = put(server, "/books", "");
    BOOST_TEST(created.status == 200);
    BOOST_TEST(created.body ==
               R"({"acknowledged":true,"shards_acknowledged":true,"index":"books"})");
    EsReply again = put(server, "/books", "");
    BOOST_TEST(again.status == 400);
    const std::string reason = again.json()["error"]["reason"].get<std::string>();
    BOOST_TEST(reason.starts_with("index [books/"));
    BOOST_TEST(reason.ends_with("] already exists"));
    BOOST_TEST(again.json()["error"]["root_cause"][0]["type"] ==
               "resource_already_exists_exception");
    EsReply upper = put(server, "/Books", "");
    BOOST_TEST(upper.status == 400);
    BOOST_TEST(error_of(upper) ==
               "invalid_index_name_exception: Invalid index name [Books], must be lowercase");
}

BOOST_AUTO_TEST_CASE(a_document_is_created_then_updated_with_growing_version_and_seq_no) {
    EsTestServer server("es-index-doc");
    EsReply created = put(server, "/books/_doc/1", R"({"t":"a"})");
    BOOST_TEST(created.status == 201);
    BOOST_TEST(created.header("X-Elastic-Product") == "Elasticsearch");
    BOOST_TEST(created.body ==
               R"({"_index":"books","_id":"1","_version":1,"result":"created",)"
               R"("_shards":{"total":2,"successful":2,"failed":0},"_seq_no":0,"_primary_term":1})");
    EsReply updated = server.post("/books/_doc/1", R"({"t":"b"})");
    BOOST_TEST(updated.status == 200);
    BOOST_TEST(updated.json()["result"] == "updated");
    BOOST_TEST(updated.json()["_version"] == 2);
    BOOST_TEST(updated.json()["_seq_no"] == 1);
    EsReply got = server.get("/books/_doc/1");
    BOOST_TEST(got.body == R"({"_index":"books","_id":"1","_version":2,"_seq_no":1,)"
                           R"("_primary_term":1,"found":true,"_source":{"t":"b"}})");
    EsReply conflict = put(server, "/books/_doc/1?op_type=create", R"({"t":"c"})");
    BOOST_TEST(conflict.status == 409);
    BOOST_TEST(error_of(conflict) ==
               "version_conflict_engine_exception: [1]: version conflict, "
               "document already exists (current version [2])");
    EsReply generated = server.post("/books/_doc", R"({"t":"d"})");
    BOOST_TEST(generated.status == 201);
    BOOST_TEST(generated.json()["_id"].get<std::string>().size() == 20u);
    BOOST_TEST(server.get("/books/_doc/nope").body ==
               R"({"_index":"books","_id":"nope","found":false})");
}

BOOST_AUTO_TEST_CASE(count_refresh_and_a_missing_index) {
    EsTestServer server("es-index-count");
    put(server, "/books/_doc/1", R"({"genre":"sf"})");
    put(server, "/books/_doc/2", R"({"genre":"crime"})");
    put(server, "/books/_doc/3", R"({"genre":"sf"})");
    BOOST_TEST(server.post("/books/_refresh").body ==
               R"({"_shards":{"total":2,"successful":2,"failed":0}})");
    BOOST_TEST(server.get("/books/_count").body ==
               R"({"count":3,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}})");
    EsReply term = server.post("/books/_count", R"({"query":{"term":{"genre.keyword":"sf"}}})");
    BOOST_TEST(term.json()["count"] == 2);
    EsReply missing = server.get("/nope/_count");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(error_of(missing) == "index_not_found_exception: no such index [nope]");
    EsReply unsupported = server.post("/books/_count", R"({"query":{"range":{"n":{"gt":1}}}})");
    BOOST_TEST(unsupported.status == 400);
}

BOOST_AUTO_TEST_CASE(bulk_reports_each_item_and_conflicts_without_failing_the_request) {
    EsTestServer server("es-index-bulk");
    EsReply bulk = server.post("/_bulk",
                               "{\"index\":{\"_index\":\"b\",\"_id\":\"1\"}}\n{\"x\":1}\n"
                               "{\"create\":{\"_index\":\"b\",\"_id\":\"1\"}}\n{\"x\":2}\n"
                               "{\"delete\":{\"_index\":\"b\",\"_id\":\"9\"}}\n",
                               {{"Content-Type", "application/x-ndjson"}});
    BOOST_TEST(bulk.status == 200);
    Json body = bulk.json();
    BOOST_TEST(body["errors"] == true);
    BOOST_TEST(body["items"][0]["index"]["status"] == 201);
    BOOST_TEST(body["items"][1]["create"]["status"] == 409);
    BOOST_TEST(body["items"][1]["create"]["error"]["type"] == "version_conflict_engine_exception");
    BOOST_TEST(body["items"][2]["delete"]["result"] == "not_found");
    BOOST_TEST(body["items"][2]["delete"]["status"] == 404);
    EsReply unterminated = server.post("/b/_bulk", "{\"index\":{}}\n{\"x\":1}");
    BOOST_TEST(unterminated.status == 400);
    BOOST_TEST(
        error_of(unterminated) ==
        "illegal_argument_exception: The bulk request must be terminated by a newline [\\n]");
    EsReply bad = server.post("/b/_bulk", "{\"upsert\":{}}\n");
    BOOST_TEST(error_of(bad) ==
               "illegal_argument_exception: Malformed action/metadata line [1], "
               "expected field [create], [delete], [index] or [update] but "
               "found [upsert]");
    BOOST_TEST(server.get("/b/_count").json()["count"] == 1);
}

BOOST_AUTO_TEST_CASE(acknowledged_documents_survive_a_restart) {
    EsTestServer server("es-index-durable");
    put(server, "/books", R"({"settings":{"number_of_shards":3}})");
    server.post("/_bulk",
                "{\"index\":{\"_index\":\"books\",\"_id\":\"1\"}}\n{\"x\":1}\n"
                "{\"index\":{\"_index\":\"books\"}}\n{\"x\":2}\n");
    const std::string before = server.get("/books/_doc/1").body;
    server.restart();
    BOOST_TEST(server.get("/books/_count").json()["count"] == 2);
    BOOST_TEST(server.get("/books/_doc/1").body == before);
    BOOST_TEST(put(server, "/books", "").status == 400);
}

BOOST_AUTO_TEST_CASE(malformed_bodies_are_4xx_never_5xx) {
    EsTestServer server("es-index-malformed");
    for (const char* body : {"", "{", "[1]", "\"x\""}) {
        BOOST_TEST(put(server, "/books/_doc/1", body).status == 400);
        BOOST_TEST(put(server, "/books2", body).status < 500);
        BOOST_TEST(server.post("/_bulk", body).status == 400);
        BOOST_TEST(server.post("/_reindex", body).status == 400);
    }
    BOOST_TEST(put(server, "/books/_doc/1?refreshh=true", "{}").status == 400);
    BOOST_TEST(server.get("/").status == 200);
}

// §9.1: every form a client sends resolves as IndexNameExpressionResolver does; `total` counts
// every copy (1 replica per primary), a wildcard matching nothing is 200 with zeros.
BOOST_AUTO_TEST_CASE(refresh_resolves_names_lists_all_and_wildcards) {
    EsTestServer server("es-refresh-forms");
    put(server, "/logs-a", R"({"settings":{"number_of_shards":3}})");
    put(server, "/logs-b/_doc/1", "{}");
    put(server, "/books/_doc/1", "{}");
    auto shards = [&](const std::string& method, const std::string& path) {
        EsReply reply = server.request(method, path, "");
        return std::to_string(reply.status) + " " + reply.body;
    };
    const std::string all = R"(200 {"_shards":{"total":10,"successful":10,"failed":0}})";
    BOOST_TEST(shards("POST", "/_refresh") == all);
    BOOST_TEST(shards("GET", "/_refresh") == all);
    BOOST_TEST(shards("POST", "/_all/_refresh") == all);
    BOOST_TEST(shards("GET", "/*/_refresh") == all);
    BOOST_TEST(shards("POST", "/logs-*/_refresh") ==
               R"(200 {"_shards":{"total":8,"successful":8,"failed":0}})");
    BOOST_TEST(shards("POST", "/logs-*,-logs-a/_refresh") ==
               R"(200 {"_shards":{"total":2,"successful":2,"failed":0}})");
    BOOST_TEST(shards("POST", "/books,logs-b/_refresh") ==
               R"(200 {"_shards":{"total":4,"successful":4,"failed":0}})");
    BOOST_TEST(shards("POST", "/nomatch-*/_refresh") ==
               R"(200 {"_shards":{"total":0,"successful":0,"failed":0}})");
    BOOST_TEST(shards("POST", "/logs-*/_refresh?expand_wildcards=none") ==
               R"(200 {"_shards":{"total":0,"successful":0,"failed":0}})");
}

BOOST_AUTO_TEST_CASE(refresh_of_a_missing_index_is_the_resolvers_404) {
    EsTestServer server("es-refresh-missing");
    put(server, "/a/_doc/1", "{}");
    const std::string nope =
        R"({"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index )"
        R"([nope]","resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_",)"
        R"("index":"nope"}],"type":"index_not_found_exception","reason":"no such index [nope]",)"
        R"("resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_",)"
        R"("index":"nope"},"status":404})";
    EsReply missing = server.post("/nope/_refresh");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(missing.body == nope);
    BOOST_TEST(server.post("/a,nope,also-not/_refresh").body == nope);
    BOOST_TEST(server.post("/a,nope/_refresh?ignore_unavailable=true").body ==
               R"({"_shards":{"total":2,"successful":2,"failed":0}})");
    EsReply none = server.post("/x-*/_refresh?allow_no_indices=false");
    BOOST_TEST(none.status == 404);
    BOOST_TEST(error_of(none) == "index_not_found_exception: no such index [x-*]");
    EsReply empty = server.post("/_refresh?allow_no_indices=false&expand_wildcards=none");
    BOOST_TEST(error_of(empty) ==
               "index_not_found_exception: no such index [_all] and no indices exist");
}

BOOST_AUTO_TEST_CASE(refresh_parameters_are_checked) {
    EsTestServer server("es-refresh-params");
    EsReply wildcards = server.post("/_refresh?expand_wildcards=foo");
    BOOST_TEST(wildcards.status == 400);
    BOOST_TEST(error_of(wildcards) ==
               "illegal_argument_exception: No valid expand wildcard value [foo]");
    EsReply boolean = server.post("/_refresh?ignore_unavailable=abc");
    BOOST_TEST(boolean.status == 400);
    BOOST_TEST(boolean.body ==
               R"({"error":{"root_cause":[{"type":"illegal_argument_exception","reason":)"
               R"("Could not convert [ignore_unavailable] to boolean"}],"type":)"
               R"("illegal_argument_exception","reason":"Could not convert [ignore_unavailable])"
               R"( to boolean","caused_by":{"type":"illegal_argument_exception","reason":)"
               R"("Failed to parse value [abc] as only [true] or [false] are allowed."}},)"
               R"("status":400})");
    BOOST_TEST(server.post("/nope/_refresh?ignore_unavailable=").status == 404);
    BOOST_TEST(server.post("/_refresh?ignore_throttled=false").status == 200);
    EsReply unknown = server.post("/_refresh?flush=true");
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(
        error_of(unknown).starts_with("illegal_argument_exception: request [/_refresh] "
                                      "contains unrecognized parameter: [flush]"));
}

// `.tasks` exists once a result is stored (ResultsStore); before that it is the resolver's 404.
BOOST_AUTO_TEST_CASE(the_tasks_index_is_missing_until_a_result_is_stored) {
    EsTestServer server("es-refresh-tasks-index");
    BOOST_TEST(error_of(server.get("/.tasks/_doc/es-0:1")) ==
               "index_not_found_exception: no such index [.tasks]");
    BOOST_TEST(server.post("/.tasks/_refresh").status == 404);
    BOOST_TEST(server.post("/.t*/_refresh").body ==
               R"({"_shards":{"total":0,"successful":0,"failed":0}})");
}

BOOST_AUTO_TEST_SUITE_END()
