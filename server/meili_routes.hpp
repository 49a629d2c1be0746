#pragma once
// The Meilisearch v1.1 routes of the reference server (spec/meilisearch.md §1, issue 5), mapped
// onto MeiliService. Status codes: POST /tasks/cancel and DELETE /tasks answer 200 (§0.1), every
// other route that registers a task answers 202 with the summarized task (§2.2); reads answer
// 200. Errors use the envelope {message, code, type, link}; client errors are never 5xx.
//
//   GET /tasks, GET /tasks/{uid}, POST /tasks/cancel, DELETE /tasks
//   GET|POST /indexes, GET|PATCH|DELETE /indexes/{uid}
//   GET|POST|PUT|DELETE /indexes/{uid}/documents, GET|DELETE /indexes/{uid}/documents/{id},
//   POST /indexes/{uid}/documents/delete-batch, PATCH|DELETE /indexes/{uid}/settings,
//   PUT|PATCH + DELETE /indexes/{uid}/settings/<key> (meili_settings_validation.hpp; a verb a
//   settings route does not have is actix's empty 405)
//   POST /dumps, POST /swap-indexes, GET /health, GET /version
//   anything else: 404 not_found "Not found." [unsure: v1.1 text]
// Admin routes (never needed by fixtures meant for real systems), besides the clock routes of
// serve_options.hpp:
//   POST /_taskcheck/processing/pause | resume   -> 200 {"paused": bool}
//   POST /_taskcheck/batches/fail-next [{message, code, type}] -> 200 {"failNext": <error>}
// Thread safety: handlers run on the listener's threads; MeiliService does the locking.

#include <string>
#include <string_view>

#include "server/http_listener.hpp"
#include "server/meili_service.hpp"

namespace taskcheck::server {

// Registers every route above, the 404/413 bodies and the admin routes on `listener`.
// Requires: `service` outlives `listener`'s run().
void register_meili_routes(HttpListener& listener, MeiliService& service);

// The index, document and settings routes (meili_index_routes.cpp); part of the above.
void register_meili_index_routes(HttpListener& listener, MeiliService& service);

// The 500 body in Meilisearch's shape: code `internal`, type `internal`.
std::string meili_internal_error_body(std::string_view message);

}  // namespace taskcheck::server
