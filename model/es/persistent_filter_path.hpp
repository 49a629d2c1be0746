#pragma once
// filter_path: the response filter of Elasticsearch's `?filter_path=` parameter, enough of it
// for `GET _cluster/state` → metadata.persistent_tasks (spec/elasticsearch.md §1 `_common.json`).
//
// Supported, as ES 8.x XContent filtering does it:
//  - a comma-separated list of expressions, each trimmed; empty ones are ignored; the result is
//    the union of what each expression keeps;
//  - an expression is dot-separated field-name patterns; `*` inside a pattern matches any run of
//    characters (Regex.simpleMatch, cluster_membership.hpp), a whole segment `**` matches any
//    number of levels (0 or more), e.g. `**.persistent_tasks`,
//    `metadata.persistent_tasks.tasks.id`, `metadata.*`;
//  - a field matched by the last pattern is kept whole;
//  - arrays are transparent: the patterns apply to each element, so `tasks.id` keeps
//    `{"tasks": [{"id": ...}, ...]}`;
//  - objects and arrays left with nothing are dropped, and a document with no match renders
//    as `{}`; scalars reached before the path ends are dropped.
// Not supported (throws InputError "filter-path-unsupported"): exclusions (`-a.b`) and escaped
// dots (`a\.b`). Key order of the input is kept.
// Deterministic: a pure function.

#include <nlohmann/json.hpp>
#include <string_view>

namespace taskcheck::es {

// The part of `document` that `filter_path` keeps; `document` itself when filter_path is empty
// or only commas and blanks.
nlohmann::ordered_json apply_filter_path(const nlohmann::ordered_json& document,
                                         std::string_view filter_path);

}  // namespace taskcheck::es
