#include "model/meili/task_query_parser.hpp"

#include <array>
#include <limits>
#include <vector>

#include "model/common/time.hpp"
#include "model/meili/meili_errors.hpp"
#include "model/meili/query_string.hpp"

namespace taskcheck::meili {
namespace {

// What a parameter's value is, and so how it is parsed and where it lands in the TaskQuery.
enum class Shape { limit, from, uids, canceled_by, types, statuses, index_uids, date };

struct ParamRule {
    std::string_view name;
    std::string_view code;  // the error code of a bad value (spec §1.1 table)
    Shape shape;
    DateBounds TaskQuery::*bounds = nullptr;  // Shape::date only
    bool after = false;                       // Shape::date only: after* (else before*)
};

// In GET /tasks field order; a rule's index equals its name's index in kListParameters.
constexpr std::array<ParamRule, 13> kRules = {{
    {"limit", "invalid_task_limit", Shape::limit},
    {"from", "invalid_task_from", Shape::from},
    {"uids", "invalid_task_uids", Shape::uids},
    {"canceledBy", "invalid_task_canceled_by", Shape::canceled_by},
    {"types", "invalid_task_types", Shape::types},
    {"statuses", "invalid_task_statuses", Shape::statuses},
    // v1.1 uses the index-route code here, not invalid_task_index_uids (spec §0.7).
    {"indexUids", "invalid_index_uid", Shape::index_uids},
    {"afterEnqueuedAt", "invalid_task_after_enqueued_at", Shape::date, &TaskQuery::enqueued_at,
     true},
    {"beforeEnqueuedAt", "invalid_task_before_enqueued_at", Shape::date, &TaskQuery::enqueued_at,
     false},
    {"afterStartedAt", "invalid_task_after_started_at", Shape::date, &TaskQuery::started_at, true},
    {"beforeStartedAt", "invalid_task_before_started_at", Shape::date, &TaskQuery::started_at,
     false},
    {"afterFinishedAt", "invalid_task_after_finished_at", Shape::date, &TaskQuery::finished_at,
     true},
    {"beforeFinishedAt", "invalid_task_before_finished_at", Shape::date, &TaskQuery::finished_at,
     false},
}};

constexpr bool rules_follow_parameter_order() {
    for (std::size_t i = 0; i < kRules.size(); ++i)
        if (kRules[i].name != kListParameters[i]) return false;
    return true;
}
static_assert(rules_follow_parameter_order());

const ParamRule* find_rule(TaskRoute route, std::string_view key) {
    for (std::string_view name : route_parameters(route))
        if (name == key)
            for (const ParamRule& rule : kRules)
                if (rule.name == key) return &rule;
    return nullptr;
}

// serde_cs: split on `,`, drop empty elements, no trimming (spec §0.5).
std::vector<std::string_view> split_list(std::string_view value) {
    std::vector<std::string_view> elements;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t end = value.find(',', start);
        if (end == std::string_view::npos) end = value.size();
        if (end > start) elements.push_back(value.substr(start, end - start));
        start = end + 1;
    }
    return elements;
}

std::string element_location(std::string_view name, std::size_t index, std::size_t count) {
    if (count <= 1) return std::string(name);
    return std::string(name) + "[" + std::to_string(index) + "]";
}

template <typename T>
using ListResult = Result<std::optional<std::vector<T>>, ApiError>;

// A list filter: nullopt when some element is `*`, else the parsed elements. The first element
// that `parse_one` rejects is reported with `problem(element)`, even after a `*` (spec §0.4).
template <typename T, typename ParseOne, typename Problem>
ListResult<T> parse_list(const ParamRule& rule, std::string_view value, ParseOne parse_one,
                         Problem problem) {
    std::vector<std::string_view> elements = split_list(value);
    bool star = false;
    std::vector<T> items;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (elements[i] == "*") {
            star = true;
            continue;
        }
        std::optional<T> item = parse_one(elements[i]);
        if (!item)
            return Err(invalid_parameter_value(
                rule.code, element_location(rule.name, i, elements.size()), problem(elements[i])));
        items.push_back(std::move(*item));
    }
    if (star) return std::optional<std::vector<T>>();
    return std::optional<std::vector<T>>(std::move(items));
}

Result<std::optional<Nanos>, ApiError> parse_date_bound(const ParamRule& rule,
                                                        std::string_view value) {
    if (value == "*") return std::optional<Nanos>();
    if (std::optional<Nanos> instant = parse_rfc3339(value)) return instant;
    if (std::optional<Nanos> midnight = parse_plain_date(value)) {
        if (!rule.after) return midnight;
        // After the NEXT midnight (spec §0.9). Past the int64 range the bound saturates, as
        // make_instant does; it then still excludes every representable task date.
        Nanos next;
        if (__builtin_add_overflow(*midnight, kNanosPerDay, &next))
            next = std::numeric_limits<Nanos>::max();
        return std::optional<Nanos>(next);
    }
    return Err(invalid_parameter_value(rule.code, rule.name, date_problem(value)));
}

// Stores a parsed list or date into `target`; returns the error if parsing failed.
template <typename T>
std::optional<ApiError> store(Result<T, ApiError> parsed, T& target) {
    if (!parsed) return parsed.error();
    target = std::move(parsed).value();
    return std::nullopt;
}

