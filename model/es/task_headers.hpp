#pragma once
// Task headers: the HTTP request headers Elasticsearch copies into every task a request starts
// (Task.HEADERS_TO_COPY, TaskManager.register; spec/elasticsearch.md §3.1). Children inherit
// them from the parent's thread context, so callers pass a parent's TaskHeaders on unchanged.
// Deterministic: pure function.

#include <string>
#include <utility>
#include <vector>

#include "model/common/result.hpp"
#include "model/es/es_error.hpp"
#include "model/es/task_manager.hpp"

namespace taskcheck::es {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The limit, http.max_header_size, counted as sum of 2*len(name) + 2*len(value) (Java chars).
constexpr std::size_t kMaxTaskHeaderBytes = 16 * 1024;

// Copies X-Opaque-Id and X-elastic-product-origin (names matched case-insensitively, first
// occurrence wins, stored under the canonical name) and trace.id, which is characters 3..34 of a
// `traceparent` header of at least 55 characters ("00-<32 hex trace id>-<16 hex>-<2 hex>").
// Rejects a total above kMaxTaskHeaderBytes with 400 illegal_argument_exception
// "Request exceeded the maximum size of task headers 16kb".
Result<TaskHeaders, EsError> copy_task_headers(const HttpHeaders& http_headers);

}  // namespace taskcheck::es
