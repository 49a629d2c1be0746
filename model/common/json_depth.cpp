#include "model/common/json_depth.hpp"

namespace taskcheck {

std::optional<JsonDepthExcess> json_depth_excess(std::string_view text, std::size_t depth_max) {
    std::size_t depth = 0, line = 1, line_start = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;  // the escaped byte cannot end the string
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '\n') {
            ++line;
            line_start = i + 1;
        } else if (c == '[' || c == '{') {
            if (++depth > depth_max) return JsonDepthExcess{i, line, i - line_start + 1};
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

}  // namespace taskcheck
