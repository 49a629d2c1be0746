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

}  // namespace taskcheck::fuzz
