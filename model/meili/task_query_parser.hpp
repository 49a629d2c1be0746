#pragma once
// The `/tasks` query parser of Meilisearch v1.1.1 (spec/meilisearch.md §1.1, §1.2, §0.3-§0.9):
// raw query string in, TaskQuery or the exact ApiError the real server answers out.
//
// Order of checks, which decides the one error reported (v1.1.1 stops at the first):
//  1. the query string is decoded into the map of query_string.hpp (first position, last value);
//  2. the map is walked in that order; for each key:
//     - a key the route does not accept -> 400 bad_request "Unknown parameter ..." with the
//       route's list (route_parameters) and deserr's suggestion (did_you_mean.hpp);
//     - a known key -> its value is validated; in a list, elements are checked left to right and
//       the first bad one is reported;
//  3. cancel/delete only: no filter parameter at all -> 400 missing_task_filters.
// Authentication comes before all of this and lookup after; both are the caller's.
//
// Values (spec §1.1):
//  - `limit`, `from`: a u32 as Rust's `u32::from_str` reads it: an optional `+` (sent as `%2B`),
//    then one or more ASCII digits, at most 4294967295. `*` is not allowed.
//  - list filters: the value is split on `,`, empty elements are dropped, nothing is trimmed;
//    an element `*` makes the whole filter match all (TaskQuery nullopt) but the other elements
//    are still validated. A bad element is located as `param[i]` (i counts the elements left
//    after dropping empty ones) when more than one element is left, else as `param`.
//    `uids`/`canceledBy` elements are u32; `types`/`statuses` parse case-insensitively;
//    `indexUids` elements are 1..=400 bytes of ASCII letters, digits, `-` and `_`.
//  - dates: `*` (no bound), RFC 3339 (parse_rfc3339), or exactly `YYYY-MM-DD`, which is that
//    day's midnight UTC for before* and the NEXT midnight for after* (§0.9). A date value is one
//    scalar: `,` is not a separator there.
//  - every filter parameter present, even as `*` or empty, sets has_filter (§0.4, §0.5).
// original_filter is "?" + raw_query byte for byte, still percent-encoded, as Meilisearch's
// `"?" + req.query_string()`; an empty query gives "?" (actix reports an absent query string as
// ""). No task is ever created from an empty query: cancel/delete reject it first.
// Deterministic: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"
#include "model/meili/task_kind.hpp"
#include "model/meili/task_query.hpp"
#include "model/meili/task_route.hpp"

namespace taskcheck::meili {

// Parses the query string of `route`. `raw_query` is the text after `?` (without it), exactly
// as received. On success the TaskQuery holds every parameter; on failure the ApiError is the
// first error in the order above. GET-only fields keep their defaults (limit 20, from nullopt)
// on cancel/delete.
Result<TaskQuery, ApiError> parse_task_query(TaskRoute route, std::string_view raw_query);

// GET /tasks/{uid}: the path segment (already percent-decoded by the router) as a u32, or 400
// invalid_task_uids. `4294967295` parses; whether that task exists is the caller's question
// (404 task_not_found, spec §0.7).
Result<TaskUid, ApiError> parse_task_uid_path(std::string_view segment);

// Rust's `u32::from_str`: optional `+`, then 1+ ASCII digits, value <= 4294967295; nullopt iff
// Rust would return an error.
std::optional<std::uint32_t> parse_rust_u32(std::string_view text);

// True iff `text` is a valid v1.1 index uid: 1..=400 bytes of [A-Za-z0-9_-].
bool is_valid_index_uid(std::string_view text);

// A query string that parse_task_query(route, ...) turns back into the same filters, limit and
// from as `query` (everything but original_filter): parameters in route field order, each `*`
// filter as `param=*` only when has_filter needs it, dates in RFC 3339 UTC. For the inverse
// property test and for callers that build cancel/delete requests.
// Requires: index uids in `query` are valid; limit/from are default unless route is list.
std::string render_task_query(TaskRoute route, const TaskQuery& query);

}  // namespace taskcheck::meili
