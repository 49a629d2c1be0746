#pragma once
// JSON nesting limit for every file taskcheck reads (fixtures, known-failure files, scenario
// files) and every response body the runner parses. nlohmann's parser and destructor are
// iterative, but dump(), comparisons, matching and our own walkers recurse once per level, so a
// 10,000-deep value would overflow the stack. Loaders check the parsed document with
// pointer_deeper_than() before anything else touches it, and reject it at that pointer.
// The servers check the raw text with json_depth_excess() before they parse a request body at all,
// since nlohmann's dump(), copies and comparisons recurse once per level (a 100,000-deep body
// crashed `serve` on its first dump).
// Deterministic: pure functions of the value or the text.

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/json_pointer.hpp"

namespace taskcheck {

// The most arrays/objects one value may be nested in, the outermost included: `[[1]]` has 2.
constexpr std::size_t kJsonDepthMax = 128;

// The JSON Pointer of the first array or object (in document order) at nesting level
// `depth_max + 1`, or nullopt iff `value` nests at most `depth_max` levels. Iterative, so any
// depth is safe. Works for nlohmann::json and nlohmann::ordered_json.
template <class Json>
std::optional<std::string> pointer_deeper_than(const Json& value,
                                               std::size_t depth_max = kJsonDepthMax) {
    struct Frame {
        typename Json::const_iterator next, end;
        std::size_t index;  // children visited so far
        bool is_array;
    };
    if (!value.is_structured()) return std::nullopt;
    if (depth_max == 0) return std::string();
    std::vector<Frame> stack{Frame{value.cbegin(), value.cend(), 0, value.is_array()}};
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
        if (stack.size() == depth_max) {
            std::string pointer;
            for (const Frame& frame : stack) {
                pointer += "/" + (frame.is_array ? std::to_string(frame.index - 1)
                                                 : json_pointer_token(std::prev(frame.next).key()));
            }
            return pointer;
        }
        stack.push_back(Frame{child.cbegin(), child.cend(), 0, child.is_array()});
    }
    return std::nullopt;
}

// Where `text` first opens more than `depth_max` arrays/objects at once: the byte offset of that
// `[` or `{`, with its 1-based line and column; nullopt when it never does. Linear in the text;
// strings (with their escapes) are skipped, the rest is not validated.
struct JsonDepthExcess {
    std::size_t offset = 0;
    std::size_t line = 1;
    std::size_t column = 1;
};
std::optional<JsonDepthExcess> json_depth_excess(std::string_view text, std::size_t depth_max);

}  // namespace taskcheck
