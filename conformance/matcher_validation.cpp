// validate_expected (declared in matcher.hpp): rejects malformed matchers when a fixture is
// loaded, so a typo such as {"$typ": "string"} is a fixture error and never a silent mismatch.
#include <algorithm>
#include <regex>

#include "conformance/matcher.hpp"

namespace taskcheck::conformance {

namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names)
        out += (out.empty() ? "" : " ") + name;
    return out;
}

std::optional<MatcherProblem> validate_argument(const std::string& name, const Json& argument,
                                                const std::string& pointer) {
    auto problem = [&](std::string what, std::string hint) {
        return MatcherProblem{pointer, name + " " + what, std::move(hint)};
    };
    if (name == "$type") {
        if (!argument.is_string() || !listed(type_names(), argument.get<std::string>())) {
            return problem("takes a type name, found " + argument.dump(),
                           "use one of: " + joined(type_names()));
        }
    } else if (name == "$regex") {
        if (!argument.is_string())
            return problem("takes a string", "write the pattern as a string");
        try {
            std::regex check(argument.get<std::string>());
        } catch (const std::regex_error& e) {
            return problem("pattern does not compile: " + std::string(e.what()),
                           "write an ECMAScript regular expression");
        }
    } else if (name == "$capture") {
        if (!argument.is_string() || argument.get<std::string>().empty()) {
            return problem("takes a variable name, found " + argument.dump(),
                           R"(write {"$capture": "name"})");
        }
    } else if (name == "$subset") {
        if (!argument.is_object()) return problem("takes an object", "");
    } else if (name == "$unordered" || name == "$contains") {
        if (!argument.is_array()) return problem("takes an array", "");
    }
    return std::nullopt;
}

std::optional<MatcherProblem> validate_at(const Json& expected, const std::string& pointer);

std::optional<MatcherProblem> validate_children(const Json& value, const std::string& pointer) {
    if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            if (auto p = validate_at(child, pointer_append(pointer, key))) return p;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (auto p = validate_at(value[i], pointer_append(pointer, std::to_string(i)))) {
                return p;
            }
        }
    }
    return std::nullopt;
}

std::optional<MatcherProblem> validate_at(const Json& expected, const std::string& pointer) {
    if (!expected.is_object()) return validate_children(expected, pointer);
    for (const auto& [key, child] : expected.items()) {
        if (!key.starts_with("$")) continue;
        std::string at = pointer_append(pointer, key);
        if (!listed(matcher_names(), key)) {
            return MatcherProblem{at, "unknown matcher " + key,
                                  "use one of: " + joined(matcher_names()) +
                                      R"(, or {"$literal": ...} to expect a "$" key)"};
        }
        if (expected.size() != 1) {
            return MatcherProblem{at, "a matcher object must have exactly one key",
                                  R"(move the other keys out, or use {"$literal": ...})"};
        }
        if (auto p = validate_argument(key, child, at)) return p;
        if (key == "$literal") return std::nullopt;
        if (key == "$nullable") return validate_at(child, at);
        return validate_children(child, at);
    }
    return validate_children(expected, pointer);
}

}  // namespace

std::optional<MatcherProblem> validate_expected(const Json& expected) {
    return validate_at(expected, "");
}

}  // namespace taskcheck::conformance