std::optional<ApiError> apply_scalar(const ParamRule& rule, std::string_view value,
                                     TaskQuery& query) {
    std::optional<std::uint32_t> number = parse_rust_u32(value);
    if (!number)
        return invalid_parameter_value(rule.code, rule.name, positive_integer_problem(value));
    if (rule.shape == Shape::limit)
        query.limit = *number;
    else
        query.from = *number;
    return std::nullopt;
}

std::optional<ApiError> apply_rule(const ParamRule& rule, std::string_view value,
                                   TaskQuery& query) {
    auto u32 = [](std::string_view text) { return parse_rust_u32(text); };
    auto index_uid = [](std::string_view text) {
        return is_valid_index_uid(text) ? std::optional<std::string>(text) : std::nullopt;
    };
    switch (rule.shape) {
        case Shape::limit:
        case Shape::from:
            return apply_scalar(rule, value, query);
        case Shape::uids:
            return store(parse_list<TaskUid>(rule, value, u32, positive_integer_problem),
                         query.uids);
        case Shape::canceled_by:
            return store(parse_list<TaskUid>(rule, value, u32, positive_integer_problem),
                         query.canceled_by);
        case Shape::types:
            return store(parse_list<Kind>(rule, value, parse_kind, task_type_problem), query.types);
        case Shape::statuses:
            return store(parse_list<Status>(rule, value, parse_status, task_status_problem),
                         query.statuses);
        case Shape::index_uids:
            return store(parse_list<std::string>(rule, value, index_uid, index_uid_problem),
                         query.index_uids);
        case Shape::date: {
            DateBounds& bounds = query.*rule.bounds;
            return store(parse_date_bound(rule, value), rule.after ? bounds.after : bounds.before);
        }
    }
    TC_ASSERT(false);
    return std::nullopt;
}

}  // namespace

Result<TaskQuery, ApiError> parse_task_query(TaskRoute route, std::string_view raw_query) {
    TaskQuery query;
    query.original_filter = "?" + std::string(raw_query);
    for (const QueryParam& param : parse_query_string(raw_query)) {
        const ParamRule* rule = find_rule(route, param.key);
        if (rule == nullptr) return Err(unknown_parameter(param.key, route_parameters(route)));
        if (std::optional<ApiError> error = apply_rule(*rule, param.value, query))
            return Err(std::move(*error));
        if (rule->shape != Shape::limit && rule->shape != Shape::from) query.has_filter = true;
    }
    if (route != TaskRoute::list && !query.has_filter) return Err(missing_task_filters(route));
    return query;
}

Result<TaskUid, ApiError> parse_task_uid_path(std::string_view segment) {
    std::optional<std::uint32_t> uid = parse_rust_u32(segment);
    if (!uid) return Err(invalid_task_uid_path(segment));
    return *uid;
}

std::optional<std::uint32_t> parse_rust_u32(std::string_view text) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
    }
    return static_cast<std::uint32_t>(value);
}

bool is_valid_index_uid(std::string_view text) {
    if (text.empty() || text.size() > 400) return false;
    for (char c : text) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-' && c != '_') return false;
    }
    return true;
}

// ---- rendering ----------------------------------------------------------------------------------
namespace {

template <typename T, typename Name>
void render_list(std::vector<std::string>& parts, std::string_view key,
                 const std::optional<std::vector<T>>& list, Name name) {
    if (!list) return;
    std::string part = std::string(key) + "=";
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (i != 0) part += ",";
        part += name((*list)[i]);
    }
    parts.push_back(std::move(part));
}

void render_date(std::vector<std::string>& parts, std::string_view key,
                 const std::optional<Nanos>& bound) {
    if (bound) parts.push_back(std::string(key) + "=" + format_rfc3339(*bound));
}

}  // namespace

std::string render_task_query(TaskRoute route, const TaskQuery& query) {
    std::vector<std::string> parts;
    if (route == TaskRoute::list) {
        parts.push_back("limit=" + std::to_string(query.limit));
        if (query.from) parts.push_back("from=" + std::to_string(*query.from));
    }
    auto number = [](TaskUid uid) { return std::to_string(uid); };
    auto kind = [](Kind k) { return std::string(kind_name(k)); };
    auto status = [](Status s) { return std::string(status_name(s)); };
    auto index_uid = [](const std::string& uid) {
        TC_ASSERT(is_valid_index_uid(uid));
        return uid;
    };
    std::size_t before_filters = parts.size();
    render_list(parts, "uids", query.uids, number);
    render_list(parts, "canceledBy", query.canceled_by, number);
    render_list(parts, "types", query.types, kind);
    render_list(parts, "statuses", query.statuses, status);
    render_list(parts, "indexUids", query.index_uids, index_uid);
    render_date(parts, "afterEnqueuedAt", query.enqueued_at.after);
    render_date(parts, "beforeEnqueuedAt", query.enqueued_at.before);
    render_date(parts, "afterStartedAt", query.started_at.after);
    render_date(parts, "beforeStartedAt", query.started_at.before);
    render_date(parts, "afterFinishedAt", query.finished_at.after);
    render_date(parts, "beforeFinishedAt", query.finished_at.before);
    // Every filter was `*`: one `*` keeps has_filter without narrowing anything (spec §0.4).
    if (query.has_filter && parts.size() == before_filters) parts.push_back("uids=*");
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? "" : "&") + parts[i];
    return out;
}

}  // namespace taskcheck::meili
