#pragma once
// JsonReader: reads the fields of one JSON object into a typed struct and stops at the first
// problem, which it reports as an OptionProblem whose `field` is the JSON Pointer of the offending
// value relative to the object (e.g. "nodes/2"). Unknown keys are problems too, so a misspelt
// option is never silently ignored. Used by the from_json functions of options and fault entries.
// Deterministic: reads only its argument.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/time.hpp"
#include "sim/option_problem.hpp"
#include "sim/ratio.hpp"

namespace taskcheck::sim {

class JsonReader {
  public:
    // `what` names the object in messages, e.g. "network options", "a pause fault".
    JsonReader(const nlohmann::ordered_json& object, std::string what);

    bool ok() const { return !problem_.has_value(); }
    const std::optional<OptionProblem>& problem() const { return problem_; }

    // Each reads `key` into `out` when present and well-typed; a missing required key or a wrong
    // type records the problem. Optional keys leave `out` unchanged when absent.
    void required_u64(std::string_view key, std::uint64_t& out);
    void optional_u64(std::string_view key, std::uint64_t& out);
    void optional_u32(std::string_view key, std::uint32_t& out);
    void required_u32(std::string_view key, std::uint32_t& out);
    void required_nanos(std::string_view key, Nanos& out);
    void optional_nanos(std::string_view key, Nanos& out);
    void required_ratio(std::string_view key, Ratio& out);
    void optional_ratio(std::string_view key, Ratio& out);
    void required_string(std::string_view key, std::string& out);
    void required_node_list(std::string_view key, std::vector<std::uint32_t>& out);

    // Records a problem for every key not in `allowed` (the first one, in document order).
    void reject_unknown_keys(std::span<const std::string_view> allowed);
    void reject_unknown_keys(std::initializer_list<std::string_view> allowed) {
        reject_unknown_keys(std::span<const std::string_view>(allowed.begin(), allowed.size()));
    }

    // Records a problem found by the caller (first problem wins).
    void fail(std::string field, std::string problem, std::string hint);

  private:
    const nlohmann::ordered_json* find(std::string_view key, bool required);
    const nlohmann::ordered_json& object_;
    std::string what_;
    std::optional<OptionProblem> problem_;
};


// A JSON value's type as nlohmann names it ("string", "number", "object", ...), with integers
// told apart: "unsigned integer", "negative integer", "float".
std::string json_type_name(const nlohmann::ordered_json& value);

}  // namespace taskcheck::sim
