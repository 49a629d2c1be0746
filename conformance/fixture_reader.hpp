#pragma once
// FixtureReader: one parsed JSON document plus what is needed to reject it well — the file name
// and the line of every value — so each loader check is one call that throws an InputError
//   fixture-invalid: <file>:<line> <pointer>: <problem>; <hint>
// Syntax errors are thrown by the constructor as `fixture-syntax: <file>:<line>: <problem>`;
// a document nesting deeper than kJsonDepthMax (json_depth.hpp) as `<error_id>-invalid` at the
// first too-deep value, so no loader check ever recurses past that limit.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/json_line_map.hpp"
#include "conformance/matcher.hpp"

namespace taskcheck::conformance {

class FixtureReader {
  public:
    // Parses `text` (read from `file`); throws InputError "<error_id>-syntax" if it is not JSON
    // and "<error_id>-invalid" if it nests deeper than kJsonDepthMax.
    FixtureReader(std::string file, std::string_view text, std::string error_id = "fixture");

    const Json& root() const { return root_; }
    const std::string& file() const { return file_; }

    // Throws InputError "<error_id>-invalid" at `pointer`.
    [[noreturn]] void fail(const std::string& pointer, const std::string& problem,
                           const std::string& hint = "") const;
    int line_of(const std::string& pointer) const { return lines_.line_of(pointer); }

    // Each of these checks `object` (found at `pointer`) and throws via fail() on a bad value.
    void require_object(const Json& value, const std::string& pointer) const;
    void allow_keys(const Json& object, const std::string& pointer,
                    std::initializer_list<std::string_view> keys) const;
    // The string at key; "" when absent and not required.
    std::string string_field(const Json& object, const std::string& pointer, const char* key,
                             bool required) const;
    // The strings at key, which holds a string or a non-empty array of strings; empty when
    // absent. Throws via fail() on any other value.
    std::vector<std::string> string_or_strings_field(const Json& object, const std::string& pointer,
                                                     const char* key) const;
    // The integer at key in [min, max]; `fallback` when absent.
    std::int64_t int_field(const Json& object, const std::string& pointer, const char* key,
                           std::int64_t fallback, std::int64_t min, std::int64_t max) const;
    // Rejects a malformed matcher anywhere inside `expected`.
    void require_valid_matchers(const Json& expected, const std::string& pointer) const;

  private:
    std::string file_;
    std::string error_id_;
    Json root_;
    JsonLineMap lines_;
};

}  // namespace taskcheck::conformance
