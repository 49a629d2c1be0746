// The long-running task generators of the Elasticsearch profile over HTTP (es_routes.hpp,
// es_by_scroll.hpp): POST /_reindex, POST /{index}/_update_by_query,
// POST /{index}/_delete_by_query, and POST /_reindex|_update_by_query|_delete_by_query/
// {task_id}/_rethrottle. Parameter errors carry ES's messages (AbstractBaseReindexRestHandler).
#include <cstdlib>

#include "model/es/task_info.hpp"
#include "model/es/task_listing.hpp"
#include "server/es_http.hpp"
#include "server/es_routes.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;
using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;

const std::vector<std::string> kReindexParameters =
    common_plus({"wait_for_completion", "requests_per_second", "slices", "refresh", "timeout",
                 "scroll", "max_docs", "require_alias", "wait_for_active_shards"});
const std::vector<std::string> kByQueryParameters =
    common_plus({"wait_for_completion", "requests_per_second", "slices", "refresh", "timeout",
                 "scroll", "scroll_size", "max_docs", "conflicts", "wait_for_active_shards",
                 "routing", "allow_no_indices", "expand_wildcards", "ignore_unavailable"});

// requests_per_second as parseRequestsPerSecond reads it: absent -> unthrottled (or, for a
// rethrottle, an error); -1 -> unthrottled; anything not > 0 -> 400.
Result<double, EsError> rps_param(const Req& req, bool required) {
    if (!req.has_param("requests_per_second")) {
        if (required) return Err(illegal_argument("requests_per_second is a required parameter"));
        return kUnthrottled;
    }
    const std::string text = param(req, "requests_per_second");
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    const EsError bad = illegal_argument(
        "[requests_per_second] must be a float greater than 0. Use -1 to disable throttling.");
    if (text.empty() || end != text.c_str() + text.size()) return Err(bad);
    if (value == -1) return kUnthrottled;
    if (!(value > 0)) return Err(bad);
    return value;
}

// slices: absent 1; "auto" = the source index's shards; else a positive integer.
Result<int, EsError> slices_param(const Req& req, EsService& service, const std::string& source) {
    if (!req.has_param("slices")) return 1;
    const std::string text = param(req, "slices");
    if (text == "auto")
        return service.read([&](const EsState& s) {
            const EsIndex* index = s.indices().find(source);
            return index == nullptr ? 1 : index->shards;
        });
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || end != text.c_str() + text.size() || value < 1 || value > 1024)
        return Err(illegal_argument(
            "[slices] must be a positive integer or the string \"auto\", but was [" + text + "]"));
    return static_cast<int>(value);
}

EsError unknown_field(const std::string& object, const std::string& field) {
    EsError error;
    error.http_status = 400;
    error.type = "x_content_parse_exception";
    error.reason = "[" + object + "] unknown field [" + field + "]";
    return error;
}

// The index name in {"index": "a"} or {"index": ["a"]}; "" when absent.
std::string index_of(const Json& part) {
    if (!part.is_object() || !part.contains("index")) return "";
    const Json& index = part["index"];
    if (index.is_string()) return index.get<std::string>();
    if (index.is_array() && index.size() == 1 && index[0].is_string())
        return index[0].get<std::string>();
    return "";
}

// Fills the request from a reindex body; the first error otherwise.
std::optional<EsError> read_reindex_body(const Json& body, ByScrollRequest& request) {
    for (const auto& [key, value] : body.items())
        if (key != "source" && key != "dest" && key != "max_docs" && key != "conflicts" &&
            key != "size")
            return unknown_field("reindex", key);
    request.source = index_of(body.value("source", Json()));
    request.dest = index_of(body.value("dest", Json()));
    std::vector<std::string> problems;
    if (request.source.empty())
        problems.push_back("use _all if you really want to copy from all existing indexes");
    if (request.dest.empty()) problems.push_back("index must be specified");
    if (!problems.empty()) {
        EsError error = validation_failed(problems.front());
        if (problems.size() == 2)
            error.reason = "Validation Failed: 1: " + problems[0] + ";2: " + problems[1] + ";";
        return error;
    }
    const Json source = body["source"];
    if (source.contains("size") && source["size"].is_number_integer())
        request.batch_size = std::max<std::int64_t>(1, source["size"].get<std::int64_t>());
    if (source.contains("query")) {
        auto query = parse_query(source["query"]);
        if (!query.ok()) return query.error();
        request.query = query.value();
    }
    for (const char* key : {"max_docs", "size"})
        if (body.contains(key) && body[key].is_number_integer())
            request.max_docs = body[key].get<std::int64_t>();
    return std::nullopt;
}

