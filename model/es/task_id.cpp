#include "model/es/task_id.hpp"

#include <charconv>

namespace taskcheck::es {

std::string TaskId::to_string() const {
    if (!is_set()) return "unset";
    return node + ":" + std::to_string(number);
}

namespace {

// Java Long.parseLong: optional sign, then at least one decimal digit, no overflow.
bool parse_java_long(std::string_view text, std::int64_t& out) {
    std::string_view digits = text;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
        digits.remove_prefix(1);
    }
    if (digits.empty()) return false;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
    }
    const bool negative = text.front() == '-';
    const char* begin = negative ? text.data() : digits.data();
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace

Result<TaskId, EsError> parse_task_id(std::string_view text) {
    if (text.empty() || text == "unset") return TaskId::unset();
    const std::string malformed = "malformed task id " + std::string(text);
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) return Err(illegal_argument(malformed));
    const std::string_view number_text = text.substr(colon + 1);
    std::int64_t number = 0;
    if (!parse_java_long(number_text, number)) {
        return Err(illegal_argument(malformed).with_cause(number_format(std::string(number_text))));
    }
    if (number == -1) return TaskId::unset();
    return TaskId{std::string(text.substr(0, colon)), number};
}

}  // namespace taskcheck::es
