#pragma once
// EsError: an Elasticsearch exception as the REST layer renders it — a model *output*, never a
// C++ exception (STYLE.md §5a). Envelope (spec/elasticsearch.md §3.4):
//   {"error": {"root_cause": [...], "type", "reason", [metadata...], ["caused_by"]}, "status": N}
// Key order inside an exception object is ES's: type, reason, metadata (in insertion order),
// caused_by. root_cause follows ElasticsearchException.guessRootCauses: walk the caused_by chain
// while the next cause is an ElasticsearchException and take the last one, rendered without its
// own cause. A plain Java exception (IllegalArgumentException, NumberFormatException: marked
// `elasticsearch_exception = false`) stops the walk, so for "malformed task id" the root cause
// is the illegal_argument_exception itself, not its number_format_exception cause.

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
    bool elasticsearch_exception = true;       // false for plain Java exceptions

    // A copy of this error with `cause` at the end of its caused_by chain.
    EsError with_cause(EsError cause) const;
};

// {"type", "reason", [metadata...], ["caused_by": {...}]}: the throwable body (no root_cause),
// as used inside node_failures and stored task errors.
nlohmann::ordered_json to_throwable_json(const EsError& error);

// The full REST envelope {"error": {"root_cause": [...], ...}, "status": N}.
nlohmann::ordered_json to_rest_json(const EsError& error);

// The exceptions the task APIs use, with ES's type names and HTTP statuses.
EsError illegal_argument(std::string reason);           // 400, plain Java exception
EsError resource_not_found(std::string reason);         // 404
EsError task_cancelled(std::string reason);             // 400 task_cancelled_exception
EsError index_not_found(const std::string& index);      // 404 "no such index [<index>]"
EsError number_format(std::string input);               // "For input string: \"<input>\""
EsError timeout_error(std::string reason, int status);  // timeout_exception
EsError validation_failed(std::string error);           // "Validation Failed: 1: <error>;"

}  // namespace taskcheck::es
