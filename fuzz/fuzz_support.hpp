#pragma once
// What every fuzz target shares: the input as text, and the one rule each target checks beyond
// "no crash, leak, hang or UB": bad input is reported as taskcheck::InputError, nothing else.
// A target calls expect_input_error_only(); any other exception escapes to libFuzzer, which
// reports it as a crash (uncaught exception -> abort) with the input that caused it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/common/input_error.hpp"

namespace taskcheck::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `body`, swallowing only InputError (the documented failure of every loader).
template <typename F>
void expect_input_error_only(F&& body) {
    try {
        body();
    } catch (const InputError&) {
    }
}

// The deepest nesting of `[` and `{` in `text` (strings are not skipped: an over-estimate).
// Used to skip the known deep-nesting stack overflow that another change fixes (docs/fuzzing.md
// "Known findings"); remove the skip once that fix is merged.
inline int bracket_depth(std::string_view text) {
    int depth = 0;
    int deepest = 0;
    for (char c : text) {
        if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        if ((c == ']' || c == '}') && depth > 0) --depth;
    }
    return deepest;
}

// Nesting above which the targets skip an input until the deep-nesting fix lands.
constexpr int kKnownDeepNesting = 256;

}  // namespace taskcheck::fuzz
