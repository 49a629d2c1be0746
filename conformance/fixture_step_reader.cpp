#include "conformance/fixture_step_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "conformance/fixture_reader.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

// Each {{name}} in `text` must name a variable captured by an earlier step.
void require_known_variables(const FixtureReader& reader, const std::string& text,
                             const std::string& pointer, const Variables& known) {
    static const std::regex use(R"(\{\{([^{}]*)\}\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), use);
         it != std::sregex_iterator(); ++it) {
        std::string name = (*it)[1];
        if (known.count(name) == 0) {
            reader.fail(pointer, "{{" + name + "}} is not captured by an earlier step",
                        "capture it first with \"capture\" or {\"$capture\": \"" + name + "\"}");
        }
    }
}

void require_known_variables_in(const FixtureReader& reader, const Json& value,
                                const std::string& pointer, const Variables& known) {
    if (value.is_string()) return require_known_variables(reader, value, pointer, known);
    if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            require_known_variables_in(reader, child, pointer_append(pointer, key), known);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            require_known_variables_in(reader, value[i], pointer_append(pointer, std::to_string(i)),
                                       known);
        }
    }
}

// Adds the names bound by {"$capture": name} anywhere in `expected`.
void collect_captures(const Json& expected, Variables& known) {
    if (expected.is_object()) {
        if (expected.size() == 1 && expected.begin().key() == "$capture") {
            known.insert(expected.begin().value().get<std::string>());
            return;
        }
        for (const auto& [key, child] : expected.items())
            collect_captures(child, known);
    } else if (expected.is_array()) {
        for (const Json& child : expected)
            collect_captures(child, known);
    }
}

// The position of the first byte of `text` that cannot go into an HTTP/1.1 request line or
// header as is — a control character (CR and LF would split the request), DEL, and a space
// unless `space_ok` — or npos.
std::size_t first_unsendable_byte(const std::string& text, bool space_ok) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0x7f || (byte < 0x20 && byte != '\t') || (byte == '\t' && !space_ok) ||
            (byte == ' ' && !space_ok)) {
            return i;
        }
    }
    return std::string::npos;
}

// Rejects a path, header name or header value that would not be sent as written.
void require_sendable(const FixtureReader& reader, const std::string& text,
                      const std::string& pointer, bool space_ok, const std::string& what) {
    std::size_t at = first_unsendable_byte(text, space_ok);
    if (at == std::string::npos) return;
    char code[8];
    std::snprintf(code, sizeof code, "%%%02X", static_cast<unsigned char>(text[at]));
    reader.fail(pointer,
                what + " holds " + dump_json(Json(text.substr(at, 1))) + " at byte " +
                    std::to_string(at) + ", which cannot be sent in an HTTP request",
                space_ok ? "remove it; CR and LF would end the header"
                         : std::string("percent-encode it (") + code + ") or remove it");
}

RequestSpec read_request(const FixtureReader& reader, const Json& object,
                         const std::string& pointer, const Variables& known) {
    reader.require_object(object, pointer);
    reader.allow_keys(object, pointer, {"method", "path", "headers", "body", "raw", "timeout_ms"});
    RequestSpec request;
    request.method = reader.string_field(object, pointer, "method", true);
    static const std::vector<std::string> methods = {"GET",   "POST",   "PUT",
                                                     "PATCH", "DELETE", "HEAD"};
    if (std::find(methods.begin(), methods.end(), request.method) == methods.end()) {
        reader.fail(pointer + "/method", "unknown method \"" + request.method + "\"",
                    "use one of GET, POST, PUT, PATCH, DELETE, HEAD (upper case)");
    }
    request.path = reader.string_field(object, pointer, "path", true);
    if (!request.path.starts_with("/")) {
        reader.fail(pointer + "/path", "must start with \"/\", found \"" + request.path + "\"",
                    "give the path only; the target URL comes from --target or --spawn");
    }
    require_sendable(reader, request.path, pointer + "/path", false, "the path");
    require_known_variables(reader, request.path, pointer + "/path", known);
    if (object.contains("headers")) {
        const Json& headers = object["headers"];
        reader.require_object(headers, pointer + "/headers");
        for (const auto& [name, value] : headers.items()) {
            std::string at = pointer_append(pointer + "/headers", name);
            if (!value.is_string()) reader.fail(at, "a header value must be a string");
            if (name.empty() || name.find(':') != std::string::npos) {
                reader.fail(at, "\"" + name + "\" is not a header name",
                            "write the name without \":\", e.g. \"X-Opaque-Id\"");
            }
            require_sendable(reader, name, at, false, "the header name");
            require_sendable(reader, value, at, true, "the header value");
            require_known_variables(reader, value, at, known);
            request.headers.emplace_back(name, value.get<std::string>());
        }
    }
    if (object.contains("body") && object.contains("raw")) {
        reader.fail(pointer + "/raw", "a request has either \"body\" or \"raw\", not both",
                    "use \"body\" for JSON and \"raw\" for any other text");
    }
    if (object.contains("body")) {
        request.body = object["body"];
        require_known_variables_in(reader, *request.body, pointer + "/body", known);
    }
    if (object.contains("raw")) request.raw = reader.string_field(object, pointer, "raw", true);
    request.timeout_ms = reader.int_field(object, pointer, "timeout_ms", 0, 1, 3'600'000);
    return request;
}

