#include "server/meili_http.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "model/meili/meili_errors.hpp"
#include "model/meili/query_string.hpp"
#include "model/meili/task_query_parser.hpp"

namespace taskcheck::server {

using meili::ApiError;

void send_json(httplib::Response& res, int status, const MeiliJson& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json");
}

void send_error(httplib::Response& res, const ApiError& error) {
    send_json(res, error.http_status, meili::to_json(error));
}

std::string raw_query(const httplib::Request& req) {
    const std::size_t mark = req.target.find('?');
    return mark == std::string::npos ? "" : req.target.substr(mark + 1);
}

std::optional<std::string_view> content_type(const httplib::Request& req) {
    auto it = req.headers.find("Content-Type");
    if (it == req.headers.end()) return std::nullopt;
    return std::string_view(it->second);
}

Result<std::string, ApiError> path_index_uid(std::string_view segment) {
    if (!meili::is_valid_index_uid(segment))
        return Err(ApiError{400, meili::index_uid_problem(segment), "invalid_index_uid",
                            "invalid_request"});
    return std::string(segment);
}

namespace {

// usize as deserr reads a query parameter: 1+ ASCII digits (an optional `+`), no overflow.
std::optional<std::uint64_t> parse_usize(std::string_view text) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty() ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::vector<std::string> split_list(const std::string& value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t end = value.find(',', start);
        if (end == std::string::npos) end = value.size();
        if (end > start) out.push_back(value.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

Result<ListParams, ApiError> parse_list_params(std::string_view raw_query,
                                               const ListParamCodes& codes) {
    static constexpr std::array<std::string_view, 3> kAll = {"offset", "limit", "fields"};
    std::span<const std::string_view> accepted(kAll.data(), codes.fields.empty() ? 2 : 3);
    ListParams out;
    for (const meili::QueryParam& param : meili::parse_query_string(raw_query)) {
        if (std::find(accepted.begin(), accepted.end(), param.key) == accepted.end())
            return Err(meili::unknown_parameter(param.key, accepted));
        if (param.key == "fields") {
            std::vector<std::string> fields = split_list(param.value);
            const bool star = std::find(fields.begin(), fields.end(), "*") != fields.end();
            out.fields = star ? std::nullopt : std::optional(fields);
            continue;
        }
        std::optional<std::uint64_t> number = parse_usize(param.value);
        const std::string_view code = param.key == "offset" ? codes.offset : codes.limit;
        if (!number)
            return Err(meili::invalid_parameter_value(
                code, param.key, meili::positive_integer_problem(param.value)));
        (param.key == "offset" ? out.offset : out.limit) = *number;
    }
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>, ApiError> parse_known_params(
    std::string_view raw_query, std::span<const std::string_view> accepted) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const meili::QueryParam& param : meili::parse_query_string(raw_query)) {
        if (std::find(accepted.begin(), accepted.end(), param.key) == accepted.end())
            return Err(meili::unknown_parameter(param.key, accepted));
        out.emplace_back(param.key, param.value);
    }
    return out;
}

}  // namespace taskcheck::server
