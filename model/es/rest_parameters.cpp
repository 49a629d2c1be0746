#include "model/es/rest_parameters.hpp"

#include <algorithm>
#include <set>

namespace taskcheck::es {

namespace {

std::vector<std::string> with_common(std::vector<std::string> names) {
    for (const char* common : {"pretty", "human", "error_trace", "filter_path"}) {
        names.emplace_back(common);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

const std::vector<std::string>& list_tasks_parameters() {
    static const std::vector<std::string> names =
        with_common({"nodes", "actions", "detailed", "parent_task_id", "wait_for_completion",
                     "timeout", "group_by"});
    return names;
}

const std::vector<std::string>& get_task_parameters() {
    static const std::vector<std::string> names =
        with_common({"task_id", "wait_for_completion", "timeout"});
    return names;
}

const std::vector<std::string>& cancel_tasks_parameters() {
    static const std::vector<std::string> names = with_common(
        {"nodes", "task_id", "actions", "parent_task_id", "wait_for_completion", "group_by"});
    return names;
}

const std::vector<std::string>& cat_tasks_parameters() {
    static const std::vector<std::string> names = with_common(
        {"nodes", "actions", "detailed", "parent_task_id", "wait_for_completion", "timeout", "help",
         "format", "h", "v", "ts", "pri", "bytes", "size", "time", "s"});
    return names;
}

float levenshtein_similarity(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return a.size() == b.size() ? 1.0f : 0.0f;
    std::vector<std::size_t> previous(a.size() + 1), current(a.size() + 1);
    for (std::size_t i = 0; i <= a.size(); ++i)
        previous[i] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
        current[0] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[i] = std::min({current[i - 1] + 1, previous[i] + 1, previous[i - 1] + cost});
        }
        std::swap(previous, current);
    }
    return 1.0f - static_cast<float>(previous[a.size()]) /
                      static_cast<float>(std::max(a.size(), b.size()));
}

std::optional<EsError> check_parameters(std::string_view path,
                                        const std::vector<std::string>& given,
                                        const std::vector<std::string>& accepted) {
    std::set<std::string> invalid;
    for (const std::string& name : given) {
        if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
            invalid.insert(name);
        }
    }
    if (invalid.empty()) return std::nullopt;
    std::string message = "request [" + std::string(path) + "] contains unrecognized parameter" +
                          (invalid.size() > 1 ? "s" : "") + ": ";
    bool first = true;
    for (const std::string& name : invalid) {
        std::vector<std::pair<float, std::string>> scored;
        for (const std::string& candidate : accepted) {
            const float similarity = levenshtein_similarity(name, candidate);
            if (similarity > 0.5f) scored.emplace_back(similarity, candidate);
        }
        std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first > y.first : x.second < y.second;
        });
        if (!first) message += ", ";
        first = false;
        message += "[" + name + "]";
        if (scored.empty()) continue;
        message += " -> did you mean ";
        if (scored.size() == 1) {
            message += "[" + scored[0].second + "]";
        } else {
            message += "any of [";
            for (std::size_t i = 0; i < scored.size(); ++i) {
                message += (i ? ", " : "") + scored[i].second;
            }
            message += "]";
        }
        message += "?";
    }
    return illegal_argument(message);
}

}  // namespace taskcheck::es
