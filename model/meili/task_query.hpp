#pragma once
// TaskQuery: a parsed `/tasks` query string — the filters of GET /tasks, POST /tasks/cancel and
// DELETE /tasks (spec/meilisearch.md §1.1). This header is the contract between the parser
// (task_query_parser.hpp) and the queue that answers queries (task_queue.hpp).
//
// Representation of each filter:
//  - std::nullopt            the parameter was absent, or every value was `*` (matches all);
//  - an engaged empty vector the parameter was present with no elements (`uids=`): matches
//                            NOTHING (spec §0.5);
//  - otherwise               the OR of the values.
// `has_filter` records that at least one filter parameter was present, even as `*`, because
// `DELETE /tasks?statuses=*` is a filter while `DELETE /tasks` is missing_task_filters (§0.4).
// Date bounds are exclusive instants; a plain `YYYY-MM-DD` after* bound has already been moved to
// the next midnight by the parser (§0.9).

#include <optional>
#include <string>
#include <vector>

#include "model/common/time.hpp"
#include "model/meili/task_kind.hpp"

namespace taskcheck::meili {

struct DateBounds {
    std::optional<Nanos> after;   // exclusive lower bound
    std::optional<Nanos> before;  // exclusive upper bound
};

struct TaskQuery {
    // GET /tasks only.
    std::uint32_t limit = 20;
    std::optional<TaskUid> from;  // inclusive upper bound on uid; nullopt = newest

    std::optional<std::vector<TaskUid>> uids;
    std::optional<std::vector<TaskUid>> canceled_by;
    std::optional<std::vector<Kind>> types;
    std::optional<std::vector<Status>> statuses;
    std::optional<std::vector<std::string>> index_uids;
    DateBounds enqueued_at;
    DateBounds started_at;
    DateBounds finished_at;

    bool has_filter = false;     // some filter parameter was present (even `*`)
    std::string original_filter; // "?" + the raw, still percent-encoded query string
};

}  // namespace taskcheck::meili
