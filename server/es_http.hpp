#pragma once
// The HTTP plumbing of the Elasticsearch routes (spec/elasticsearch.md §1, §3.4, §3.6):
// parameter checks and parsing, the response media type, filter_path, and the error envelope.
// Every response carries `X-Elastic-Product: Elasticsearch` (a default header set by
// register_es_routes) and echoes `X-Opaque-Id`.
// Deterministic: pure functions of the request.

#include <httplib.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/es/es_error.hpp"
#include "model/es/task_headers.hpp"

namespace taskcheck::server {

// Bodies nested deeper than this are refused before they are parsed: Jackson's
// StreamReadConstraints default maximum nesting depth (Jackson 2.15+, in ES 8.x).
constexpr std::size_t kEsJsonDepthMax = 1000;
// The 400 for a body (or bulk line) nested deeper than kEsJsonDepthMax, or nullopt:
// `document_parsing_exception` "[L:C] failed to parse: Document nesting depth (1001) exceeds the
// maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)" for a document
// source, `x_content_parse_exception` "[L:C] Document nesting depth ..." for other bodies.
// Jackson's text as we recall it, not checked against a live ES.
std::optional<es::EsError> depth_error(std::string_view text, bool document);

// JSON text of `value`; bytes that are not UTF-8 (a percent-decoded path, a header) become
// U+FFFD, as Java's String does when ES decodes them.
std::string dump_json(const nlohmann::ordered_json& value);

// The query parameter names, sorted, each once.
std::vector<std::string> param_names(const httplib::Request& req);
// The parameter's last value, or "" when absent.
std::string param(const httplib::Request& req, const std::string& name);

// Booleans as RestRequest.paramAsBoolean: absent -> `fallback`; "" or "true" -> true; "false" ->
// false; else 400 illegal_argument_exception "Failed to parse value [<v>] as only [true] or
// [false] are allowed.".
Result<bool, es::EsError> bool_param(const httplib::Request& req, const std::string& name,
                                     bool fallback);
// A time value ("30s", "500ms", "1m", "10nanos", ...; "-1" = none): absent -> nullopt; bad ->
// 400 illegal_argument_exception "failed to parse setting [<name>] with value [<v>] as a time
// value: unit is missing or unrecognized".
Result<std::optional<Nanos>, es::EsError> time_param(const httplib::Request& req,
                                                     const std::string& name);

// The request headers in arrival order, for the task headers (task_headers.hpp).
es::HttpHeaders http_headers(const httplib::Request& req);

// Rejects an Accept / Content-Type asking for `compatible-with=N` other than 7, 8 or 9 with 400
// media_type_header_exception "Invalid media-type value on headers [<Accept|Content-Type>]".
std::optional<es::EsError> check_media_types(const httplib::Request& req);

// `names` plus the REST layer's own parameters (error_trace, filter_path, human, pretty).
std::vector<std::string> common_plus(std::vector<std::string> names);
// Checks the media types and the parameter names; sends the error and returns false if one is
// wrong.
bool admit(const httplib::Request& req, httplib::Response& res,
           const std::vector<std::string>& accepted);

// Sends a JSON body: `filter_path` is applied when given; the Content-Type is
// `application/vnd.elasticsearch+json;compatible-with=<N>` when the request asked for a
// compatible-with media type, else `application/json`.
void send_json(const httplib::Request& req, httplib::Response& res, int status,
               const std::string& body);
// The REST error envelope with the error's status.
void send_error(const httplib::Request& req, httplib::Response& res, const es::EsError& error);
// A model reply: 200 with its body, or its error.
void send_reply(const httplib::Request& req, httplib::Response& res,
                const Result<std::string, es::EsError>& reply);

}  // namespace taskcheck::server
