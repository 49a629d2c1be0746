// The refresh API of the Elasticsearch profile (spec/elasticsearch.md §9.1, `indices.refresh`):
// GET|POST /_refresh and GET|POST /{index}/_refresh, where {index} is a comma list of names,
// `_all`, wildcards and exclusions. Every write is visible at once in this server
// (es_index_store.hpp), so a refresh changes nothing: it resolves the expression as
// IndexNameExpressionResolver does with IndicesOptions.strictExpandOpenAndForbidClosed() (the
// query parameters may relax it) and answers the broadcast's `_shards` header.
#include <algorithm>
#include <set>

#include "server/es_http.hpp"
#include "server/es_routes.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::es;
using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;

constexpr std::string_view kTasksIndex = ".tasks";

// IndicesOptions.fromRequest, as far as this server has the concepts (no closed indices).
struct IndicesOptions {
    bool ignore_unavailable = false;
    bool allow_no_indices = true;
    bool expand_open = true;
    bool expand_hidden = false;
};

// XContentMapValues.nodeBooleanValue(node, name, default): "" keeps the default; anything but
// true/false is "Could not convert [<name>] to boolean" caused by the parse error.
Result<bool, EsError> option_bool(const Req& req, const std::string& name, bool fallback) {
    const std::string value = param(req, name);
    if (value.empty()) return fallback;
    if (value == "true") return true;
    if (value == "false") return false;
    EsError cause = illegal_argument("Failed to parse value [" + value +
                                     "] as only [true] or [false] are allowed.");
    return Err(illegal_argument("Could not convert [" + name + "] to boolean").with_cause(cause));
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// WildcardStates.parseParameter: a comma list of open|closed|hidden|none|all.
Result<IndicesOptions, EsError> parse_options(const Req& req) {
    IndicesOptions options;
    auto ignore = option_bool(req, "ignore_unavailable", options.ignore_unavailable);
    if (!ignore.ok()) return Err(ignore.error());
    auto allow = option_bool(req, "allow_no_indices", options.allow_no_indices);
    if (!allow.ok()) return Err(allow.error());
    options.ignore_unavailable = ignore.value();
    options.allow_no_indices = allow.value();
    if (!req.has_param("expand_wildcards")) return options;
    options.expand_open = false;
    for (const std::string& state : split_commas(param(req, "expand_wildcards"))) {
        if (state == "open" || state == "all") options.expand_open = true;
        if (state == "hidden" || state == "all") options.expand_hidden = true;
        if (state == "none") options.expand_open = options.expand_hidden = false;
        const bool known = state == "open" || state == "closed" || state == "hidden" ||
                           state == "none" || state == "all";
        if (!known) return Err(illegal_argument("No valid expand wildcard value [" + state + "]"));
    }
    return options;
}

// Regex.simpleMatch: `*` matches any run of characters.
bool simple_match(std::string_view pattern, std::string_view text) {
    const std::size_t star = pattern.find('*');
    if (star == std::string_view::npos) return pattern == text;
    if (text.substr(0, star) != pattern.substr(0, star)) return false;
    const std::string_view rest = pattern.substr(star + 1);
    for (std::size_t skip = star; skip <= text.size(); ++skip)
        if (simple_match(rest, text.substr(skip))) return true;
    return false;
}

// The indices a wildcard may reach: user indices when open ones are expanded; `.tasks` (a
// hidden system index) with `hidden`, or when both the pattern and the name start with a dot
// (isVisibleDueToImplicitHidden).
std::vector<std::string> wildcard_matches(const std::string& pattern,
                                          const std::vector<std::string>& indices, bool tasks_exist,
                                          const IndicesOptions& options) {
    std::vector<std::string> out;
    if (options.expand_open)
        for (const std::string& name : indices)
            if (simple_match(pattern, name)) out.push_back(name);
    const bool tasks_visible =
        options.expand_hidden || (options.expand_open && pattern.starts_with('.'));
    if (tasks_exist && tasks_visible && simple_match(pattern, kTasksIndex))
        out.emplace_back(kTasksIndex);
    return out;
}

// IndexNameExpressionResolver.notFoundException for an expression list that resolved to no
// index under allow_no_indices=false. The several-expressions form ([null], an array id) is
// read from 8.x source and not checked against a live server.
EsError nothing_matched(const std::vector<std::string>& expressions) {
    if (expressions.empty() || (expressions.size() == 1 && expressions[0] == "_all")) {
        EsError error = index_not_found("_all");
        error.reason = "no such index [_all] and no indices exist";
        return error;
    }
    if (expressions.size() == 1) return index_not_found(expressions[0]);
    EsError error = index_not_found("null");
    error.metadata = Json{
        {"resource.type", "index_or_alias"}, {"resource.id", expressions}, {"index_uuid", "_na_"}};
    return error;
}

// The concrete indices of `expressions` (already split), or the resolver's 404.
Result<std::set<std::string>, EsError> resolve(const std::vector<std::string>& expressions,
                                               const std::vector<std::string>& indices,
                                               bool tasks_exist, const IndicesOptions& options) {
    std::set<std::string> out;
    const bool all = expressions.empty() || (expressions.size() == 1 && expressions[0] == "_all");
    bool wildcard_seen = false;
    for (const std::string& expression : all ? std::vector<std::string>{"*"} : expressions) {
        const bool is_wildcard = expression.find('*') != std::string::npos;
        if (expression.starts_with('-') && wildcard_seen) {
            const std::string pattern = expression.substr(1);
            std::erase_if(out,
                          [&](const std::string& name) { return simple_match(pattern, name); });
        } else if (is_wildcard) {
            wildcard_seen = true;
            for (std::string& name : wildcard_matches(expression, indices, tasks_exist, options))
                out.insert(std::move(name));
        } else if (std::find(indices.begin(), indices.end(), expression) != indices.end() ||
                   (tasks_exist && expression == kTasksIndex)) {
            out.insert(expression);
        } else if (!options.ignore_unavailable) {
            return Err(index_not_found(expression));
        }
    }
    if (out.empty() && !options.allow_no_indices) return Err(nothing_matched(expressions));
    return out;
}

// BroadcastResponse `_shards` (total, successful, failed; no `skipped`). Every user index has
// one replica per primary (write_shards); `.tasks` has auto_expand_replicas 0-1
// (TaskResultsService). total counts every copy, assigned or not; a replica is assigned only
// when a second node is up.
Json refresh_shards(const EsState& state, const std::set<std::string>& targets) {
    const int nodes = static_cast<int>(state.cluster().membership().nodes().size());
    std::int64_t total = 0, successful = 0;
    for (const std::string& name : targets) {
        if (name == kTasksIndex) {
            total += nodes > 1 ? 2 : 1;
            successful += nodes > 1 ? 2 : 1;
            continue;
        }
        const std::int64_t primaries = state.indices().find(name)->shards;
        total += 2 * primaries;
        successful += (nodes > 1 ? 2 : 1) * primaries;
    }
    return Json{{"_shards", {{"total", total}, {"successful", successful}, {"failed", 0}}}};
}

void refresh(EsService& service, const Req& req, Res& res) {
    if (!admit(req, res,
               common_plus({"allow_no_indices", "expand_wildcards", "ignore_unavailable",
                            "ignore_throttled"})))
        return;
    auto options = parse_options(req);
    if (!options.ok()) return send_error(req, res, options.error());
    const std::vector<std::string> expressions =
        req.matches.size() > 1 ? split_commas(req.matches[1].str()) : std::vector<std::string>{};
    auto body = service.read([&](const EsState& s) -> Result<Json, EsError> {
        std::vector<std::string> indices;
        for (const auto& [name, index] : s.indices().indices())
            indices.push_back(name);
        auto targets =
            resolve(expressions, indices, s.cluster().results().index_exists(), options.value());
        if (!targets.ok()) return Err(targets.error());
        return refresh_shards(s, targets.value());
    });
    if (!body.ok()) return send_error(req, res, body.error());
    send_json(req, res, 200, body.value().dump());
}

}  // namespace

void register_es_refresh_routes(HttpListener& listener, EsService& service) {
    for (HttpMethod method : {HttpMethod::get, HttpMethod::post}) {
        listener.route(method, "/_refresh",
                       [&service](const Req& req, Res& res) { refresh(service, req, res); });
        listener.route(method, R"(/([^/]+)/_refresh)",
                       [&service](const Req& req, Res& res) { refresh(service, req, res); });
    }
}

}  // namespace taskcheck::server
