#pragma once
// The HTTP plumbing the Meilisearch routes share: JSON responses, the error envelope, the raw
// query string, index uids in paths and the offset/limit/fields query parameters of
// GET /indexes and GET /indexes/{uid}/documents (v1.1.1 `ListIndexes`, `BrowseQuery`).
// Deterministic: pure functions of the request.

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"
#include "server/meili_payload.hpp"

namespace taskcheck::server {

// Sets `status` and the compact JSON body with Content-Type application/json.
void send_json(httplib::Response& res, int status, const MeiliJson& body);
// The error envelope {message, code, type, link} with the error's status.
void send_error(httplib::Response& res, const meili::ApiError& error);

// The query string exactly as received (still percent-encoded), without the `?`; "" if none.
std::string raw_query(const httplib::Request& req);
// The Content-Type header, or nullopt when the request has none.
std::optional<std::string_view> content_type(const httplib::Request& req);

// An index uid from a path segment (already percent-decoded by the router), or 400
// invalid_index_uid "`X` is not a valid index uid. ..." (IndexUid::try_from in v1.1.1).
Result<std::string, meili::ApiError> path_index_uid(std::string_view segment);

// offset / limit / fields of the listing routes.
struct ListParams {
    std::uint64_t offset = 0;
    std::uint64_t limit = 20;
    std::optional<std::vector<std::string>> fields;  // nullopt = every field (absent or `*`)
};
// The error codes of one listing route, e.g. {"invalid_index_offset", "invalid_index_limit", ""}.
struct ListParamCodes {
    std::string_view offset;
    std::string_view limit;
    std::string_view fields;  // empty when the route has no `fields`
};
// Parses `raw_query` as v1.1.1 does: unknown parameter -> 400 bad_request naming the accepted
// ones; a bad number -> 400 <code> "Invalid value in parameter `limit`: could not parse `x` as a
// positive integer". The first error in query order wins.
Result<ListParams, meili::ApiError> parse_list_params(std::string_view raw_query,
                                                      const ListParamCodes& codes);

// The accepted query parameters of a route that takes only these, e.g. {"primaryKey"}; the
// values, decoded, in query order; or the unknown-parameter error.
Result<std::vector<std::pair<std::string, std::string>>, meili::ApiError> parse_known_params(
    std::string_view raw_query, std::span<const std::string_view> accepted);

}  // namespace taskcheck::server
