// POST /_bulk and POST /{index}/_bulk of the Elasticsearch profile (es_routes.hpp): NDJSON
// action/metadata lines `index`, `create` (each followed by the source line) and `delete`,
// applied as one durable EsDocsWrite. `update` is answered per item with an error (not
// modelled). Malformed lines refuse the whole request with ES's messages (BulkRequestParser).
#include "model/common/assert.hpp"
#include "server/es_http.hpp"
#include "server/es_routes.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;
using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;

struct BulkItem {
    std::string op;  // index | create | delete | update
    std::string index;
    std::string id;
    std::optional<Json> source;
};

Result<std::vector<BulkItem>, EsError> parse_bulk(const std::string& body,
                                                  const std::string& default_index) {
    if (body.empty()) return Err(validation_failed("no requests added"));
    if (body.back() != '\n')
        return Err(illegal_argument("The bulk request must be terminated by a newline [\\n]"));
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < body.size();) {
        const std::size_t end = body.find('\n', at);
        std::string line = body.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) lines.push_back(std::move(line));
        at = end + 1;
    }
    std::vector<BulkItem> items;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string where = "Malformed action/metadata line [" + std::to_string(i + 1) + "]";
        if (auto deep = depth_error(lines[i], false)) return Err(*deep);
        Json action = Json::parse(lines[i], nullptr, false);
        if (action.is_discarded() || !action.is_object() || action.size() != 1)
            return Err(illegal_argument(where + ", expected START_OBJECT or END_OBJECT"));
        const std::string& op = action.begin().key();
        const auto& meta = action.begin().value();
        if (op != "index" && op != "create" && op != "delete" && op != "update")
            return Err(illegal_argument(where +
                                        ", expected field [create], [delete], [index] "
                                        "or [update] but found [" +
                                        op + "]"));
        BulkItem item{op, default_index, "", std::nullopt};
        if (meta.is_object()) {
            item.index = meta.value("_index", default_index);
            item.id = meta.value("_id", "");
        }
        if (item.index.empty()) return Err(validation_failed("index is missing"));
        if (op != "delete") {
            if (++i >= lines.size()) return Err(validation_failed("source is missing"));
            if (auto deep = depth_error(lines[i], true)) return Err(*deep);
            Json source = Json::parse(lines[i], nullptr, false);
            if (source.is_discarded() || !source.is_object())
                return Err(
                    illegal_argument("Malformed content, found extra data after parsing: "
                                     "line [" +
                                     std::to_string(i + 1) + "]"));
            item.source = std::move(source);
        } else if (item.id.empty()) {
            return Err(validation_failed("id is missing"));
        }
        items.push_back(std::move(item));
    }
    return items;
}

Json item_error(const EsError& error) {
    return to_throwable_json(error);
}

// One item of the response, from the write's outcome.
Json bulk_item(const BulkItem& item, const Json& outcome, int nodes) {
    const std::string result = outcome["result"].get<std::string>();
    Json body = {{"_index", item.index}, {"_id", outcome["_id"]}};
    if (result == "conflict") {
        EsError error;
        error.type = "version_conflict_engine_exception";
        error.reason = "[" + outcome["_id"].get<std::string>() +
                       "]: version conflict, document already exists (current version [" +
                       std::to_string(outcome["_version"].get<std::int64_t>()) + "])";
        error.metadata =
            Json{{"index_uuid", index_uuid(item.index)}, {"shard", "0"}, {"index", item.index}};
        body["status"] = 409;
        body["error"] = item_error(error);
        return Json{{item.op, body}};
    }
    body["_version"] = outcome["_version"];
    body["result"] = result;
    body["_shards"] = write_shards(nodes);
    body["_seq_no"] = outcome["_seq_no"];
    body["_primary_term"] = 1;
    body["status"] = result == "created" ? 201 : result == "not_found" ? 404 : 200;
    return Json{{item.op, body}};
}

void bulk(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res,
               common_plus({"refresh", "timeout", "wait_for_active_shards", "routing", "pipeline",
                            "require_alias", "_source"})))
        return;
    const std::string default_index = req.matches.size() > 1 ? req.matches[1].str() : "";
    auto items = parse_bulk(req.body, default_index);
    if (!items.ok()) return send_error(req, res, items.error());
    EsDocsWrite command;
    std::vector<std::optional<EsError>> refused;
    for (const BulkItem& item : items.value()) {
        std::optional<EsError> error = check_index_name(item.index);
        if (!error && item.op == "update")
            error = illegal_argument("taskcheck serve's _bulk does not model [update]");
        refused.push_back(error);
        if (!error)
            command.writes.push_back(
                EsDocWrite{item.index, item.id, item.source, item.op == "create"});
    }
    Json outcomes = Json::array();
    if (!command.writes.empty()) {
        auto written = service.command(command);
        TC_ASSERT(written.ok());
        outcomes = written.value();
    }
    const int nodes = service.read(
        [](const EsState& s) { return static_cast<int>(s.cluster().membership().nodes().size()); });
    Json out_items = Json::array();
    bool errors = false;
    std::size_t next = 0;
    for (std::size_t i = 0; i < items.value().size(); ++i) {
        const BulkItem& item = items.value()[i];
        if (refused[i]) {
            errors = true;
            Json body = {{"_index", item.index},
                         {"_id", item.id},
                         {"status", refused[i]->http_status},
                         {"error", item_error(*refused[i])}};
            out_items.push_back(Json{{item.op, body}});
            continue;
        }
        Json one = bulk_item(item, outcomes[next++], nodes);
        errors = errors || one.begin().value().contains("error");
        out_items.push_back(std::move(one));
    }
    send_json(req, res, 200, Json{{"errors", errors}, {"took", 0}, {"items", out_items}}.dump());
}

}  // namespace

void register_es_bulk_route(HttpListener& listener, EsService& service) {
    for (HttpMethod method : {HttpMethod::post, HttpMethod::put}) {
        listener.route(method, "/_bulk",
                       [&service](const Req& req, Res& res) { bulk(service, req, res); });
        listener.route(method, R"(/([^/_][^/]*)/_bulk)",
                       [&service](const Req& req, Res& res) { bulk(service, req, res); });
    }
}

}  // namespace taskcheck::server
