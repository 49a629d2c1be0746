#pragma once
// CatTasks: the `_cat/tasks` table (RestTasksAction, RestTable, AbstractCatAction;
// spec/elasticsearch.md §3.5), as text or as JSON.
// Columns, in order (name / aliases / shown by default):
//   id - no | action ac yes | task_id ti yes | parent_task_id pti yes ("-" if none) | type ty yes
//   start_time start yes (epoch ms) | timestamp ts,hms,hhmmss yes (HH:mm:ss UTC; ts=false hides)
//   running_time_ns time no | running_time time yes (TimeValue text, or `time=` units)
//   node_id ni no (first 4 chars) | ip i yes (no port) | port po no | node n yes (name)
//   version v no | x_opaque_id x no ("-" if absent) | description desc yes, only with detailed
// Rows: task groups as group_by=parents, sorted by start_time (ms, stable) at every level, each
// parent followed depth-first by its children; ties keep listing order (node join order, then
// task number) where ES keeps HashMap order. `s=` re-sorts stably.
// Deterministic: pure rendering of a TaskListing.

#include <optional>
#include <string>

#include "model/common/result.hpp"
#include "model/es/cluster_membership.hpp"
#include "model/es/task_cluster.hpp"
#include "model/es/task_listing.hpp"

namespace taskcheck::es {

struct CatTasksRequest {
    TaskSelection selection;
    bool detailed = false;
    std::optional<std::string> h;  // set iff ?h= was given (names, aliases, `*` wildcards)
    std::string s;                 // "col[:asc|:desc],..."; "" = table order
    bool v = false;                // header row
    bool help = false;
    std::string time;    // "" = TimeValue text; d|h|m|s|ms|micros|nanos (and long names)
    std::string format;  // "" or "txt" = text; "json" = array of objects with string values
    bool ts = true;      // false hides the timestamp column
    bool wait_for_completion = false;
    std::optional<Nanos> timeout;
};

// The table for `listing`. `s=` with an unknown key is 500 unsupported_operation_exception
// "Unable to sort by unknown sort key `<key>`" (the status is our reading of ExceptionsHelper).
// Unknown `h=` names are dropped silently; an alias in h= becomes the header / JSON key.
Result<std::string, EsError> render_cat_tasks(const TaskListing& listing,
                                              const ClusterMembership& membership,
                                              const CatTasksRequest& request);

// `help=true`: one "name | aliases | desc" line per column, every cell padded to its column.
std::string render_cat_tasks_help(bool detailed);

// GET _cat/tasks on `cluster`: help, or a listing (list tasks included, §7.5) rendered above.
Reply cat_tasks(TaskCluster& cluster, const CatTasksRequest& request, const RequestContext& context,
                Nanos now);

}  // namespace taskcheck::es
