#pragma once
// EsQuery: the few query shapes the ES profile's index store evaluates — `match_all`, `term`
// ({"term": {"f": v}} or {"term": {"f": {"value": v}}}) and `match` on a scalar (taken as
// equality, which is what it means on a keyword field). A `<f>.keyword` field reads `<f>`.
// Any other query is refused with 400 illegal_argument_exception naming it: real ES would run
// it, so a fixture needing it must not silently get a different answer.
// Deterministic: pure functions.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/common/result.hpp"
#include "model/es/es_error.hpp"

namespace taskcheck::server {

struct EsQuery {
    std::optional<std::string> field;  // nullopt: match_all
    nlohmann::ordered_json value;

    bool matches(const nlohmann::ordered_json& source) const;
};

// The query object (the value of "query").
Result<EsQuery, es::EsError> parse_query(const nlohmann::ordered_json& query);

// A search-like body {"query": {...}}: "" is match_all unless `required`, then 400
// action_request_validation_exception "Validation Failed: 1: query is missing;".
Result<EsQuery, es::EsError> parse_query_body(const std::string& body, bool required);

}  // namespace taskcheck::server
