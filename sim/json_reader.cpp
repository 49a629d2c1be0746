#include "sim/json_reader.hpp"

#include <algorithm>

#include "model/common/json_pointer.hpp"

namespace taskcheck::sim {

using nlohmann::ordered_json;

std::string json_type_name(const ordered_json& value) {
    if (value.is_number_unsigned()) return "unsigned integer";
    if (value.is_number_integer()) return "negative integer";
    if (value.is_number_float()) return "float";
    return value.type_name();
}

JsonReader::JsonReader(const ordered_json& object, std::string what)
    : object_(object), what_(std::move(what)) {
    if (!object.is_object()) {
        problem_ = OptionProblem{"", what_ + " must be an object, found " + json_type_name(object),
                                 "write it as {...}"};
    }
}

void JsonReader::fail(std::string field, std::string problem, std::string hint) {
    if (!problem_) problem_ = OptionProblem{std::move(field), std::move(problem), std::move(hint)};
}

const ordered_json* JsonReader::find(std::string_view key, bool required) {
    if (problem_) return nullptr;
    const auto it = object_.find(key);
    if (it != object_.end()) return &*it;
    if (required) {
        fail("", what_ + " has no \"" + std::string(key) + "\"",
             "add \"" + std::string(key) + "\"");
    }
    return nullptr;
}

namespace {

std::string wrong_type(std::string_view expected, const ordered_json& found) {
    return std::string("expected ") + std::string(expected) + ", found " + json_type_name(found) +
           " " + found.dump();
}

}  // namespace

void JsonReader::required_u64(std::string_view key, std::uint64_t& out) {
    const ordered_json* value = find(key, true);
    if (!value) return;
    if (!value->is_number_unsigned()) {
        return fail(std::string(key), wrong_type("an unsigned integer", *value), "");
    }
    out = value->get<std::uint64_t>();
}

void JsonReader::optional_u64(std::string_view key, std::uint64_t& out) {
    if (find(key, false)) required_u64(key, out);
}

void JsonReader::required_u32(std::string_view key, std::uint32_t& out) {
    std::uint64_t wide = out;
    required_u64(key, wide);
    if (!problem_ && wide > UINT32_MAX) {
        return fail(std::string(key), std::to_string(wide) + " > 4294967295",
                    "use a smaller value");
    }
    out = static_cast<std::uint32_t>(wide);
}

void JsonReader::optional_u32(std::string_view key, std::uint32_t& out) {
    if (find(key, false)) required_u32(key, out);
}

void JsonReader::required_nanos(std::string_view key, Nanos& out) {
    const ordered_json* value = find(key, true);
    if (!value) return;
    if (!value->is_number_integer()) {
        return fail(std::string(key), wrong_type("an integer (nanoseconds)", *value), "");
    }
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
        return fail(std::string(key), value->dump() + " > 9223372036854775807", "");
    }
    out = value->get<Nanos>();
}

void JsonReader::optional_nanos(std::string_view key, Nanos& out) {
    if (find(key, false)) required_nanos(key, out);
}

void JsonReader::required_ratio(std::string_view key, Ratio& out) {
    const ordered_json* value = find(key, true);
    if (!value) return;
    const auto parsed =
        value->is_string() ? parse_ratio(value->get<std::string>()) : std::optional<Ratio>();
    if (!parsed) {
        return fail(std::string(key), wrong_type("a probability \"n/d\" with n <= d", *value),
                    "write it as a string such as \"1/100\"");
    }
    out = *parsed;
}

void JsonReader::optional_ratio(std::string_view key, Ratio& out) {
    if (find(key, false)) required_ratio(key, out);
}

void JsonReader::required_string(std::string_view key, std::string& out) {
    const ordered_json* value = find(key, true);
    if (!value) return;
    if (!value->is_string()) return fail(std::string(key), wrong_type("a string", *value), "");
    out = value->get<std::string>();
}

void JsonReader::required_node_list(std::string_view key, std::vector<std::uint32_t>& out) {
    const ordered_json* value = find(key, true);
    if (!value) return;
    if (!value->is_array()) {
        return fail(std::string(key), wrong_type("an array of node ids", *value), "");
    }
    std::vector<std::uint32_t> nodes;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const ordered_json& node = (*value)[i];
        if (!node.is_number_unsigned() || node.get<std::uint64_t>() > UINT32_MAX) {
            return fail(std::string(key) + "/" + std::to_string(i), wrong_type("a node id", node),
                        "");
        }
        nodes.push_back(node.get<std::uint32_t>());
    }
    out = std::move(nodes);
}

void JsonReader::reject_unknown_keys(std::span<const std::string_view> allowed) {
    if (problem_) return;
    for (const auto& [key, value] : object_.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string names;
        for (std::string_view name : allowed)
            names += (names.empty() ? "" : ", ") + std::string(name);
        return fail(json_pointer_token(key), "unknown key \"" + key + "\" in " + what_,
                    "allowed keys: " + names);
    }
}

}  // namespace taskcheck::sim
