#include "server/es_http.hpp"

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "model/common/input_error.hpp"
#include "model/es/persistent_filter_path.hpp"
#include "model/es/rest_parameters.hpp"
#include "model/common/json_depth.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;

// The N of "...; compatible-with=N" in a media type header, if any.
std::optional<std::string> compatible_with(const httplib::Request& req, const char* header) {
    if (!req.has_header(header)) return std::nullopt;
    const std::string value = req.get_header_value(header);
    const std::size_t at = value.find("compatible-with=");
    if (at == std::string::npos) return std::nullopt;
    const std::size_t start = at + std::string_view("compatible-with=").size();
    std::size_t end = start;
    while (end < value.size() && value[end] != ',' && value[end] != ';' && value[end] != ' ')
        ++end;
    return value.substr(start, end - start);
}

}  // namespace

std::optional<EsError> depth_error(std::string_view text, bool document) {
    const auto excess = json_depth_excess(text, kEsJsonDepthMax);
    if (!excess) return std::nullopt;
    EsError error;
    error.http_status = 400;
    error.type = document ? "document_parsing_exception" : "x_content_parse_exception";
    error.reason = "[" + std::to_string(excess->line) + ":" + std::to_string(excess->column) +
                   "] " + (document ? "failed to parse: " : "") + "Document nesting depth (" +
                   std::to_string(kEsJsonDepthMax + 1) + ") exceeds the maximum allowed (" +
                   std::to_string(kEsJsonDepthMax) +
                   ", from `StreamReadConstraints.getMaxNestingDepth()`)";
    return error;
}

std::string dump_json(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::vector<std::string> param_names(const httplib::Request& req) {
    std::set<std::string> names;
    for (const auto& [name, value] : req.params)
        names.insert(name);
    return {names.begin(), names.end()};
}

std::string param(const httplib::Request& req, const std::string& name) {
    auto range = req.params.equal_range(name);
    std::string out;
    for (auto it = range.first; it != range.second; ++it)
        out = it->second;
    return out;
}

Result<bool, EsError> bool_param(const httplib::Request& req, const std::string& name,
                                 bool fallback) {
    if (!req.has_param(name)) return fallback;
    const std::string value = param(req, name);
    if (value.empty() || value == "true") return true;
    if (value == "false") return false;
    return Err(illegal_argument("Failed to parse value [" + value +
                                "] as only [true] or [false] are allowed."));
}

Result<std::optional<Nanos>, EsError> time_param(const httplib::Request& req,
                                                 const std::string& name) {
    if (!req.has_param(name)) return std::optional<Nanos>();
    const std::string value = param(req, name);
    if (value == "-1") return std::optional<Nanos>();
    static const std::vector<std::pair<std::string_view, Nanos>> kUnits = {
        {"nanos", 1},
        {"micros", kNanosPerMicro},
        {"ms", kNanosPerMilli},
        {"s", kNanosPerSecond},
        {"m", 60 * kNanosPerSecond},
        {"h", 3600 * kNanosPerSecond},
        {"d", 86400 * kNanosPerSecond}};
    for (const auto& [unit, scale] : kUnits) {
        if (value.size() <= unit.size() || !value.ends_with(unit)) continue;
        const std::string_view digits(value.data(), value.size() - unit.size());
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (ec == std::errc() && end == digits.data() + digits.size() && n >= 0 &&
            n <= std::numeric_limits<Nanos>::max() / scale)
            return std::optional<Nanos>(n * scale);
    }
    return Err(illegal_argument("failed to parse setting [" + name + "] with value [" + value +
                                "] as a time value: unit is missing or unrecognized"));
}

HttpHeaders http_headers(const httplib::Request& req) {
    HttpHeaders out;
    for (const auto& [name, value] : req.headers)
        out.emplace_back(name, value);
    return out;
}

std::optional<EsError> check_media_types(const httplib::Request& req) {
    for (const char* header : {"Accept", "Content-Type"}) {
        auto version = compatible_with(req, header);
        if (version && *version != "7" && *version != "8" && *version != "9") {
            EsError error;
            error.http_status = 400;
            error.type = "media_type_header_exception";
            error.reason = std::string("Invalid media-type value on headers [") + header + "]";
            return error;
        }
    }
    return std::nullopt;
}

std::vector<std::string> common_plus(std::vector<std::string> names) {
    for (const char* name : {"error_trace", "filter_path", "human", "pretty"})
        names.push_back(name);
    return names;
}

bool admit(const httplib::Request& req, httplib::Response& res,
           const std::vector<std::string>& accepted) {
    std::optional<EsError> error = check_media_types(req);
    if (!error) error = check_parameters(req.path, param_names(req), accepted);
    if (error) send_error(req, res, *error);
    return !error;
}

void send_json(const httplib::Request& req, httplib::Response& res, int status,
               const std::string& body) {
    res.status = status;
    std::string text = body;
    const std::string filter = param(req, "filter_path");
    if (!filter.empty()) {
        try {
            text = dump_json(apply_filter_path(nlohmann::ordered_json::parse(body), filter));
        } catch (const InputError& e) {
            res.status = 400;
            text = dump_json(to_rest_json(illegal_argument(e.what())));
        }
    }
    auto version = compatible_with(req, "Accept");
    if (!version) version = compatible_with(req, "Content-Type");
    const std::string type = version
                                 ? "application/vnd.elasticsearch+json;compatible-with=" + *version
                                 : "application/json";
    res.set_content(text, type.c_str());
}

void send_error(const httplib::Request& req, httplib::Response& res, const EsError& error) {
    send_json(req, res, error.http_status, dump_json(to_rest_json(error)));
}

void send_reply(const httplib::Request& req, httplib::Response& res,
                const Result<std::string, EsError>& reply) {
    if (!reply.ok()) return send_error(req, res, reply.error());
    send_json(req, res, 200, reply.value());
}

}  // namespace taskcheck::server
