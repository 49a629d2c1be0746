#pragma once
// The routes of `taskcheck serve --profile elasticsearch` (spec/elasticsearch.md §1, §3):
//   GET  /                                name, cluster_name, cluster_uuid, version (number,
//                                         build_flavor "default", ...), tagline
//   GET  /_nodes                          {"_nodes": {total, successful, failed}, cluster_name,
//                                         nodes: {<id>: {name, transport_address, host, ip,
//                                         version, roles, attributes}}}
//   GET  /_cluster/state                  cluster_name, cluster_uuid, master_node, nodes,
//                                         metadata.persistent_tasks (with filter_path)
//   GET  /_tasks, GET /_tasks/{id}, POST /_tasks/_cancel, POST /_tasks/{id}/_cancel,
//   GET  /_cat/tasks                      the task cluster's REST operations (task_cluster.hpp)
// The index store and the task generators (es_index_store.hpp, es_by_scroll.hpp):
//   PUT  /{index}                         {"acknowledged":true,"shards_acknowledged":true,"index"}
//                                         (body settings.number_of_shards is kept: slices=auto)
//   PUT|POST /{index}/_doc/{id}, POST /{index}/_doc   201 created | 200 updated, ES's write body
//   GET  /{index}/_doc/{id}               the document, or 404 {"found": false}
//   POST /_bulk, POST /{index}/_bulk      NDJSON index / create / delete
//   POST|GET /_refresh, /{index}/_refresh  {"_shards": {total, successful, failed}}; {index} is a
//                                         comma list of names, _all, wildcards, -exclusions;
//                                         ignore_unavailable, allow_no_indices, expand_wildcards
//                                         (writes are visible at once anyway: es_refresh.cpp)
//   GET|POST /{index}/_count              {"count", "_shards"}; match_all / term / match
//   POST /_reindex, /{index}/_update_by_query, /{index}/_delete_by_query
//        wait_for_completion (default true: the BulkByScrollResponse; false: {"task": id} and
//        the result stored in `.tasks`), requests_per_second, slices=N|auto, max_docs,
//        scroll_size (source.size for reindex)
//   POST /_reindex|_update_by_query|_delete_by_query/{task_id}/_rethrottle?requests_per_second=N
//        the rethrottled task as a list response (group_by nodes), or node_failures
// Unknown query parameters are 400 with ES's message (rest_parameters.hpp); any other path is
// 400 "no handler found for uri [<path>] and method [<METHOD>]" as ES 8 answers it.
// Every response has `X-Elastic-Product: Elasticsearch`; `X-Opaque-Id` is echoed and copied
// into the tasks a request starts. Client errors are never 5xx.
//
// Admin routes (reserved prefix, never needed by fixtures for real systems), errors in the ES
// envelope with `type` = the code:
//   GET/POST /_taskcheck/clock[/advance]          serve_options.hpp
//   POST /_taskcheck/tasks                        start a synthetic task; body {node, action,
//        description, status, parent, cancellable, duration_ms, store_result, response}, all
//        optional -> 200 {"task": "<node>:<n>"}
//   POST /_taskcheck/tasks/{id}/_finish           end it now; body {} | {"response": {...}} |
//        {"error": {"type", "reason"}} -> 200 {"acknowledged": true}; 404 if not running
//   POST /_taskcheck/nodes/{node}/_crash | _partition   the node leaves the cluster
//   POST /_taskcheck/nodes/{node}/_restart       it (re)joins with an empty task manager
//        -> 200 {"acknowledged": <changed>}; unknown node 404 `unknown_node`
//   POST /_taskcheck/persistent                  create {id, name = "taskcheck/test", params}
//   POST /_taskcheck/persistent/{id}/_state      {allocation_id, state}
//   POST /_taskcheck/persistent/{id}/_complete   {allocation_id, failure?, local_abort_reason?}
//   DELETE /_taskcheck/persistent/{id}
//        -> 200 the persistent task (as in _cluster/state), or the master's error
// A malformed admin body is 400 `invalid_admin_request` naming the field.

#include <string>
#include <string_view>

#include "server/es_service.hpp"
#include "server/http_listener.hpp"

namespace taskcheck::server {

void register_es_routes(HttpListener& listener, EsService& service);
void register_es_admin_routes(HttpListener& listener, EsService& service);
// Called by register_es_routes.
void register_es_index_routes(HttpListener& listener, EsService& service);
void register_es_bulk_route(HttpListener& listener, EsService& service);
void register_es_refresh_routes(HttpListener& listener, EsService& service);
void register_es_by_scroll_routes(HttpListener& listener, EsService& service);

// The 500 body for an unexpected exception, in the ES envelope.
std::string es_internal_error_body(std::string_view message);

}  // namespace taskcheck::server
