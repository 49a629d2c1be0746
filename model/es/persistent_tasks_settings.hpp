#pragma once
// PersistentTasksSettings: the two dynamic cluster settings of PersistentTasksClusterService
// (spec/elasticsearch.md §5.2) and the exact errors a `PUT _cluster/settings` gets for bad values.
//
//   cluster.persistent_tasks.allocation.recheck_interval  time, default 30s, minimum 10s
//   cluster.persistent_tasks.allocation.enable            all (default) | none, case-insensitive
//
// Errors are EsError values (400 illegal_argument_exception); parsing never throws.
// Deterministic: pure functions.

#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/es_error.hpp"

namespace taskcheck::es {

inline constexpr std::string_view kRecheckIntervalSetting =
    "cluster.persistent_tasks.allocation.recheck_interval";
inline constexpr std::string_view kAssignmentEnableSetting =
    "cluster.persistent_tasks.allocation.enable";

// Whether new and reassigned tasks may be given a node. `none` leaves running tasks alone.
enum class AssignmentEnable { all, none };

struct PersistentTasksSettings {
    Nanos recheck_interval = seconds(30);  // >= seconds(10)
    AssignmentEnable enable = AssignmentEnable::all;
};

// "all" / "none": the setting's rendered value.
std::string to_string(AssignmentEnable enable);

// Parses the enable setting as Allocation.fromString: upper-cases, then must be ALL or NONE.
// "foo" → illegal_argument_exception "Illegal value [FOO] for
// [cluster.persistent_tasks.allocation.enable]".
Result<AssignmentEnable, EsError> parse_assignment_enable(std::string_view text);

// Parses the recheck interval as an ES time value with the setting's 10s minimum:
//  - "<n><unit>" with unit nanos|micros|ms|s|m|h|d, case-insensitive, surrounding blanks ignored;
//    "0" and "-1" are the two unit-less values ES accepts (both then fail the minimum);
//  - below 10s → "failed to parse value [5s] for setting [<key>], must be >= [10s]";
//  - no or unknown unit → "failed to parse setting [<key>] with value [<v>] as a time value:
//    unit is missing or unrecognized";
//  - a negative number other than -1 → "... as a time value: negative durations are not
//    supported";
//  - a fraction → "failed to parse [<v>], fractional time values are not supported", caused by
//    the same parse_exception (Setting.get wraps ElasticsearchParseException);
//  - anything else non-numeric → "failed to parse [<v>]", caused by the same parse_exception.
Result<Nanos, EsError> parse_recheck_interval(std::string_view text);

}  // namespace taskcheck::es
