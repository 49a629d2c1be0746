#include "conformance/json_depth.hpp"

#include <vector>

namespace taskcheck::conformance {

namespace {

// One container being walked: the next child to visit and that child's pointer token.
struct Frame {
    Json::const_iterator next;
    Json::const_iterator end;
    std::size_t index = 0;
    bool is_array = false;
};

std::string pointer_of(const std::vector<Frame>& stack) {
    std::string pointer;
    for (const Frame& frame : stack) {
        // `next` was already advanced past the child being visited.
        auto child = std::prev(frame.next);
        pointer =
            pointer_append(pointer, frame.is_array ? std::to_string(frame.index - 1) : child.key());
    }
    return pointer;
}

}  // namespace

std::optional<std::string> pointer_deeper_than(const Json& value, std::size_t depth_max) {
    if (!value.is_structured()) return std::nullopt;
    if (depth_max == 0) return std::string();
    std::vector<Frame> stack;
    stack.push_back(Frame{value.cbegin(), value.cend(), 0, value.is_array()});
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next == top.end) {
            stack.pop_back();
            continue;
        }
        const Json& child = *top.next;
        ++top.next;
        ++top.index;
        if (!child.is_structured()) continue;
        if (stack.size() == depth_max) return pointer_of(stack);
        stack.push_back(Frame{child.cbegin(), child.cend(), 0, child.is_array()});
    }
    return std::nullopt;
}

}  // namespace taskcheck::conformance
