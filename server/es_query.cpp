#include "server/es_query.hpp"

#include "server/es_http.hpp"

namespace taskcheck::server {

using Json = nlohmann::ordered_json;
using namespace taskcheck::es;

namespace {

EsError parsing(const std::string& reason) {
    EsError error;
    error.http_status = 400;
    error.type = "parsing_exception";
    error.reason = reason;
    return error;
}

}  // namespace

bool EsQuery::matches(const Json& source) const {
    if (!field) return true;
    std::string name = *field;
    if (name.ends_with(".keyword")) name.resize(name.size() - 8);
    return source.is_object() && source.contains(name) && source[name] == value;
}

Result<EsQuery, EsError> parse_query(const Json& query) {
    if (!query.is_object() || query.size() != 1)
        return Err(parsing("[_na] query malformed, must start with start_object"));
    // Iterators, not items(): a structured binding to items()' proxy dangles (GCC
    // -Wdangling-pointer).
    const std::string& name = query.begin().key();
    const Json& body = query.begin().value();
    if (name == "match_all") return EsQuery{};
    if (name != "term" && name != "match")
        return Err(
            illegal_argument("taskcheck serve evaluates only match_all, term and match "
                             "queries, not [" +
                             name + "]"));
    if (!body.is_object() || body.size() != 1)
        return Err(parsing("[" + name + "] query doesn't support multiple fields"));
    const std::string& field = body.begin().key();
    const Json& value = body.begin().value();
    Json scalar = value;
    if (value.is_object()) scalar = value.value(name == "term" ? "value" : "query", Json());
    if (!scalar.is_primitive() || scalar.is_null())
        return Err(parsing("[" + name + "] query malformed, no value for field [" + field + "]"));
    return EsQuery{field, scalar};
}

Result<EsQuery, EsError> parse_query_body(const std::string& body, bool required) {
    if (body.empty()) {
        if (required) return Err(validation_failed("query is missing"));
        return EsQuery{};
    }
    if (auto deep = depth_error(body, false)) return Err(*deep);
    Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return Err(parsing("request body or source parameter is required"));
    if (!parsed.contains("query")) {
        if (required) return Err(validation_failed("query is missing"));
        return EsQuery{};
    }
    return parse_query(parsed["query"]);
}

}  // namespace taskcheck::server
