#include "conformance/fixture_reader.hpp"

#include <algorithm>

#include "conformance/json_depth.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

int line_at_byte(std::string_view text, std::size_t byte) {
    byte = std::min(byte, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + byte, '\n'));
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 3,
// column 5: " prefix: the file:line prefix of our message says the same.
std::string syntax_problem(const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    std::size_t colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

Json parse_or_throw(const std::string& file, std::string_view text, const std::string& id) {
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        int line = e.byte == 0 ? 1 : line_at_byte(text, e.byte - 1);
        throw InputError(id + "-syntax", {file, line, ""}, syntax_problem(e),
                         "the file must be one JSON document (RFC 8259, no comments)");
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond a double (`1e999`) is out_of_range 406, not a parse_error; it escaped
        // as an uncaught exception. nlohmann names the number but not where it is.
        const std::string what = e.what();
        const std::size_t open = what.find('\'');
        const std::size_t close = what.rfind('\'');
        const std::size_t at = open < close ? text.find(what.substr(open + 1, close - open - 1))
                                            : std::string_view::npos;
        throw InputError(id + "-syntax",
                         {file, at == std::string_view::npos ? 1 : line_at_byte(text, at), ""},
                         what.substr(what.find("] ") + 2),
                         "write a number a double can hold (at most about 1.8e308)");
    }
}

std::string kind_of(const Json& value) {
    switch (value.type()) {
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::null:
            return "null";
        default:
            return "a number";
    }
}

}  // namespace

FixtureReader::FixtureReader(std::string file, std::string_view text, std::string error_id)
    : file_(std::move(file)),
      error_id_(std::move(error_id)),
      root_(parse_or_throw(file_, text, error_id_)),
      lines_(text) {
    if (auto deep = pointer_deeper_than(root_)) {
        fail(*deep, "nests deeper than " + std::to_string(kJsonDepthMax) + " arrays/objects",
             "flatten this value; deeper JSON is not supported (docs/fixture-format.md)");
    }
}

void FixtureReader::fail(const std::string& pointer, const std::string& problem,
                         const std::string& hint) const {
    throw InputError(error_id_ + "-invalid", {file_, lines_.line_of(pointer), pointer}, problem,
                     hint);
}

void FixtureReader::require_object(const Json& value, const std::string& pointer) const {
    if (!value.is_object()) fail(pointer, "must be an object, found " + kind_of(value));
}

void FixtureReader::allow_keys(const Json& object, const std::string& pointer,
                               std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, value] : object.items()) {
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        std::string allowed;
        for (std::string_view k : keys)
            allowed += (allowed.empty() ? "" : ", ") + std::string(k);
        fail(pointer_append(pointer, key), "unknown key \"" + key + "\"",
             "allowed keys here: " + allowed);
    }
}

std::string FixtureReader::string_field(const Json& object, const std::string& pointer,
                                        const char* key, bool required) const {
    auto found = object.find(key);
    if (found == object.end()) {
        if (required) fail(pointer, std::string("missing required key \"") + key + "\"");
        return "";
    }
    if (!found->is_string()) {
        fail(pointer_append(pointer, key), "must be a string, found " + kind_of(*found));
    }
    return found->get<std::string>();
}

std::vector<std::string> FixtureReader::string_or_strings_field(const Json& object,
                                                                const std::string& pointer,
                                                                const char* key) const {
    auto found = object.find(key);
    if (found == object.end()) return {};
    std::string at = pointer_append(pointer, key);
    if (found->is_string()) return {found->get<std::string>()};
    if (!found->is_array() || found->empty()) {
        fail(at, "must be a string or a non-empty array of strings, found " + kind_of(*found));
    }
    std::vector<std::string> strings;
    for (std::size_t i = 0; i < found->size(); ++i) {
        const Json& item = (*found)[i];
        if (!item.is_string()) {
            fail(at + "/" + std::to_string(i), "must be a string, found " + kind_of(item));
        }
        strings.push_back(item.get<std::string>());
    }
    return strings;
}

std::int64_t FixtureReader::int_field(const Json& object, const std::string& pointer,
                                      const char* key, std::int64_t fallback, std::int64_t min,
                                      std::int64_t max) const {
    auto found = object.find(key);
    if (found == object.end()) return fallback;
    std::string at = pointer_append(pointer, key);
    if (!found->is_number_integer()) fail(at, "must be an integer, found " + kind_of(*found));
    std::int64_t value = found->is_number_unsigned() && found->get<std::uint64_t>() > INT64_MAX
                             ? INT64_MAX
                             : found->get<std::int64_t>();
    if (value < min || value > max) {
        fail(at, found->dump() + " is out of range",
             "use a value from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
}

void FixtureReader::require_valid_matchers(const Json& expected, const std::string& pointer) const {
    if (auto problem = validate_expected(expected)) {
        fail(pointer + problem->pointer, problem->problem, problem->hint);
    }
}

}  // namespace taskcheck::conformance
