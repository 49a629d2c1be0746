// The /tasks, dump, swap, health, version, 404 and admin routes of the Meilisearch profile.
#include "server/meili_routes.hpp"

#include <set>

#include "model/meili/meili_errors.hpp"
#include "model/meili/task_query_parser.hpp"
#include "model/common/json_depth.hpp"
#include "server/meili_http.hpp"
#include "server/serve_options.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::meili;
using Req = httplib::Request;
using Res = httplib::Response;

ApiError invalid_request(int status, std::string code, std::string message) {
    return ApiError{status, std::move(message), std::move(code), "invalid_request"};
}

void register_task_routes(HttpListener& listener, MeiliService& service) {
    listener.route(HttpMethod::get, "/tasks", [&service](const Req& req, Res& res) {
        Result<TaskQuery, ApiError> query = parse_task_query(TaskRoute::list, raw_query(req));
        if (!query.ok()) return send_error(res, query.error());
        TaskPage page =
            service.read([&](const MeiliState& s) { return s.queue().list_tasks(*query); });
        send_json(res, 200, to_json(page));
    });
    listener.route(HttpMethod::get, R"(/tasks/([^/]+))", [&service](const Req& req, Res& res) {
        Result<TaskUid, ApiError> uid = parse_task_uid_path(req.matches[1].str());
        if (!uid.ok()) return send_error(res, uid.error());
        auto task = service.read([&](const MeiliState& s) { return s.queue().get_task(*uid); });
        if (!task.ok()) return send_error(res, task.error());
        send_json(res, 200, task.value());
    });
    // Both answer 200, not 202 (spec/meilisearch.md §0.1); the body is ignored (§1).
    auto filter_route = [&service](TaskRoute route) {
        return [&service, route](const Req& req, Res& res) {
            auto summary = service.register_filter_task(route, raw_query(req));
            if (!summary.ok()) return send_error(res, summary.error());
            send_json(res, 200, summary.value());
        };
    };
    listener.route(HttpMethod::post, "/tasks/cancel", filter_route(TaskRoute::cancel));
    listener.route(HttpMethod::del, "/tasks", filter_route(TaskRoute::delete_));
}

// `[lhs, rhs]` of one swap element at `location` (e.g. "[0]"), or the deserr error.
Result<std::vector<std::string>, ApiError> swap_pair(const MeiliJson& element,
                                                     const std::string& location) {
    static constexpr std::array<std::string_view, 1> kFields = {"indexes"};
    if (!element.is_object())
        return Err(invalid_value_type("bad_request", location, "an object", element));
    for (const auto& [key, value] : element.items())
        if (key != "indexes") return Err(unknown_field(location, key, kFields));
    if (!element.contains("indexes"))
        return Err(missing_field("missing_swap_indexes", location, "indexes"));
    const MeiliJson& indexes = element["indexes"];
    const std::string at = location + ".indexes";
    if (!indexes.is_array())
        return Err(invalid_value_type("invalid_swap_indexes", at, "an array", indexes));
    std::vector<std::string> uids;
    for (std::size_t i = 0; i < indexes.size(); ++i) {
        const std::string item_at = at + "[" + std::to_string(i) + "]";
        if (!indexes[i].is_string())
            return Err(invalid_value_type("invalid_index_uid", item_at, "a string", indexes[i]));
        const std::string uid = indexes[i].get<std::string>();
        if (!is_valid_index_uid(uid))
            return Err(invalid_value("invalid_index_uid", item_at, index_uid_problem(uid)));
        uids.push_back(uid);
    }
    return uids;
}

std::string quoted_list(const std::vector<std::string>& uids) {
    std::string out;
    for (const std::string& uid : uids)
        out += (out.empty() ? "\"" : ", \"") + uid + "\"";
    return "[" + out + "]";
}

// POST /swap-indexes (routes/swap_indexes.rs, then the duplicate check of S register).
Result<SwapIndexes, ApiError> read_swaps(const MeiliJson& body) {
    if (!body.is_array()) return Err(invalid_value_type("bad_request", "", "an array", body));
    SwapIndexes out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        auto pair = swap_pair(body[i], "[" + std::to_string(i) + "]");
        if (!pair.ok()) return Err(pair.error());
        if (pair->size() != 2)
            return Err(invalid_request(400, "invalid_swap_indexes",
                                       "Two indexes must be given for each swap. The list `" +
                                           quoted_list(*pair) + "` contains " +
                                           std::to_string(pair->size()) + " indexes."));
        out.swaps.emplace_back((*pair)[0], (*pair)[1]);
    }
    std::set<std::string> seen, duplicates;
    for (const auto& [lhs, rhs] : out.swaps)
        for (const std::string& uid : {lhs, rhs})
            if (!seen.insert(uid).second) duplicates.insert(uid);
    if (duplicates.empty()) return out;
    std::string names;
    for (const std::string& uid : duplicates)
        names += (names.empty() ? "`" : ", `") + uid + "`";
    return Err(invalid_request(400, "invalid_swap_duplicate_index_found",
                               "Indexes must be declared only once during a swap. " + names +
                                   (duplicates.size() == 1 ? " was" : " were") +
                                   " specified several times."));
}

