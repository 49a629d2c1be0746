#pragma once
// The document identifiers of a v1.1.1 document addition, decided when the task is processed
// (spec/meilisearch.md §9.4; milli `update/index_documents/enrich.rs`, `documents/primary_key.rs`):
//  - infer_primary_key: when neither the index nor the task names a key, the payload's field
//    names ending with `id` (ASCII case-insensitive), shortest first, then by name; exactly one
//    is the key, none is index_primary_key_no_candidate_found, several is
//    index_primary_key_multiple_candidates_found (the count and the first two are named);
//  - document_id: the external id under the key, flat ("id") or nested ("a.b", matching
//    {"a":{"b":1}} and {"a.b":1}); an i64 or a non-empty string of [A-Za-z0-9_-] is valid,
//    anything else (floats, booleans, null, objects, integers above i64::MAX) is
//    invalid_document_id; no value is missing_document_id, two values under a nested key is
//    "Document have too many matching ...".
// Every error is a per-task failure, printed with the document as compact JSON in the payload's
// field order (fields numbered in order of first appearance, as milli's DocumentsBatchIndex).
// Deterministic: pure functions.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"

namespace taskcheck::meili {

// The key inferred from `documents` (an array of objects), or the inference error.
Result<std::string, ApiError> infer_primary_key(const nlohmann::ordered_json& documents);

// The field names of `documents` in order of first appearance.
std::vector<std::string> payload_fields(const nlohmann::ordered_json& documents);

// The external id of `document` under `primary_key` as milli stores it ("7", "b2"), or the
// error; `fields` is payload_fields() of the document's payload.
Result<std::string, ApiError> document_id(const nlohmann::ordered_json& document,
                                          const std::string& primary_key,
                                          const std::vector<std::string>& fields);

// PrimaryKeyCannotBeChanged: "Index already has a primary key: `<key>`."
ApiError primary_key_already_exists(const std::string& index_key);

}  // namespace taskcheck::meili
