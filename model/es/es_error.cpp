#include "model/es/es_error.hpp"

#include <utility>

namespace taskcheck::es {

using nlohmann::ordered_json;

EsError EsError::with_cause(EsError cause) const {
    EsError copy = *this;
    if (copy.caused_by == nullptr) {
        copy.caused_by = std::make_shared<const EsError>(std::move(cause));
    } else {
        copy.caused_by = std::make_shared<const EsError>(copy.caused_by->with_cause(cause));
    }
    return copy;
}

namespace {

ordered_json throwable_json(const EsError& error, bool with_cause) {
    ordered_json out = ordered_json::object();
    out["type"] = error.type;
    out["reason"] = error.reason;
    for (const auto& [key, value] : error.metadata.items())
        out[key] = value;
    if (with_cause && error.caused_by != nullptr) {
        out["caused_by"] = throwable_json(*error.caused_by, true);
    }
    return out;
}

const EsError& root_cause(const EsError& error) {
    const EsError* root = &error;
    while (root->elasticsearch_exception && root->caused_by != nullptr &&
           root->caused_by->elasticsearch_exception) {
        root = root->caused_by.get();
    }
    return *root;
}

EsError make(int status, std::string type, std::string reason) {
    EsError error;
    error.http_status = status;
    error.type = std::move(type);
    error.reason = std::move(reason);
    return error;
}

}  // namespace

ordered_json to_throwable_json(const EsError& error) {
    return throwable_json(error, true);
}

ordered_json to_rest_json(const EsError& error) {
    ordered_json inner = ordered_json::object();
    inner["root_cause"] = ordered_json::array({throwable_json(root_cause(error), false)});
    const ordered_json body = throwable_json(error, true);
    for (auto it = body.begin(); it != body.end(); ++it)
        inner[it.key()] = it.value();
    ordered_json out = ordered_json::object();
    out["error"] = std::move(inner);
    out["status"] = error.http_status;
    return out;
}

EsError illegal_argument(std::string reason) {
    EsError error = make(400, "illegal_argument_exception", std::move(reason));
    error.elasticsearch_exception = false;
    return error;
}

EsError resource_not_found(std::string reason) {
    return make(404, "resource_not_found_exception", std::move(reason));
}

EsError task_cancelled(std::string reason) {
    return make(400, "task_cancelled_exception", std::move(reason));
}

EsError index_not_found(const std::string& index) {
    EsError error = make(404, "index_not_found_exception", "no such index [" + index + "]");
    error.metadata["resource.type"] = "index_or_alias";
    error.metadata["resource.id"] = index;
    error.metadata["index_uuid"] = "_na_";
    error.metadata["index"] = index;
    return error;
}

EsError number_format(std::string input) {
    EsError error = make(400, "number_format_exception", "For input string: \"" + input + "\"");
    error.elasticsearch_exception = false;
    return error;
}

EsError timeout_error(std::string reason, int status) {
    return make(status, "timeout_exception", std::move(reason));
}

EsError validation_failed(std::string error) {
    return make(400, "action_request_validation_exception",
                "Validation Failed: 1: " + std::move(error) + ";");
}

}  // namespace taskcheck::es
