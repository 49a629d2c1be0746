#pragma once
// The options block that opens every run (STYLE.md §9): the seed and every option derived from
// it, one "name = value" line each, flattened from the options' JSON so that the block, the
// scenario file and the code cannot disagree. Example:
//   seed = 8471923
//   network.node_count = 3
//   network.drop_probability = "1/100"
//   faults.mean_interval_ns.crash = 12000000000
// Objects nest with ".", arrays print as JSON on one line, strings stay quoted.
// Deterministic: key order is the ordered_json's insertion order.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace taskcheck::sim {

// The lines for `options` under `prefix` (no prefix when empty), each ending in "\n".
std::string format_options_block(std::string_view prefix, const nlohmann::ordered_json& options);

}  // namespace taskcheck::sim
