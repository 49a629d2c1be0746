// The REST routes of the Elasticsearch profile: GET /, _nodes, _cluster/state, the task APIs
// and _cat/tasks (es_routes.hpp).
#include "server/es_routes.hpp"

#include "model/es/cat_tasks.hpp"
#include "model/es/rest_parameters.hpp"
#include "server/es_http.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;
using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kClusterName = "taskcheck";
constexpr const char* kClusterUuid = "tcCluster0UuidAAAAAAAA";

TaskSelection selection_of(const Req& req) {
    return TaskSelection{param(req, "nodes"), param(req, "actions"), param(req, "parent_task_id")};
}

RequestContext context_of(const Req& req) {
    return RequestContext{"", http_headers(req)};
}

Json root_body(const EsState& state) {
    const NodeId master = state.cluster().membership().master().value_or("");
    const DiscoveryNode* node = state.find_node(master);
    Json version = {{"number", "8.17.0"},
                    {"build_flavor", "default"},
                    {"build_type", "tar"},
                    {"build_hash", "2b6a7fed44faa321997703718f07ee0420804b41"},
                    {"build_date", "2024-12-11T12:08:05.663969764Z"},
                    {"build_snapshot", false},
                    {"lucene_version", "9.12.0"},
                    {"minimum_wire_compatibility_version", "7.17.0"},
                    {"minimum_index_compatibility_version", "7.0.0"}};
    return {{"name", node != nullptr ? node->name : "es-0"},
            {"cluster_name", kClusterName},
            {"cluster_uuid", kClusterUuid},
            {"version", version},
            {"tagline", "You Know, for Search"}};
}

Json node_body(const DiscoveryNode& node, bool full) {
    Json out = {{"name", node.name}, {"transport_address", node.transport_address()}};
    if (full) {
        out["host"] = node.host;
        out["ip"] = node.ip;
        out["version"] = node.version;
    }
    out["attributes"] = Json(node.attributes);
    out["roles"] = Json(std::vector<std::string>(node.roles.begin(), node.roles.end()));
    return out;
}

Json nodes_body(const EsState& state) {
    const auto& members = state.cluster().membership().nodes();
    Json nodes = Json::object();
    for (const DiscoveryNode& node : members)
        nodes[node.id] = node_body(node, true);
    const int total = static_cast<int>(members.size());
    return {{"_nodes", {{"total", total}, {"successful", total}, {"failed", 0}}},
            {"cluster_name", kClusterName},
            {"nodes", nodes}};
}

Json cluster_state_body(const EsState& state, const std::string& metrics) {
    auto wants = [&metrics](std::string_view metric) {
        if (metrics.empty() || metrics == "_all") return true;
        return ("," + metrics + ",").find("," + std::string(metric) + ",") != std::string::npos;
    };
    Json out = {{"cluster_name", kClusterName}, {"cluster_uuid", kClusterUuid}};
    const auto& membership = state.cluster().membership();
    if (wants("master_node")) out["master_node"] = membership.master().value_or("");
    if (wants("nodes")) {
        Json nodes = Json::object();
        for (const DiscoveryNode& node : membership.nodes())
            nodes[node.id] = node_body(node, false);
        out["nodes"] = nodes;
    }
    if (wants("metadata")) {
        Json metadata = {{"cluster_uuid", kClusterUuid}};
        Json persistent = state.persistent().render_cluster_state()["metadata"];
        for (auto& [key, value] : persistent.items())
            metadata[key] = value;
        out["metadata"] = metadata;
    }
    return out;
}

void register_info_routes(HttpListener& listener, EsService& service) {
    listener.route(HttpMethod::get, "/", [&service](const Req& req, Res& res) {
        if (!admit(req, res, common_plus({}))) return;
        send_json(req, res, 200, service.read(root_body).dump());
    });
    listener.route(HttpMethod::get, "/_nodes", [&service](const Req& req, Res& res) {
        if (!admit(req, res, common_plus({"flat_settings", "timeout"}))) return;
        send_json(req, res, 200, service.read(nodes_body).dump());
    });
    static const std::vector<std::string> kStateParameters =
        common_plus({"allow_no_indices", "expand_wildcards", "flat_settings", "ignore_unavailable",
                     "local", "master_timeout", "wait_for_metadata_version", "wait_for_timeout"});
    listener.route(
        HttpMethod::get, R"(/_cluster/state(?:/([^/]+))?)", [&service](const Req& req, Res& res) {
            if (!admit(req, res, kStateParameters)) return;
            const std::string metrics = req.matches[1].str();
            Json body =
                service.read([&](const EsState& s) { return cluster_state_body(s, metrics); });
            send_json(req, res, 200, body.dump());
        });
}

void list_tasks(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, list_tasks_parameters())) return;
    ListTasksRequest request;
    request.selection = selection_of(req);
    auto detailed = bool_param(req, "detailed", false);
    auto wait = bool_param(req, "wait_for_completion", false);
    auto human = bool_param(req, "human", false);
    auto timeout = time_param(req, "timeout");
    for (const auto* flag : {&detailed, &wait, &human})
        if (!flag->ok()) return send_error(req, res, flag->error());
    if (!timeout.ok()) return send_error(req, res, timeout.error());
    request.detailed = detailed.value();
    request.wait_for_completion = wait.value();
    request.human = human.value();
    request.timeout = timeout.value();
    if (req.has_param("group_by")) request.group_by = param(req, "group_by");
    const RequestContext context = context_of(req);
    send_reply(req, res, service.run([&](EsState& s, Nanos now) {
        return s.cluster().list(request, context, now);
    }));
}

