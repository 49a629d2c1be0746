// The admin routes of the Elasticsearch profile (es_routes.hpp): clock, synthetic tasks, node
// faults and persistent tasks with the test executor.
#include "model/es/task_id.hpp"
#include "server/es_http.hpp"
#include "server/es_routes.hpp"
#include "server/serve_options.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;
using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;

EsError admin_error(int status, std::string_view code, std::string_view message) {
    EsError error;
    error.http_status = status;
    error.type = std::string(code);
    error.reason = std::string(message);
    return error;
}

EsError invalid(const std::string& message) {
    return admin_error(400, "invalid_admin_request", message);
}

// The body as a JSON object ("" counts as {}), or the error.
Result<Json, EsError> body_object(const Req& req) {
    if (req.body.empty()) return Json::object();
    if (auto deep = depth_error(req.body, false)) return Err(*deep);
    Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return Err(invalid("the body must be a JSON object"));
    return body;
}

// Checks that every key of `body` is in `allowed` and has the JSON type `check` wants.
std::optional<EsError> check_fields(
    const Json& body, std::initializer_list<std::pair<const char*, Json::value_t>> allowed) {
    for (const auto& [key, value] : body.items()) {
        bool known = false;
        for (const auto& [name, type] : allowed) {
            if (key != name) continue;
            known = true;
            const bool integer = type == Json::value_t::number_integer;
            const bool fits = integer ? value.is_number_integer() : value.type() == type;
            if (!fits && !(type == Json::value_t::object && value.is_null()))
                return invalid("field `" + key + "` has the wrong type: " + value.dump());
        }
        if (!known) return invalid("unknown field `" + key + "`");
    }
    return std::nullopt;
}

Result<SyntheticTask, EsError> synthetic_of(const Json& body) {
    using T = Json::value_t;
    if (auto error = check_fields(body, {{"node", T::string},
                                         {"action", T::string},
                                         {"description", T::string},
                                         {"status", T::object},
                                         {"parent", T::string},
                                         {"cancellable", T::boolean},
                                         {"duration_ms", T::number_integer},
                                         {"store_result", T::boolean},
                                         {"response", T::object}}))
        return Err(*error);
    SyntheticTask task;
    task.node = body.value("node", "");
    task.action = body.value("action", task.action);
    task.description = body.value("description", "");
    if (body.contains("status") && !body["status"].is_null()) task.status = body["status"];
    task.parent = body.value("parent", "");
    task.cancellable = body.value("cancellable", true);
    if (body.contains("duration_ms")) {
        const std::int64_t duration = body["duration_ms"].get<std::int64_t>();
        if (duration < 0 || duration > 1'000'000'000'000)
            return Err(invalid("`duration_ms` must be in 0..1000000000000"));
        task.duration = ms(duration);
    }
    task.store_result = body.value("store_result", false);
    if (body.contains("response") && body["response"].is_object()) task.response = body["response"];
    return task;
}

Result<std::optional<TaskOutcome>, EsError> outcome_of(const Json& body) {
    using T = Json::value_t;
    if (auto error = check_fields(body, {{"response", T::object}, {"error", T::object}}))
        return Err(*error);
    if (body.contains("response") && body.contains("error"))
        return Err(invalid("give `response` or `error`, not both"));
    if (body.contains("response"))
        return std::optional<TaskOutcome>(TaskOutcome{body["response"], std::nullopt});
    if (!body.contains("error")) return std::optional<TaskOutcome>();
    const Json& error = body["error"];
    if (!error.value("type", Json()).is_string() || !error.value("reason", Json()).is_string())
        return Err(invalid("`error` needs string fields `type` and `reason`"));
    return std::optional<TaskOutcome>(TaskOutcome{
        std::nullopt,
        admin_error(500, error["type"].get<std::string>(), error["reason"].get<std::string>())});
}

void send_result(const Req& req, Res& res, const Result<Json, EsError>& result) {
    if (!result.ok()) return send_error(req, res, result.error());
    send_json(req, res, 200, result.value().dump());
}

void register_task_admin(HttpListener& listener, EsService& service) {
    listener.route(HttpMethod::post, "/_taskcheck/tasks", [&service](const Req& req, Res& res) {
        auto body = body_object(req);
        if (!body.ok()) return send_error(req, res, body.error());
        auto task = synthetic_of(body.value());
        if (!task.ok()) return send_error(req, res, task.error());
        auto id = service.start_synthetic(task.value(), http_headers(req));
        if (!id.ok()) return send_error(req, res, id.error());
        send_json(req, res, 200, Json{{"task", id->to_string()}}.dump());
    });
    listener.route(HttpMethod::post, R"(/_taskcheck/tasks/([^/]+)/_finish)",
                   [&service](const Req& req, Res& res) {
                       auto id = parse_task_id(req.matches[1].str());
                       if (!id.ok()) return send_error(req, res, id.error());
                       auto body = body_object(req);
                       if (!body.ok()) return send_error(req, res, body.error());
                       auto outcome = outcome_of(body.value());
                       if (!outcome.ok()) return send_error(req, res, outcome.error());
                       auto done = service.finish_synthetic(id.value(), outcome.value());
                       if (!done.ok()) return send_error(req, res, done.error());
                       send_json(req, res, 200, R"({"acknowledged":true})");
                   });
}

