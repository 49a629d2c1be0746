#pragma once
// ApiError: an error the real Meilisearch answers with — a model *output*, never an exception
// (STYLE.md §5a). Body shape `{"message","code","type","link"}` with
// link = "https://docs.meilisearch.com/errors#<code>" (spec/meilisearch.md §1.2).

#include <nlohmann/json.hpp>
#include <string>

namespace taskcheck::meili {

struct ApiError {
    int http_status = 400;
    std::string message;
    std::string code;  // e.g. "invalid_task_uids"
    std::string type;  // invalid_request | internal | auth | system

    bool operator==(const ApiError&) const = default;
};

// {"message", "code", "type", "link"} in that order.
nlohmann::ordered_json to_json(const ApiError& error);

}  // namespace taskcheck::meili
