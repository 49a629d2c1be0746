#pragma once
// RestParameters: which query parameters the task REST handlers accept, and the 400 error for
// the others with Elasticsearch's "did you mean" hints (BaseRestHandler.unrecognized;
// spec/elasticsearch.md §1, §7.4).
// Candidates for a hint are the accepted names whose Lucene Levenshtein similarity
// (1 - distance / max length) is above 0.5, best first, ties by name.
// Deterministic: pure functions over sorted lists.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/es/es_error.hpp"

namespace taskcheck::es {

// The parameters each handler consumes, plus the REST layer's own (pretty, human, error_trace,
// filter_path) and, for _cat, its response parameters. `_cat/tasks` reads `full_id` only after
// the check, so it is *not* accepted (§7.4).
const std::vector<std::string>& list_tasks_parameters();
const std::vector<std::string>& get_task_parameters();
const std::vector<std::string>& cancel_tasks_parameters();
const std::vector<std::string>& cat_tasks_parameters();

// nullopt iff every name in `given` is accepted. Otherwise 400 illegal_argument_exception
// "request [<path>] contains unrecognized parameter: [x] -> did you mean [y]?" — plural
// "parameters: [a], [b]" for several (sorted), "did you mean any of [p, q]?" for several hints.
std::optional<EsError> check_parameters(std::string_view path,
                                        const std::vector<std::string>& given,
                                        const std::vector<std::string>& accepted);

// Lucene's LevenshteinDistance.getDistance: 1 - edits / max(length), 1 for two empty strings.
float levenshtein_similarity(std::string_view a, std::string_view b);

}  // namespace taskcheck::es
