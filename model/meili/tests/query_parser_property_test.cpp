// Laws of the `/tasks` query parser (task_query_parser.hpp), checked on generated query strings:
//  1. it never crashes: any string gives a TaskQuery or a 400 ApiError, and an accepted query
//     keeps the raw text as original_filter;
//  2. an accepted query re-rendered from its fields (render_task_query) parses to the same
//     TaskQuery, filters, limit, from and has_filter alike.
// Queries are built from the parameter vocabulary with mostly valid values, so that many are
// accepted; rapidcheck's default max_size (100) bounds them. On failure rapidcheck prints the
// RC_PARAMS that reproduce the run.
#include <rapidcheck.h>
#include <rapidcheck/boost_test.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/common/time.hpp"
#include "model/meili/task_query_parser.hpp"

using namespace taskcheck;
using namespace taskcheck::meili;

namespace taskcheck::meili {
// How rapidcheck prints a generated route in a counterexample (found by ADL).
void showValue(TaskRoute route, std::ostream& out) {
    out << route_name(route);
}
}  // namespace taskcheck::meili

namespace {

template <typename T, typename Name>
void describe_list(std::ostream& out, const char* key, const std::optional<std::vector<T>>& list,
                   Name name) {
    out << key << "=";
    if (!list) {
        out << "all ";
        return;
    }
    out << "[";
    for (const T& item : *list)
        out << name(item) << ";";
    out << "] ";
}

void describe_bound(std::ostream& out, const char* key, const std::optional<Nanos>& bound) {
    out << key << "=" << (bound ? std::to_string(*bound) : "none") << " ";
}

// Every field but original_filter, written independently of render_task_query.
std::string describe(const TaskQuery& q) {
    std::ostringstream out;
    out << "limit=" << q.limit << " from=" << (q.from ? std::to_string(*q.from) : "none") << " ";
    auto number = [](TaskUid uid) { return std::to_string(uid); };
    describe_list(out, "uids", q.uids, number);
    describe_list(out, "canceledBy", q.canceled_by, number);
    describe_list(out, "types", q.types, [](Kind k) { return kind_name(k); });
    describe_list(out, "statuses", q.statuses, [](Status s) { return status_name(s); });
    describe_list(out, "indexUids", q.index_uids, [](const std::string& s) { return s; });
    describe_bound(out, "enqueued>", q.enqueued_at.after);
    describe_bound(out, "enqueued<", q.enqueued_at.before);
    describe_bound(out, "started>", q.started_at.after);
    describe_bound(out, "started<", q.started_at.before);
    describe_bound(out, "finished>", q.finished_at.after);
    describe_bound(out, "finished<", q.finished_at.before);
    out << "has_filter=" << q.has_filter;
    return out.str();
}

std::string mixed_case(std::string text) {
    for (char& c : text)
        if (*rc::gen::arbitrary<bool>()) c = static_cast<char>(std::toupper(c));
    return text;
}

// One list element or scalar for `key`: mostly a value the parameter accepts.
std::string value_for(const std::string& key) {
    if (*rc::gen::inRange(0, 10) == 0)
        return *rc::gen::element<std::string>("abc", "-1", "4294967296", "a b", "%ZZ", "+1",
                                              "2021-02-30", "m%C3%A9", "%2C", "");
    if (key == "limit" || key == "from" || key == "uids" || key == "canceledBy")
        return *rc::gen::element<std::string>("0", "1", "7", "42", "%2B3", "007", "4294967295");
    if (key == "types")
        return mixed_case(*rc::gen::element<std::string>("indexCreation", "documentDeletion",
                                                         "taskCancelation", "snapshotCreation"));
    if (key == "statuses")
        return mixed_case(*rc::gen::element<std::string>("enqueued", "processing", "succeeded",
                                                         "failed", "canceled"));
    if (key == "indexUids")
        return *rc::gen::element<std::string>("movies", "Movies", "books_2", "a-b", "x");
    if (key.find("At") != std::string::npos)
        return *rc::gen::element<std::string>("2021-12-03", "2021-12-03T10:00:00Z",
                                              "2021-12-03T10:00:00.5%2B01:00", "1970-01-01",
                                              "9999-12-31", "0000-01-01", "2262-04-11");
    return *rc::gen::element<std::string>("1", "x", "");
}

std::string generated_piece() {
    std::string key = *rc::gen::weightedOneOf<std::string>({
        {12, rc::gen::element<std::string>("limit", "from", "uids", "canceledBy", "types",
                                           "statuses", "indexUids", "afterEnqueuedAt",
                                           "beforeEnqueuedAt", "afterStartedAt", "beforeStartedAt",
                                           "afterFinishedAt", "beforeFinishedAt")},
        {1, rc::gen::element<std::string>("lol", "statuse", "%75ids", "", "UIDS")},
    });
    std::string encoded_key = key == "uids" && *rc::gen::inRange(0, 8) == 0 ? "%75ids" : key;
    int count = *rc::gen::inRange(0, 4);
    if (count == 0 && *rc::gen::arbitrary<bool>()) return encoded_key;  // bare key
    std::string value;
    for (int i = 0; i < count; ++i) {
        if (i != 0) value += *rc::gen::element<std::string>(",", ",", "%2C", ",,");
        value += *rc::gen::inRange(0, 12) == 0 ? std::string("*") : value_for(key);
    }
    return encoded_key + "=" + value;
}

std::string generated_query() {
    int pieces = *rc::gen::inRange(0, 6);
    std::string raw;
    for (int i = 0; i < pieces; ++i)
        raw += (i == 0 ? "" : "&") + generated_piece();
    return raw;
}

TaskRoute any_route() {
    return *rc::gen::element(TaskRoute::list, TaskRoute::cancel, TaskRoute::delete_);
}

const std::set<std::string> kQueryErrorCodes = {
    "bad_request",
    "invalid_task_limit",
    "invalid_task_from",
    "invalid_task_uids",
    "invalid_task_canceled_by",
    "invalid_task_types",
    "invalid_task_statuses",
    "invalid_index_uid",
    "invalid_task_after_enqueued_at",
    "invalid_task_before_enqueued_at",
    "invalid_task_after_started_at",
    "invalid_task_before_started_at",
    "invalid_task_after_finished_at",
    "invalid_task_before_finished_at",
    "missing_task_filters",
};

// Law 1 for one raw string.
void check_total(TaskRoute route, const std::string& raw) {
    auto result = parse_task_query(route, raw);
    if (result.ok()) {
        RC_ASSERT(result.value().original_filter == "?" + raw);
        return;
    }
    RC_ASSERT(result.error().http_status == 400);
    RC_ASSERT(kQueryErrorCodes.count(result.error().code) == 1u);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_query_parser_property)

RC_BOOST_PROP(parser_is_total_on_arbitrary_strings, (const std::string& raw)) {
    check_total(any_route(), raw);
}

RC_BOOST_PROP(parser_is_total_on_generated_queries, ()) {
    check_total(any_route(), generated_query());
}

RC_BOOST_PROP(rendered_query_parses_to_the_same_task_query, ()) {
    TaskRoute route = any_route();
    std::string raw = generated_query();
    auto first = parse_task_query(route, raw);
    RC_PRE(first.ok());
    std::string rendered = render_task_query(route, first.value());
    auto second = parse_task_query(route, rendered);
    RC_ASSERT(second.ok());
    RC_ASSERT(describe(second.value()) == describe(first.value()));
    RC_ASSERT(render_task_query(route, second.value()) == rendered);
}

BOOST_AUTO_TEST_SUITE_END()
