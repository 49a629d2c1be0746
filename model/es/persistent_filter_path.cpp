#include "model/es/persistent_filter_path.hpp"

#include <optional>
#include <string>
#include <vector>

#include "model/common/input_error.hpp"
#include "model/es/cluster_membership.hpp"

namespace taskcheck::es {
namespace {

using Json = nlohmann::ordered_json;
using Path = std::vector<std::string>;  // remaining segments, never empty while active

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return "";
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

Path split_expression(const std::string& expression) {
    if (expression.front() == '-' || expression.find('\\') != std::string::npos) {
        throw InputError(
            "filter-path-unsupported", {},
            "filter_path expression [" + expression + "] uses an exclusion or an escape",
            "use plain dot-separated field patterns with * and **");
    }
    Path path;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = expression.find('.', start);
        path.push_back(expression.substr(start, dot - start));
        if (dot == std::string::npos) return path;
        start = dot + 1;
    }
}

std::vector<Path> parse_filter_path(std::string_view filter_path) {
    std::vector<Path> paths;
    std::size_t start = 0;
    while (start <= filter_path.size()) {
        std::size_t comma = filter_path.find(',', start);
        if (comma == std::string_view::npos) comma = filter_path.size();
        const std::string expression = trim(filter_path.substr(start, comma - start));
        if (!expression.empty()) paths.push_back(split_expression(expression));
        start = comma + 1;
    }
    return paths;
}

// What the patterns ask of one field: keep it whole, or descend with these remaining paths.
struct FieldVerdict {
    bool whole = false;
    std::vector<Path> deeper;
};

void match_segment(const Path& path, std::size_t at, const std::string& key, FieldVerdict& out) {
    if (!simple_match(path[at], key)) return;
    if (at + 1 == path.size()) {
        out.whole = true;
    } else {
        out.deeper.emplace_back(path.begin() + static_cast<std::ptrdiff_t>(at) + 1, path.end());
    }
}

FieldVerdict judge_field(const std::vector<Path>& paths, const std::string& key) {
    FieldVerdict verdict;
    for (const Path& path : paths) {
        if (path[0] != "**") {
            match_segment(path, 0, key, verdict);
            continue;
        }
        // `**` matches this level too (keeps the path) or no level (the next pattern applies).
        if (path.size() == 1) {
            verdict.whole = true;
        } else {
            match_segment(path, 1, key, verdict);
        }
        verdict.deeper.push_back(path);
    }
    return verdict;
}

std::optional<Json> filter_value(const Json& value, const std::vector<Path>& paths);

std::optional<Json> filter_object(const Json& object, const std::vector<Path>& paths) {
    Json out = Json::object();
    for (const auto& [key, child] : object.items()) {
        FieldVerdict verdict = judge_field(paths, key);
        if (verdict.whole) {
            out[key] = child;
        } else if (!verdict.deeper.empty()) {
            if (auto kept = filter_value(child, verdict.deeper)) out[key] = std::move(*kept);
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::optional<Json> filter_value(const Json& value, const std::vector<Path>& paths) {
    if (value.is_object()) return filter_object(value, paths);
    if (!value.is_array()) return std::nullopt;
    Json out = Json::array();
    for (const Json& element : value) {
        if (auto kept = filter_value(element, paths)) out.push_back(std::move(*kept));
    }
    if (out.empty()) return std::nullopt;
    return out;
}

}  // namespace

Json apply_filter_path(const Json& document, std::string_view filter_path) {
    const std::vector<Path> paths = parse_filter_path(filter_path);
    if (paths.empty()) return document;
    return filter_value(document, paths).value_or(Json::object());
}

}  // namespace taskcheck::es