ExpectSpec read_expect(const FixtureReader& reader, const Json& object,
                       const std::string& pointer) {
    reader.require_object(object, pointer);
    reader.allow_keys(object, pointer, {"status", "headers", "body", "raw"});
    ExpectSpec expect;
    if (object.contains("status")) {
        const Json& status = object["status"];
        if (!status.is_number_integer() && !status.is_object()) {
            reader.fail(pointer + "/status", "must be an integer status code or a matcher",
                        "write e.g. \"status\": 202");
        }
        if (status.is_number_integer() &&
            (status.get<std::int64_t>() < 100 || status.get<std::int64_t>() > 599)) {
            reader.fail(pointer + "/status", status.dump() + " is not an HTTP status code",
                        "use a code from 100 to 599, e.g. \"status\": 202");
        }
        reader.require_valid_matchers(status, pointer + "/status");
        expect.status = status;
    }
    if (object.contains("headers")) {
        reader.require_object(object["headers"], pointer + "/headers");
        for (const auto& [name, value] : object["headers"].items()) {
            std::string at = pointer_append(pointer + "/headers", name);
            if (!value.is_string() && !value.is_object()) {
                reader.fail(at, "a header expectation must be a string or a matcher");
            }
            reader.require_valid_matchers(value, at);
            std::string lower = name;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            expect.headers.emplace_back(lower, value);
        }
    }
    if (object.contains("body") && object.contains("raw")) {
        reader.fail(pointer + "/raw", "an expectation has either \"body\" or \"raw\", not both");
    }
    if (object.contains("body")) {
        reader.require_valid_matchers(object["body"], pointer + "/body");
        expect.body = object["body"];
    }
    if (object.contains("raw")) {
        reader.require_valid_matchers(object["raw"], pointer + "/raw");
        expect.raw = object["raw"];
    }
    return expect;
}

std::vector<std::pair<std::string, std::string>> read_captures(const FixtureReader& reader,
                                                               const Json& object,
                                                               const std::string& pointer,
                                                               Variables& known) {
    reader.require_object(object, pointer);
    std::vector<std::pair<std::string, std::string>> captures;
    for (const auto& [name, value] : object.items()) {
        std::string at = pointer_append(pointer, name);
        if (!value.is_string()) {
            reader.fail(at, "must be a JSON Pointer string", "write e.g. \"t\": \"/taskUid\"");
        }
        std::string target = value.get<std::string>();
        try {
            Json::json_pointer check(target);
        } catch (const nlohmann::json::exception&) {
            reader.fail(at, "\"" + target + "\" is not a JSON Pointer",
                        "a pointer is \"\" or starts with \"/\", e.g. \"/taskUid\"");
        }
        captures.emplace_back(name, target);
        known.insert(name);
    }
    return captures;
}

