#include "conformance/step_execution.hpp"

#include <algorithm>

#include "conformance/json_depth.hpp"

namespace taskcheck::conformance {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string truncated(const std::string& text, std::size_t max, bool& was_truncated) {
    was_truncated = text.size() > max;
    return was_truncated ? text.substr(0, max) : text;
}

}  // namespace

Result<Json, std::string> parse_response_body(const std::string& body) {
    Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded()) return Err("(not JSON) " + dump_json(Json(body.substr(0, 200))));
    if (auto deep = pointer_deeper_than(parsed)) {
        return Err("(JSON nested deeper than " + std::to_string(kJsonDepthMax) +
                   " arrays/objects at " + deep->substr(0, 200) + ")");
    }
    return parsed;
}

Result<std::string, std::string> interpolate(const std::string& text, const Json& captures) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        std::size_t open = text.find("{{", at);
        std::size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
        if (close == std::string::npos) return out + text.substr(at);
        std::string name = text.substr(open + 2, close - open - 2);
        auto bound = captures.find(name);
        if (bound == captures.end()) return Err(name);
        out += text.substr(at, open - at);
        out += bound->is_string() ? bound->get<std::string>() : dump_json(*bound);
        at = close + 2;
    }
}

Result<Json, std::string> interpolate_json(const Json& body, const Json& captures) {
    if (body.is_string()) {
        const std::string& text = body.get_ref<const std::string&>();
        if (text.starts_with("{{") && text.ends_with("}}") && text.find("{{", 2) == text.npos) {
            auto bound = captures.find(text.substr(2, text.size() - 4));
            if (bound == captures.end()) return Err(text.substr(2, text.size() - 4));
            return *bound;
        }
        auto result = interpolate(text, captures);
        if (!result) return Err(result.error());
        return Json(result.value());
    }
    if (!body.is_structured()) return body;
    Json out = body;
    for (auto it = out.begin(); it != out.end(); ++it) {
        auto result = interpolate_json(*it, captures);
        if (!result) return Err(result.error());
        *it = result.value();
    }
    return out;
}

HttpResponse send_request(StepContext& context, const RequestSpec& spec,
                          std::int64_t timeout_cap_ms, StepResult& step) {
    auto unbound = [&](const std::string& name) {
        step.outcome = Outcome::failed;
        step.message = "{{" + name +
                       "}} is not bound (the step that captures it did not run "
                       "or did not match)";
        return HttpResponse{};
    };
    HttpExchange exchange;
    exchange.method = spec.method;
    auto path = interpolate(spec.path, context.captures);
    if (!path) return unbound(path.error());
    exchange.path = path.value();
    for (const auto& [name, value] : spec.headers) {
        auto text = interpolate(value, context.captures);
        if (!text) return unbound(text.error());
        exchange.request_headers.emplace_back(name, text.value());
    }
    if (spec.body) {
        auto body = interpolate_json(*spec.body, context.captures);
        if (!body) return unbound(body.error());
        exchange.request_body = dump_json(body.value());
    } else if (spec.raw) {
        exchange.request_body = *spec.raw;
    }
    std::int64_t timeout =
        spec.timeout_ms > 0 ? spec.timeout_ms : context.settings.request_timeout_ms;
    timeout = std::max<std::int64_t>(1, std::min(timeout, timeout_cap_ms));
    std::string content_type = spec.raw ? "text/plain" : "application/json";
    HttpResponse response =
        context.client.send(exchange.method, exchange.path, exchange.request_headers,
                            exchange.request_body, content_type, timeout);
    exchange.status = response.status;
    exchange.response_headers = response.headers;
    exchange.response_body =
        truncated(response.body, context.settings.body_bytes_max, exchange.response_body_truncated);
    step.label = step.label.empty() ? exchange.method + " " + exchange.path : step.label;
    step.exchange = std::move(exchange);
    if (response.status == 0) {
        step.outcome = Outcome::failed;
        step.message = response.error;
    }
    return response;
}

void check_response(const ExpectSpec& expect, const HttpResponse& response, Json& captures,
                    StepResult& step) {
    if (expect.status) {
        Json status = response.status;
        match_json(*expect.status, &status, "/$status", captures, step.differences);
    }
    for (const auto& [name, expected] : expect.headers) {
        auto found = std::find_if(response.headers.begin(), response.headers.end(),
                                  [&](const auto& header) { return lower(header.first) == name; });
        std::optional<Json> value;
        if (found != response.headers.end()) value = Json(found->second);
        match_json(expected, value ? &*value : nullptr, "/$headers/" + name, captures,
                   step.differences);
    }
    if (expect.raw) {
        Json text = response.body;
        match_json(*expect.raw, &text, "/$body", captures, step.differences);
    }
    if (expect.body) {
        auto body = parse_response_body(response.body);
        if (!body) {
            step.differences.push_back(Difference{"", dump_json(*expect.body), body.error(),
                                                  body.error().starts_with("(not JSON)")
                                                      ? "body is not JSON"
                                                      : "body nests too deep"});
        } else {
            match_json(*expect.body, &body.value(), "", captures, step.differences);
        }
    }
}

void capture_values(const std::vector<std::pair<std::string, std::string>>& captures,
                    const std::string& body, Json& bound, StepResult& step) {
    if (captures.empty()) return;
    auto parsed = parse_response_body(body);
    for (const auto& [name, pointer] : captures) {
        Json::json_pointer at(pointer);
        if (!parsed || !parsed.value().contains(at)) {
            step.differences.push_back(Difference{pointer, "(a value to capture as " + name + ")",
                                                  parsed ? "(missing)" : parsed.error(),
                                                  "capture " + name + " found nothing"});
            continue;
        }
        bound[name] = parsed.value().at(at);
    }
}

}  // namespace taskcheck::conformance
