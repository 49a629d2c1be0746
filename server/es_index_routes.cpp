// The minimal index store of the Elasticsearch profile over HTTP (es_routes.hpp): PUT /{index},
// PUT|POST /{index}/_doc[/{id}], GET /{index}/_doc/{id}, POST [/{index}]/_bulk,
// GET|POST /{index}/_count (the refresh API is es_refresh.cpp). Writes are durable commands
// (EsDocsWrite) acknowledged once journalled.
#include <iterator>

#include "model/common/assert.hpp"
#include "model/es/results_store.hpp"
#include "model/es/task_id.hpp"
#include "server/es_http.hpp"
#include "server/es_query.hpp"
#include "server/es_routes.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;
using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;

const std::vector<std::string> kWriteParameters =
    common_plus({"refresh", "op_type", "timeout", "wait_for_active_shards", "routing", "pipeline",
                 "require_alias"});

EsError parse_error(const std::string& reason) {
    EsError error;
    error.http_status = 400;
    error.type = "parse_exception";
    error.reason = reason;
    return error;
}

EsError version_conflict(const std::string& index, const std::string& id, std::int64_t version) {
    EsError error;
    error.http_status = 409;
    error.type = "version_conflict_engine_exception";
    error.reason = "[" + id + "]: version conflict, document already exists (current version [" +
                   std::to_string(version) + "])";
    error.metadata = Json{{"index_uuid", index_uuid(index)}, {"shard", "0"}, {"index", index}};
    return error;
}

int live_nodes(EsService& service) {
    return service.read(
        [](const EsState& s) { return static_cast<int>(s.cluster().membership().nodes().size()); });
}

// {"_index", "_id", "_version", "result", "_shards", "_seq_no", "_primary_term"} of one write.
Json write_body(const std::string& index, const Json& outcome, int nodes) {
    return Json{{"_index", index},
                {"_id", outcome["_id"]},
                {"_version", outcome["_version"]},
                {"result", outcome["result"]},
                {"_shards", write_shards(nodes)},
                {"_seq_no", outcome["_seq_no"]},
                {"_primary_term", 1}};
}

void create_index(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, common_plus({"wait_for_active_shards", "timeout", "master_timeout"})))
        return;
    const std::string index = req.matches[1].str();
    if (auto invalid = check_index_name(index)) return send_error(req, res, *invalid);
    int shards = 1;
    if (!req.body.empty()) {
        if (auto deep = depth_error(req.body, false)) return send_error(req, res, *deep);
        Json body = Json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
            return send_error(req, res, parse_error("Failed to parse content to map"));
        const Json settings = body.value("settings", Json::object());
        Json value = settings.contains("index")
                         ? settings["index"].value("number_of_shards", Json())
                         : settings.value("number_of_shards", Json());
        if (value.is_string()) value = Json::parse(value.get<std::string>(), nullptr, false);
        if (!value.is_null()) {
            if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
                value.get<std::int64_t>() > 1024)
                return send_error(req, res,
                                  illegal_argument("Failed to parse value [" + value.dump() +
                                                   "] for setting [index.number_of_shards] "
                                                   "must be >= 1"));
            shards = value.get<int>();
        }
    }
    auto created = service.command(EsIndexCreate{0, index, shards});
    if (!created.ok()) return send_error(req, res, created.error());
    send_json(req, res, 200, created.value().dump());
}

void index_doc(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, kWriteParameters)) return;
    const std::string index = req.matches[1].str();
    const std::string id = req.matches.size() > 2 ? req.matches[2].str() : "";
    if (auto invalid = check_index_name(index)) return send_error(req, res, *invalid);
    if (req.body.empty()) return send_error(req, res, parse_error("request body is required"));
    if (auto deep = depth_error(req.body, true)) return send_error(req, res, *deep);
    Json source = Json::parse(req.body, nullptr, false);
    if (source.is_discarded() || !source.is_object()) {
        EsError error = parse_error("failed to parse");
        error.type = "document_parsing_exception";
        return send_error(req, res, error);
    }
    const std::string op_type = param(req, "op_type");
    if (!op_type.empty() && op_type != "index" && op_type != "create")
        return send_error(
            req, res,
            illegal_argument("opType must be 'create' or 'index', found: [" + op_type + "]"));
    EsDocWrite write{index, id, std::move(source), op_type == "create"};
    auto written = service.command(EsDocsWrite{0, {write}});
    TC_ASSERT(written.ok());
    const Json outcome = written.value()[0];
    if (outcome["result"] == "conflict")
        return send_error(req, res,
                          version_conflict(index, outcome["_id"].get<std::string>(),
                                           outcome["_version"].get<std::int64_t>()));
    const int status = outcome["result"] == "created" ? 201 : 200;
    send_json(req, res, status, write_body(index, outcome, live_nodes(service)).dump());
}

