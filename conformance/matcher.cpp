#include "conformance/matcher.hpp"

#include <algorithm>
#include <regex>

#include "model/common/assert.hpp"
#include "model/common/json_pointer.hpp"
#include "model/common/time.hpp"

namespace taskcheck::conformance {

namespace {

const char* const kMissing = "(missing)";
const char* const kAbsent = "(absent)";

bool is_matcher(const Json& value) {
    return value.is_object() && value.size() == 1 && value.begin().key().starts_with("$");
}

std::string text_of(const Json* value) {
    return value == nullptr ? kMissing : dump_json(*value);
}

void add(std::vector<Difference>& out, const std::string& pointer, const Json& expected,
         const Json* actual, std::string note) {
    out.push_back(Difference{pointer, dump_json(expected), text_of(actual), std::move(note)});
}

bool is_iso8601_duration(const std::string& text) {
    static const std::regex pattern(
        R"(^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$)");
    return std::regex_match(text, pattern);
}

bool has_type(const std::string& type, const Json& actual) {
    if (type == "string") return actual.is_string();
    if (type == "integer") return actual.is_number_integer();
    if (type == "unsigned") return actual.is_number_unsigned();
    if (type == "number") return actual.is_number();
    if (type == "boolean") return actual.is_boolean();
    if (type == "null") return actual.is_null();
    if (type == "object") return actual.is_object();
    if (type == "array") return actual.is_array();
    if (type == "rfc3339") {
        return actual.is_string() && parse_rfc3339(actual.get_ref<const std::string&>());
    }
    if (type == "duration") {
        return actual.is_string() && is_iso8601_duration(actual.get_ref<const std::string&>());
    }
    TC_ASSERT(false && "unknown $type passed validation");
    return false;
}

// True iff `expected` matches `actual` with no difference; binds captures only on success.
bool matches_cleanly(const Json& expected, const Json& actual, Json& captures) {
    Json trial = captures;
    std::vector<Difference> differences;
    match_json(expected, &actual, "", trial, differences);
    if (!differences.empty()) return false;
    captures = std::move(trial);
    return true;
}

// Finds distinct actual elements for every expected element (augmenting-path matching, so one
// greedy choice cannot hide a valid assignment). Returns the unmatched expected indexes.
std::vector<std::size_t> assign_elements(const Json& expected, const Json& actual,
                                         const Json& captures) {
    std::size_t n = expected.size(), m = actual.size();
    std::vector<std::vector<bool>> fits(n, std::vector<bool>(m));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < m; ++j) {
            Json trial = captures;
            fits[i][j] = matches_cleanly(expected[i], actual[j], trial);
        }
    }
    std::vector<long> owner(m, -1);
    std::vector<std::size_t> unmatched;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<bool> seen(m, false);
        auto augment = [&](auto&& self, std::size_t e) -> bool {
            for (std::size_t j = 0; j < m; ++j) {
                if (!fits[e][j] || seen[j]) continue;
                seen[j] = true;
                if (owner[j] < 0 || self(self, static_cast<std::size_t>(owner[j]))) {
                    owner[j] = static_cast<long>(e);
                    return true;
                }
            }
            return false;
        };
        if (!augment(augment, i)) unmatched.push_back(i);
    }
    return unmatched;
}

void match_elements_any_order(const Json& matcher, const Json& expected, const Json& actual,
                              bool same_length, const std::string& pointer, Json& captures,
                              std::vector<Difference>& out) {
    if (!actual.is_array()) return add(out, pointer, matcher, &actual, "not an array");
    if (same_length && expected.size() != actual.size()) {
        add(out, pointer, matcher, &actual,
            "array has " + std::to_string(actual.size()) + " elements, expected " +
                std::to_string(expected.size()));
    }
    std::vector<std::size_t> unmatched = assign_elements(expected, actual, captures);
    for (std::size_t i : unmatched) {
        add(out, pointer, expected[i], &actual,
            "no element matches expected element " + std::to_string(i));
    }
    if (unmatched.empty()) {
        for (const Json& element : expected) {
            for (const Json& candidate : actual) {
                if (matches_cleanly(element, candidate, captures)) break;
            }
        }
    }
}

void match_object(const Json& expected, const Json& actual, bool exact, const std::string& pointer,
                  Json& captures, std::vector<Difference>& out) {
    for (const auto& [key, value] : expected.items()) {
        auto found = actual.find(key);
        const Json* element = found == actual.end() ? nullptr : &*found;
        match_json(value, element, pointer_append(pointer, key), captures, out);
    }
    if (!exact) return;
    for (const auto& [key, value] : actual.items()) {
        if (!expected.contains(key)) {
            out.push_back(Difference{pointer_append(pointer, key), kAbsent, dump_json(value),
                                     "unexpected key"});
        }
    }
}

