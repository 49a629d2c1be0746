#include "model/meili/api_error.hpp"

namespace taskcheck::meili {

nlohmann::ordered_json to_json(const ApiError& error) {
    nlohmann::ordered_json out;
    out["message"] = error.message;
    out["code"] = error.code;
    out["type"] = error.type;
    out["link"] = "https://docs.meilisearch.com/errors#" + error.code;
    return out;
}

}  // namespace taskcheck::meili