// GET /.tasks/_doc/<task id>: the stored result's `.tasks` document (TaskResult source, as
// written: no "cancelled"), read from the task cluster's ResultsStore, which is the one copy of
// `.tasks`. Simplification: `_version` is 1 and `_seq_no` the document's rank by id, where ES
// counts writes (a result stored again under a reused id bumps both there).
Result<Json, EsError> tasks_document(const EsState& state, const std::string& id) {
    const ResultsStore& results = state.cluster().results();
    if (!results.index_exists()) return Err(index_not_found(".tasks"));
    const Json missing = Json{{"_index", ".tasks"}, {"_id", id}, {"found", false}};
    auto task_id = parse_task_id(id);
    if (!task_id.ok()) return missing;
    const StoredResult* stored = results.find(task_id.value());
    if (stored == nullptr) return missing;
    const auto rank =
        std::distance(results.results().begin(), results.results().find(task_id.value()));
    return Json{{"_index", ".tasks"},
                {"_id", id},
                {"_version", 1},
                {"_seq_no", rank},
                {"_primary_term", 1},
                {"found", true},
                {"_source", to_json(*stored, TaskInfoFormat{false, false})}};
}

void get_doc(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res,
               common_plus(
                   {"realtime", "refresh", "routing", "preference", "_source", "stored_fields"})))
        return;
    const std::string index = req.matches[1].str();
    const std::string id = req.matches[2].str();
    auto body = service.read([&](const EsState& s) -> Result<Json, EsError> {
        if (index == ".tasks") return tasks_document(s, id);
        const EsIndex* found = s.indices().find(index);
        if (found == nullptr) return Err(index_not_found(index));
        auto doc = found->docs.find(id);
        if (doc == found->docs.end()) return Json{{"_index", index}, {"_id", id}, {"found", false}};
        return Json{{"_index", index},
                    {"_id", id},
                    {"_version", doc->second.version},
                    {"_seq_no", doc->second.seq_no},
                    {"_primary_term", 1},
                    {"found", true},
                    {"_source", doc->second.source}};
    });
    if (!body.ok()) return send_error(req, res, body.error());
    send_json(req, res, body.value()["found"] == true ? 200 : 404, body.value().dump());
}

void count_docs(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res,
               common_plus({"q", "allow_no_indices", "expand_wildcards", "ignore_unavailable",
                            "routing", "preference"})))
        return;
    const std::string index = req.matches[1].str();
    auto query = parse_query_body(req.body, false);
    if (!query.ok()) return send_error(req, res, query.error());
    auto count = service.read([&](const EsState& s) -> Result<std::int64_t, EsError> {
        const EsIndex* found = s.indices().find(index);
        if (found == nullptr) return Err(index_not_found(index));
        std::int64_t n = 0;
        for (const auto& [id, doc] : found->docs)
            n += query.value().matches(doc.source) ? 1 : 0;
        return n;
    });
    if (!count.ok()) return send_error(req, res, count.error());
    Json shards = {{"total", 1}, {"successful", 1}, {"skipped", 0}, {"failed", 0}};
    send_json(req, res, 200, Json{{"count", count.value()}, {"_shards", shards}}.dump());
}

}  // namespace

void register_es_index_routes(HttpListener& listener, EsService& service) {
    const std::string index = R"(/([^/_][^/]*))";
    listener.route(HttpMethod::put, index,
                   [&service](const Req& req, Res& res) { create_index(service, req, res); });
    for (HttpMethod method : {HttpMethod::put, HttpMethod::post})
        listener.route(method, index + R"(/_doc/([^/]+))",
                       [&service](const Req& req, Res& res) { index_doc(service, req, res); });
    listener.route(HttpMethod::post, index + "/_doc",
                   [&service](const Req& req, Res& res) { index_doc(service, req, res); });
    listener.route(HttpMethod::get, index + R"(/_doc/([^/]+))",
                   [&service](const Req& req, Res& res) { get_doc(service, req, res); });
    for (HttpMethod method : {HttpMethod::get, HttpMethod::post}) {
        listener.route(method, index + "/_count",
                       [&service](const Req& req, Res& res) { count_docs(service, req, res); });
    }
    register_es_bulk_route(listener, service);
    register_es_refresh_routes(listener, service);
}

}  // namespace taskcheck::server
