#pragma once
// EsError: an Elasticsearch exception as the REST layer renders it — a model *output*, never a
// C++ exception (STYLE.md §5a). Envelope (spec/elasticsearch.md §3.4):
//   {"error": {"root_cause": [...], "type", "reason", ["caused_by"], [metadata...]}, "status": N}
// root_cause is the deepest EsError in the caused_by chain, rendered without its own cause.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace taskcheck::es {

struct EsError {
    int http_status = 500;
    std::string type;    // e.g. "resource_not_found_exception"
    std::string reason;  // e.g. "task [n:1] isn't running and hasn't stored its results"
    nlohmann::ordered_json metadata = nlohmann::ordered_json::object();  // extra keys after reason
    std::shared_ptr<const EsError> caused_by;  // null when there is no cause

    EsError with_cause(EsError cause) const;
};

// {"type", "reason", [metadata...], ["caused_by": {...}]}: the throwable body (no root_cause),
// as used inside node_failures and stored task errors.
nlohmann::ordered_json to_throwable_json(const EsError& error);

// The full REST envelope {"error": {"root_cause": [...], ...}, "status": N}.
nlohmann::ordered_json to_rest_json(const EsError& error);

}  // namespace taskcheck::es