PollSpec read_poll(const FixtureReader& reader, const Json& object, const std::string& pointer,
                   const std::string& profile, Variables& known) {
    reader.require_object(object, pointer);
    reader.allow_keys(object, pointer,
                      {"request", "at", "terminal", "expect", "order", "deadline_ms", "interval_ms",
                       "status", "body"});
    PollSpec poll;
    if (!object.contains("request")) reader.fail(pointer, "missing required key \"request\"");
    poll.request = read_request(reader, object["request"], pointer + "/request", known);
    poll.at = reader.string_field(object, pointer, "at", true);
    try {
        Json::json_pointer check(poll.at);
    } catch (const nlohmann::json::exception&) {
        reader.fail(pointer + "/at", "\"" + poll.at + "\" is not a JSON Pointer",
                    "write e.g. \"at\": \"/status\"");
    }
    if (!object.contains("terminal") || !object["terminal"].is_array() ||
        object["terminal"].empty()) {
        reader.fail(object.contains("terminal") ? pointer + "/terminal" : pointer,
                    "\"terminal\" must be a non-empty array of the values that end the poll",
                    "write e.g. \"terminal\": [\"succeeded\", \"failed\", \"canceled\"]");
    }
    for (const Json& value : object["terminal"])
        poll.terminal.push_back(value);
    if (object.contains("expect")) {
        poll.expect = object["expect"];
        if (std::find(poll.terminal.begin(), poll.terminal.end(), *poll.expect) ==
            poll.terminal.end()) {
            reader.fail(pointer + "/expect", poll.expect->dump() + " is not one of \"terminal\"",
                        "add it to \"terminal\" or fix the spelling");
        }
    }
    if (object.contains("order")) {
        if (!object["order"].is_array()) reader.fail(pointer + "/order", "must be an array");
        for (const Json& value : object["order"])
            poll.order.push_back(value);
    } else {
        poll.order = default_poll_order(profile);
    }
    poll.deadline_ms = reader.int_field(object, pointer, "deadline_ms", 10000, 1, 3'600'000);
    poll.interval_ms = reader.int_field(object, pointer, "interval_ms", 50, 0, 600'000);
    poll.status = static_cast<int>(reader.int_field(object, pointer, "status", 200, 100, 599));
    if (object.contains("body")) {
        reader.require_valid_matchers(object["body"], pointer + "/body");
        poll.body = object["body"];
        collect_captures(*poll.body, known);
    }
    return poll;
}
}  // namespace

Step read_step(const FixtureReader& reader, const Json& object, const std::string& pointer,
               Phase phase, const std::string& profile, Variables& known) {
    reader.require_object(object, pointer);
    reader.allow_keys(object, pointer,
                      {"name", "request", "expect", "capture", "poll", "fault", "sleep_ms"});
    Step step;
    step.phase = phase;
    step.pointer = pointer;
    step.line = reader.line_of(pointer);
    step.name = reader.string_field(object, pointer, "name", false);
    int kinds = 0;
    for (const char* key : {"request", "poll", "fault", "sleep_ms"})
        kinds += object.contains(key);
    if (kinds == 0 && object.contains("capture")) kinds = 1;
    if (kinds != 1) {
        reader.fail(pointer,
                    "a step has exactly one of \"request\", \"poll\", \"fault\", "
                    "\"sleep_ms\" or (alone) \"capture\"",
                    "split it into several steps");
    }
    if (object.contains("expect") && !object.contains("request")) {
        reader.fail(pointer + "/expect", "\"expect\" belongs to a \"request\" step",
                    "a poll step checks its final response with \"body\"");
    }
    if (object.contains("request")) {
        step.kind = Step::Kind::request;
        step.request = read_request(reader, object["request"], pointer + "/request", known);
        if (object.contains("expect")) {
            step.expect = read_expect(reader, object["expect"], pointer + "/expect");
            if (step.expect.body) collect_captures(*step.expect.body, known);
        }
    } else if (object.contains("poll")) {
        step.kind = Step::Kind::poll;
        step.poll = read_poll(reader, object["poll"], pointer + "/poll", profile, known);
    } else if (object.contains("fault")) {
        step.kind = Step::Kind::fault;
        std::string fault = reader.string_field(object, pointer, "fault", true);
        static const std::vector<std::pair<std::string, FaultKind>> faults = {
            {"kill", FaultKind::kill},
            {"restart", FaultKind::restart},
            {"pause", FaultKind::pause},
            {"resume", FaultKind::resume}};
        auto found = std::find_if(faults.begin(), faults.end(),
                                  [&](const auto& f) { return f.first == fault; });
        if (found == faults.end()) {
            reader.fail(pointer + "/fault", "unknown fault \"" + fault + "\"",
                        "use one of kill, restart, pause, resume");
        }
        step.fault = found->second;
    } else if (object.contains("sleep_ms")) {
        step.kind = Step::Kind::sleep;
        step.sleep_ms = reader.int_field(object, pointer, "sleep_ms", 0, 0, 600'000);
    } else {
        step.kind = Step::Kind::capture;
    }
    if (object.contains("capture")) {
        step.captures = read_captures(reader, object["capture"], pointer + "/capture", known);
    }
    return step;
}

}  // namespace taskcheck::conformance