void start(EsService& service, const Req& req, Res& res, ByScrollRequest request) {
    auto rps = rps_param(req, false);
    if (!rps.ok()) return send_error(req, res, rps.error());
    request.requests_per_second = rps.value();
    auto slices = slices_param(req, service, request.source);
    if (!slices.ok()) return send_error(req, res, slices.error());
    request.slices = slices.value();
    auto wait = bool_param(req, "wait_for_completion", true);
    if (!wait.ok()) return send_error(req, res, wait.error());
    request.store_result = !wait.value();
    if (req.has_param("max_docs")) request.max_docs = std::atoll(param(req, "max_docs").c_str());
    if (req.has_param("scroll_size"))
        request.batch_size =
            std::max<std::int64_t>(1, std::atoll(param(req, "scroll_size").c_str()));
    auto reply = service.by_scroll(request, http_headers(req), wait.value());
    if (!reply.ok()) return send_error(req, res, reply.error());
    send_json(req, res, 200, reply.value().dump());
}

void reindex(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, kReindexParameters)) return;
    if (auto deep = depth_error(req.body, false)) return send_error(req, res, *deep);
    Json body = Json::parse(req.body, nullptr, false);
    if (req.body.empty() || body.is_discarded() || !body.is_object()) {
        EsError error;
        error.http_status = 400;
        error.type = "parse_exception";
        error.reason = "request body or source parameter is required";
        return send_error(req, res, error);
    }
    ByScrollRequest request;
    request.kind = ByScrollKind::reindex;
    if (auto error = read_reindex_body(body, request)) return send_error(req, res, *error);
    start(service, req, res, std::move(request));
}

void by_query(EsService& service, const Req& req, Res& res, ByScrollKind kind) {
    if (!admit(req, res, kByQueryParameters)) return;
    ByScrollRequest request;
    request.kind = kind;
    request.source = req.matches[1].str();
    auto query = parse_query_body(req.body, kind == ByScrollKind::delete_by_query);
    if (!query.ok()) return send_error(req, res, query.error());
    request.query = query.value();
    Json body = Json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    const char* name =
        kind == ByScrollKind::delete_by_query ? "delete_by_query" : "update_by_query";
    for (const auto& [key, value] : body.items()) {
        if (key != "query" && key != "max_docs" && key != "conflicts")
            return send_error(req, res, unknown_field(name, key));
        if (key == "max_docs" && value.is_number_integer())
            request.max_docs = value.get<std::int64_t>();
    }
    start(service, req, res, std::move(request));
}

void rethrottle(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, common_plus({"requests_per_second", "group_by"}))) return;
    auto rps = rps_param(req, true);
    if (!rps.ok()) return send_error(req, res, rps.error());
    auto id = parse_task_id(req.matches[1].str());
    if (!id.ok()) return send_error(req, res, id.error());
    auto group_by = parse_group_by(req.has_param("group_by") ? param(req, "group_by") : "nodes");
    if (!group_by.ok()) return send_error(req, res, group_by.error());
    auto human = bool_param(req, "human", false);
    if (!human.ok()) return send_error(req, res, human.error());
    send_reply(req, res, service.run([&](EsState& s, Nanos now) {
        auto done = s.by_scroll().rethrottle(id.value(), rps.value(), s.cluster(), now);
        TaskListing listing;
        if (!done.ok()) {
            listing.node_failures.push_back(NodeFailure{id.value().node, done.error()});
        } else {
            const Task* task = s.cluster().manager(id.value().node)->find(id.value().number);
            listing.tasks.push_back(task_info(*task, id.value().node, true, now));
        }
        TaskInfoFormat format;
        format.human = human.value();
        return Reply{
            EsReply(render_listing(listing, group_by.value(), s.cluster().membership(), format))};
    }));
}

}  // namespace

void register_es_by_scroll_routes(HttpListener& listener, EsService& service) {
    listener.route(HttpMethod::post, "/_reindex",
                   [&service](const Req& req, Res& res) { reindex(service, req, res); });
    listener.route(HttpMethod::post, R"(/([^/_][^/]*)/_update_by_query)",
                   [&service](const Req& req, Res& res) {
                       by_query(service, req, res, ByScrollKind::update_by_query);
                   });
    listener.route(HttpMethod::post, R"(/([^/_][^/]*)/_delete_by_query)",
                   [&service](const Req& req, Res& res) {
                       by_query(service, req, res, ByScrollKind::delete_by_query);
                   });
    listener.route(HttpMethod::post,
                   R"(/(?:_reindex|_update_by_query|_delete_by_query)/([^/]+)/_rethrottle)",
                   [&service](const Req& req, Res& res) { rethrottle(service, req, res); });
}

}  // namespace taskcheck::server