void get_task(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, get_task_parameters())) return;
    GetTaskRequest request;
    request.task_id = req.matches[1].str();
    auto wait = bool_param(req, "wait_for_completion", false);
    auto human = bool_param(req, "human", false);
    auto timeout = time_param(req, "timeout");
    for (const auto* flag : {&wait, &human})
        if (!flag->ok()) return send_error(req, res, flag->error());
    if (!timeout.ok()) return send_error(req, res, timeout.error());
    request.wait_for_completion = wait.value();
    request.human = human.value();
    request.timeout = timeout.value();
    const RequestContext context = context_of(req);
    send_reply(req, res, service.run([&](EsState& s, Nanos now) {
        return s.cluster().get(request, context, now);
    }));
}

void cancel_tasks(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, cancel_tasks_parameters())) return;
    CancelTasksRequest request;
    if (req.matches.size() > 1) request.task_id = req.matches[1].str();
    request.selection = selection_of(req);
    auto wait = bool_param(req, "wait_for_completion", false);
    auto human = bool_param(req, "human", false);
    for (const auto* flag : {&wait, &human})
        if (!flag->ok()) return send_error(req, res, flag->error());
    request.wait_for_completion = wait.value();
    request.human = human.value();
    if (req.has_param("group_by")) request.group_by = param(req, "group_by");
    const RequestContext context = context_of(req);
    send_reply(req, res, service.run([&](EsState& s, Nanos now) {
        return s.cluster().cancel(request, context, now);
    }));
}

// The cat request, or the first parameter error.
Result<CatTasksRequest, EsError> cat_request(const Req& req) {
    CatTasksRequest request;
    request.selection = selection_of(req);
    for (auto [name, field, fallback] :
         {std::tuple{"detailed", &request.detailed, false}, std::tuple{"v", &request.v, false},
          std::tuple{"help", &request.help, false}, std::tuple{"ts", &request.ts, true},
          std::tuple{"wait_for_completion", &request.wait_for_completion, false}}) {
        auto flag = bool_param(req, name, fallback);
        if (!flag.ok()) return Err(flag.error());
        *field = flag.value();
    }
    auto timeout = time_param(req, "timeout");
    if (!timeout.ok()) return Err(timeout.error());
    request.timeout = timeout.value();
    if (req.has_param("h")) request.h = param(req, "h");
    request.s = param(req, "s");
    request.time = param(req, "time");
    request.format = param(req, "format");
    if (!req.has_param("format") && req.get_header_value("Accept").starts_with("application/json"))
        request.format = "json";
    return request;
}

void cat_tasks_route(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res, cat_tasks_parameters())) return;
    auto request = cat_request(req);
    if (!request.ok()) return send_error(req, res, request.error());
    const RequestContext context = context_of(req);
    auto reply = service.run([&](EsState& s, Nanos now) {
        return cat_tasks(s.cluster(), request.value(), context, now);
    });
    if (!reply.ok() || request->format == "json") return send_reply(req, res, reply);
    res.status = 200;
    res.set_content(reply.value(), "text/plain; charset=UTF-8");
}

void register_task_routes(HttpListener& listener, EsService& service) {
    listener.route(HttpMethod::get, "/_tasks",
                   [&service](const Req& req, Res& res) { list_tasks(service, req, res); });
    listener.route(HttpMethod::get, R"(/_tasks/([^/]+))",
                   [&service](const Req& req, Res& res) { get_task(service, req, res); });
    listener.route(HttpMethod::post, "/_tasks/_cancel",
                   [&service](const Req& req, Res& res) { cancel_tasks(service, req, res); });
    listener.route(HttpMethod::post, R"(/_tasks/([^/]+)/_cancel)",
                   [&service](const Req& req, Res& res) { cancel_tasks(service, req, res); });
    listener.route(HttpMethod::get, "/_cat/tasks",
                   [&service](const Req& req, Res& res) { cat_tasks_route(service, req, res); });
}

const char* method_name(const std::string& method) {
    return method.c_str();
}

void register_envelope(HttpListener& listener) {
    httplib::Server& server = listener.server();
    server.set_default_headers({{"X-Elastic-Product", "Elasticsearch"}});
    server.set_pre_routing_handler([](const Req& req, Res& res) {
        if (req.has_header("X-Opaque-Id"))
            res.set_header("X-Opaque-Id", req.get_header_value("X-Opaque-Id"));
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // No route matched (or a body was refused before routing): ES 8 answers an unknown uri with
    // 400 and a plain-string error.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const Req& req, Res& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Json body;
        if (res.status == 404) {
            res.status = 400;
            body = {{"error", "no handler found for uri [" + req.path + "] and method [" +
                                  method_name(req.method) + "]"},
                    {"status", 400}};
        } else {
            body = {{"error", "request refused with HTTP status " + std::to_string(res.status)},
                    {"status", res.status}};
        }
        // The path is the client's bytes, not always UTF-8; dump() would throw, and an error
        // handler has no exception guard: the exception ended the worker thread (terminate).
        res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace),
                        "application/json");
        return httplib::Server::HandlerResponse::Handled;
    }));
}

}  // namespace

std::string es_internal_error_body(std::string_view message) {
    EsError error;
    error.type = "exception";
    error.reason = std::string(message);
    return to_rest_json(error).dump();
}

void register_es_routes(HttpListener& listener, EsService& service) {
    register_envelope(listener);
    register_info_routes(listener, service);
    register_task_routes(listener, service);
    register_es_index_routes(listener, service);
    register_es_by_scroll_routes(listener, service);
}

}  // namespace taskcheck::server
