#pragma once
// Request bodies as Meilisearch v1.1.1 reads them, with its own error codes and texts. Every
// rejection is an ApiError value (a 4xx the route answers), never an exception.
//
// Two readers, as in v1.1.1:
//  - read_json_body: the actix `Json` extractor with Meilisearch's JsonConfig and
//    PayloadError conversion (meilisearch/src/error.rs), used by POST /indexes, PATCH /indexes,
//    settings, swap-indexes and delete-batch:
//      no Content-Type     -> 415 missing_content_type "A Content-Type header is missing.
//                             Accepted values for the Content-Type header are: `application/json`"
//      not */json, */*+json -> 415 invalid_content_type "The Content-Type `<raw>` is invalid.
//                             Accepted values ..." (spec/meilisearch.md §9.1)
//      empty body (serde EOF at line 1 column 0) -> 400 missing_payload "A json payload is
//                             missing."
//      syntax error        -> 400 malformed_payload "The json payload provided is malformed.
//                             `<serde_json error>`."
//  - read_documents_body: the document formats of document_addition (routes/indexes/documents.rs
//    and meilisearch-types/src/document_formats.rs):
//      no Content-Type  -> 415 missing_content_type "A Content-Type header is missing. Accepted
//                          values for the Content-Type header are: `application/json`,
//                          `application/x-ndjson`, `text/csv`"
//      another type     -> 415 invalid_content_type "The Content-Type `t/s` is invalid. Accepted
//      ..." empty payload    -> 400 missing_payload "A json payload is missing." (ndjson, csv
//      alike) bad json         -> 400 malformed_payload "The `json` payload provided is malformed.
//                          `Couldn't serialize document value: <serde_json error>`."
//      not an object or array of objects: the same with "data are neither an object nor a list
//                          of objects".
// serde_json error texts ("expected value at line 1 column 1", "EOF while parsing an object at
// line 1 column 9", "trailing characters ...", "key must be a string ...") are reproduced by
// serde_json_error() for the syntax errors serde_json reports; positions follow serde's rule
// (column of the offending character, or of the last character at end of input).
// Deterministic: pure functions.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"

namespace taskcheck::server {

using MeiliJson = nlohmann::ordered_json;

// serde_json's message for `text` as a JSON document, e.g. "expected `:` at line 1 column 7";
// nullopt iff serde_json would parse it.
std::optional<std::string> serde_json_error(std::string_view text);

// The body of a JSON-extractor route (see above). `content_type` is the header value, or
// nullopt when absent.
Result<MeiliJson, meili::ApiError> read_json_body(std::optional<std::string_view> content_type,
                                                  std::string_view body);

// The documents of an addition: an array of objects (a single object becomes a one-element
// array). JSON and NDJSON are read; CSV is answered 415 invalid_content_type as this server does
// not implement it [deviation].
Result<MeiliJson, meili::ApiError> read_documents_body(std::optional<std::string_view> content_type,
                                                       std::string_view body);

// The 415 of a `csvDelimiter` sent with a JSON or NDJSON body: "The Content-Type
// `application/json` does not support the use of a csv delimiter. The csv delimiter can only be
// used with the Content-Type `text/csv`."; nullopt for any other type (then the usual checks).
std::optional<meili::ApiError> csv_delimiter_content_type_problem(std::string_view content_type);

// The 400 bad_request of a plain serde `Vec` body that is not an array (delete-batch):
// "Json deserialize error: invalid type: string \"doggo\", expected a sequence at line 1
// column 7". `text` is the body, `value` its parse.
meili::ApiError not_a_sequence(std::string_view text, const MeiliJson& value);

// ---- deserr-style value errors (meilisearch-types/src/deserr/mod.rs DeserrJsonError) ----------
// "Invalid value type at `.uid`: expected a string, but found a boolean: `true`"; at the root
// (`location` empty): "Invalid value type: expected ..."; a null is "..., but found null".
meili::ApiError invalid_value_type(std::string_view code, std::string_view location,
                                   std::string_view expected, const MeiliJson& found);
// "Invalid value at `.uid`: <problem>".
meili::ApiError invalid_value(std::string_view code, std::string_view location,
                              std::string_view problem);
// "Missing field `uid`" (root) or "Missing field `indexes` inside `[0]`".
meili::ApiError missing_field(std::string_view code, std::string_view location,
                              std::string_view field);
// "Unknown field `foo`: [did you mean `S`? ]expected one of `uid`, `primaryKey`", code
// bad_request; "... inside `[0]`: ..." below the root.
meili::ApiError unknown_field(std::string_view location, std::string_view field,
                              std::span<const std::string_view> accepted);
// deserr's name of a JSON value's kind: "a string", "an array", "an object", "a boolean",
// "null", "a positive integer", "a negative integer", "a number".
std::string json_kind(const MeiliJson& value);

}  // namespace taskcheck::server