void register_node_admin(HttpListener& listener, EsService& service) {
    listener.route(HttpMethod::post, R"(/_taskcheck/nodes/([^/]+)/(_crash|_partition|_restart))",
                   [&service](const Req& req, Res& res) {
                       const std::string name = req.matches[1].str();
                       const std::string action = req.matches[2].str();
                       const std::string node = service.read([&](const EsState& s) {
                           const DiscoveryNode* found = s.find_node(name);
                           return found != nullptr ? found->id : std::string();
                       });
                       if (node.empty())
                           return send_error(
                               req, res,
                               admin_error(404, "unknown_node", "no node named [" + name + "]"));
                       if (action != "_restart")
                           return send_result(req, res, service.command(EsNodeLeave{0, node}));
                       // A restart of a live node is leave + join: its task manager starts afresh.
                       auto left = service.command(EsNodeLeave{0, node});
                       auto joined = service.command(EsNodeJoin{0, node});
                       send_json(req, res, 200, R"({"acknowledged":true})");
                   });
}

void register_persistent_admin(HttpListener& listener, EsService& service) {
    using T = Json::value_t;
    listener.route(
        HttpMethod::post, "/_taskcheck/persistent", [&service](const Req& req, Res& res) {
            auto body = body_object(req);
            if (!body.ok()) return send_error(req, res, body.error());
            if (auto error = check_fields(
                    *body, {{"id", T::string}, {"name", T::string}, {"params", T::object}}))
                return send_error(req, res, *error);
            if (!body->contains("id")) return send_error(req, res, invalid("`id` is required"));
            std::optional<Json> params;
            if (body->contains("params")) params = (*body)["params"];
            send_result(req, res,
                        service.command(EsPersistentCreate{
                            0, (*body)["id"].get<std::string>(),
                            body->value("name", kTestPersistentExecutor), params}));
        });
    listener.route(HttpMethod::post, R"(/_taskcheck/persistent/([^/]+)/_state)",
                   [&service](const Req& req, Res& res) {
                       auto body = body_object(req);
                       if (!body.ok()) return send_error(req, res, body.error());
                       if (auto error = check_fields(
                               *body, {{"allocation_id", T::number_integer}, {"state", T::object}}))
                           return send_error(req, res, *error);
                       send_result(req, res,
                                   service.command(EsPersistentState{
                                       0, req.matches[1].str(), body->value("allocation_id", -1),
                                       body->value("state", Json::object())}));
                   });
    listener.route(HttpMethod::post, R"(/_taskcheck/persistent/([^/]+)/_complete)",
                   [&service](const Req& req, Res& res) {
                       auto body = body_object(req);
                       if (!body.ok()) return send_error(req, res, body.error());
                       if (auto error = check_fields(*body, {{"allocation_id", T::number_integer},
                                                             {"failure", T::string},
                                                             {"local_abort_reason", T::string}}))
                           return send_error(req, res, *error);
                       EsPersistentComplete command;
                       command.id = req.matches[1].str();
                       command.allocation_id = body->value("allocation_id", -1);
                       if (body->contains("failure")) command.failure = (*body)["failure"];
                       if (body->contains("local_abort_reason"))
                           command.local_abort_reason = (*body)["local_abort_reason"];
                       send_result(req, res, service.command(command));
                   });
    listener.route(
        HttpMethod::del, R"(/_taskcheck/persistent/([^/]+))", [&service](const Req& req, Res& res) {
            send_result(req, res, service.command(EsPersistentRemove{0, req.matches[1].str()}));
        });
}

}  // namespace

void register_es_admin_routes(HttpListener& listener, EsService& service) {
    AdminClock clock;
    clock.manual = service.manual_clock();
    clock.now = [&service] { return service.now(); };
    clock.advance = [&service](Nanos span) { return service.advance(span); };
    register_admin_clock_routes(listener, clock,
                                [](int status, std::string_view code, std::string_view message) {
                                    return to_rest_json(admin_error(status, code, message)).dump();
                                });
    register_task_admin(listener, service);
    register_node_admin(listener, service);
    register_persistent_admin(listener, service);
}

}  // namespace taskcheck::server