void match_array(const Json& expected, const Json& actual, const std::string& pointer,
                 Json& captures, std::vector<Difference>& out) {
    std::size_t common = std::min(expected.size(), actual.size());
    for (std::size_t i = 0; i < common; ++i) {
        match_json(expected[i], &actual[i], pointer_append(pointer, std::to_string(i)), captures,
                   out);
    }
    for (std::size_t i = common; i < expected.size(); ++i) {
        add(out, pointer_append(pointer, std::to_string(i)), expected[i], nullptr,
            "missing element");
    }
    for (std::size_t i = common; i < actual.size(); ++i) {
        out.push_back(Difference{pointer_append(pointer, std::to_string(i)), kAbsent,
                                 dump_json(actual[i]), "unexpected element"});
    }
}

void match_capture(const Json& matcher, const Json& actual, const std::string& pointer,
                   Json& captures, std::vector<Difference>& out) {
    const std::string& name = matcher.begin().value().get_ref<const std::string&>();
    auto bound = captures.find(name);
    if (bound == captures.end()) {
        captures[name] = actual;
        return;
    }
    if (*bound != actual) {
        add(out, pointer, *bound, &actual,
            "captured variable " + name + " was " + dump_json(*bound));
    }
}

void match_matcher(const Json& matcher, const Json& actual, const std::string& pointer,
                   Json& captures, std::vector<Difference>& out) {
    const std::string& name = matcher.begin().key();
    const Json& argument = matcher.begin().value();
    if (name == "$any") return;
    if (name == "$literal") {
        if (argument != actual) add(out, pointer, argument, &actual, "");
    } else if (name == "$type") {
        const std::string& type = argument.get_ref<const std::string&>();
        if (!has_type(type, actual)) add(out, pointer, matcher, &actual, "not of type " + type);
    } else if (name == "$nullable") {
        if (!actual.is_null()) match_json(argument, &actual, pointer, captures, out);
    } else if (name == "$regex") {
        std::regex pattern(argument.get_ref<const std::string&>());
        if (!actual.is_string()) return add(out, pointer, matcher, &actual, "not a string");
        if (!std::regex_search(actual.get_ref<const std::string&>(), pattern)) {
            add(out, pointer, matcher, &actual, "regex does not match");
        }
    } else if (name == "$capture") {
        match_capture(matcher, actual, pointer, captures, out);
    } else if (name == "$subset") {
        if (!actual.is_object()) return add(out, pointer, matcher, &actual, "not an object");
        match_object(argument, actual, false, pointer, captures, out);
    } else if (name == "$unordered" || name == "$contains") {
        match_elements_any_order(matcher, argument, actual, name == "$unordered", pointer, captures,
                                 out);
    } else {
        TC_ASSERT(false && "unknown matcher passed validation");
    }
}

std::string kind_of(const Json& value) {
    switch (value.type()) {
        case Json::value_t::object:
            return "object";
        case Json::value_t::array:
            return "array";
        case Json::value_t::string:
            return "string";
        case Json::value_t::boolean:
            return "boolean";
        case Json::value_t::null:
            return "null";
        default:
            return "number";
    }
}

}  // namespace

const std::vector<std::string>& matcher_names() {
    static const std::vector<std::string> names = {"$any",       "$type",     "$nullable",
                                                   "$regex",     "$capture",  "$subset",
                                                   "$unordered", "$contains", "$literal"};
    return names;
}

const std::vector<std::string>& type_names() {
    static const std::vector<std::string> names = {"string",  "integer", "unsigned", "number",
                                                   "boolean", "null",    "object",   "array",
                                                   "rfc3339", "duration"};
    return names;
}

std::string dump_json(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string pointer_append(const std::string& pointer, const std::string& token) {
    return pointer + "/" + json_pointer_token(token);
}

void match_json(const Json& expected, const Json* actual, const std::string& pointer,
                Json& captures, std::vector<Difference>& out) {
    if (actual == nullptr) return add(out, pointer, expected, nullptr, "missing key");
    if (is_matcher(expected)) return match_matcher(expected, *actual, pointer, captures, out);
    if (expected.is_object() && actual->is_object()) {
        return match_object(expected, *actual, true, pointer, captures, out);
    }
    if (expected.is_array() && actual->is_array()) {
        return match_array(expected, *actual, pointer, captures, out);
    }
    if (expected != *actual) {
        std::string note;
        if (kind_of(expected) != kind_of(*actual)) {
            note = "expected " + kind_of(expected) + ", found " + kind_of(*actual);
        }
        add(out, pointer, expected, actual, note);
    }
}

}  // namespace taskcheck::conformance