void register_global_routes(HttpListener& listener, MeiliService& service) {
    listener.route(HttpMethod::post, "/dumps", [&service](const Req&, Res& res) {
        send_json(res, 202, service.enqueue(CreateDump{}));
    });
    listener.route(HttpMethod::post, "/swap-indexes", [&service](const Req& req, Res& res) {
        auto body = read_json_body(content_type(req), req.body);
        if (!body.ok()) return send_error(res, body.error());
        auto swaps = read_swaps(body.value());
        if (!swaps.ok()) return send_error(res, swaps.error());
        send_json(res, 202, service.enqueue(swaps.value()));
    });
    listener.route(HttpMethod::get, "/health", [](const Req&, Res& res) {
        send_json(res, 200, MeiliJson{{"status", "available"}});
    });
    listener.route(HttpMethod::get, "/version", [](const Req&, Res& res) {
        send_json(res, 200,
                  MeiliJson{{"commitSha", "taskcheck-reference-server"},
                            {"commitDate", "unknown"},
                            {"pkgVersion", "1.1.1"}});
    });
}

std::string admin_error(int status, std::string_view code, std::string_view message) {
    return to_json(ApiError{status, std::string(message), std::string(code), "invalid_request"})
        .dump();
}

// {"message", "code", "type"} all optional; the default is v1.1's panic error (§3).
Result<ApiError, std::string> injected_error(const std::string& body) {
    ApiError error{500, "An unexpected crash occurred when processing the task.", "internal",
                   "internal"};
    if (body.empty()) return error;
    if (json_depth_excess(body, kJsonDepthMax)) return Err(std::string("nested deeper than 128 levels"));
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return Err(std::string("expected a JSON object"));
    for (const auto& [key, value] : json.items()) {
        if (!value.is_string()) return Err("`" + key + "` must be a string");
        if (key == "message")
            error.message = value.get<std::string>();
        else if (key == "code")
            error.code = value.get<std::string>();
        else if (key == "type")
            error.type = value.get<std::string>();
        else
            return Err("unknown field `" + key + "`; expected message, code, type");
    }
    return error;
}

// The processing time of a `{"ms": N}` body, 0 <= N <= one hour, or the reason it is refused.
Result<Nanos, std::string> processing_time(const std::string& body) {
    constexpr std::int64_t kMaxMs = 3'600'000;
    if (json_depth_excess(body, kJsonDepthMax)) return Err(std::string("nested deeper than 128 levels"));
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || json.size() != 1 || !json.contains("ms"))
        return Err(std::string("expected a JSON object with one field, `ms`"));
    const auto& value = json["ms"];
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
        value.get<std::int64_t>() > kMaxMs)
        return Err("`ms` must be an integer in 0..3600000, found " + value.dump());
    return ms(value.get<std::int64_t>());
}

void register_admin_task_routes(HttpListener& listener, MeiliService& service) {
    // v1.1 has no snapshot route, only --schedule-snapshot; this enqueues what it would.
    listener.route(HttpMethod::post, "/_taskcheck/snapshots", [&service](const Req&, Res& res) {
        send_json(res, 202, service.enqueue(CreateSnapshot{}));
    });
    listener.route(
        HttpMethod::post, "/_taskcheck/processing/duration", [&service](const Req& req, Res& res) {
            auto time = processing_time(req.body);
            if (!time.ok()) {
                res.status = 400;
                res.set_content(admin_error(400, "invalid_processing_duration", time.error()),
                                "application/json");
                return;
            }
            service.set_processing(time.value());
            send_json(res, 200, MeiliJson{{"processingMs", time.value() / kNanosPerMilli}});
        });
}

void register_admin_routes(HttpListener& listener, MeiliService& service) {
    register_admin_task_routes(listener, service);
    AdminClock clock{service.clock_kind() == ClockKind::manual,
                     [&service] { return service.now(); },
                     [&service](Nanos span) { return service.advance(span); }};
    register_admin_clock_routes(listener, clock, admin_error);
    for (bool pause : {true, false}) {
        listener.route(HttpMethod::post,
                       pause ? "/_taskcheck/processing/pause" : "/_taskcheck/processing/resume",
                       [&service, pause](const Req&, Res& res) {
                           service.set_paused(pause);
                           send_json(res, 200, MeiliJson{{"paused", pause}});
                       });
    }
    listener.route(HttpMethod::post, "/_taskcheck/batches/fail-next",
                   [&service](const Req& req, Res& res) {
                       auto error = injected_error(req.body);
                       if (!error.ok()) {
                           res.status = 400;
                           res.set_content(admin_error(400, "invalid_fault", error.error()),
                                           "application/json");
                           return;
                       }
                       service.fail_next_batch(error.value());
                       send_json(res, 200, MeiliJson{{"failNext", to_json(error.value())}});
                   });
}

// Bodies for what no route answered: unknown routes and cpp-httplib's own 4xx (413, 400).
httplib::Server::HandlerResponse error_body(const Req&, Res& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 405) return httplib::Server::HandlerResponse::Handled;  // actix: no body
    if (res.status == 404)
        send_error(res, invalid_request(404, "not_found", "Not found."));
    else if (res.status == 413)
        send_error(res, invalid_request(413, "payload_too_large",
                                        "The provided payload reached the size limit."));
    else if (res.status >= 400 && res.status < 500)
        send_error(res, invalid_request(res.status, "bad_request", "Bad request."));
    else
        return httplib::Server::HandlerResponse::Unhandled;
    return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

std::string meili_internal_error_body(std::string_view message) {
    return to_json(ApiError{500, std::string(message), "internal", "internal"})
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void register_meili_routes(HttpListener& listener, MeiliService& service) {
    register_task_routes(listener, service);
    register_global_routes(listener, service);
    register_meili_index_routes(listener, service);
    register_admin_routes(listener, service);
    listener.server().set_error_handler(httplib::Server::HandlerWithResponse(error_body));
}

}  // namespace taskcheck::server
