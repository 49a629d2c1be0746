#include "model/es/task_headers.hpp"

#include <optional>
#include <string_view>

namespace taskcheck::es {

namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::optional<std::string> header(const HttpHeaders& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (equals_ignore_case(key, name)) return value;
    }
    return std::nullopt;
}

}  // namespace

Result<TaskHeaders, EsError> copy_task_headers(const HttpHeaders& http_headers) {
    TaskHeaders::Map copied;
    for (const char* name : {"X-Opaque-Id", "X-elastic-product-origin"}) {
        if (auto value = header(http_headers, name)) copied[name] = *value;
    }
    if (auto traceparent = header(http_headers, "traceparent")) {
        if (traceparent->size() >= 55) copied["trace.id"] = traceparent->substr(3, 32);
    }
    std::size_t size = 0;
    for (const auto& [name, value] : copied)
        size += 2 * name.size() + 2 * value.size();
    if (size > kMaxTaskHeaderBytes) {
        return Err(illegal_argument("Request exceeded the maximum size of task headers 16kb"));
    }
    return TaskHeaders(std::move(copied));
}

}  // namespace taskcheck::es
