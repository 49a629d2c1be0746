#pragma once
// error_text: what an action's InputError says, for tests that assert the exact message; a
// fixed text when it throws none, so the comparison fails and shows it.
#include <functional>
#include <string>

#include "model/common/input_error.hpp"

namespace taskcheck::server::testing {

inline std::string error_text(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return e.what();
    }
    return "no InputError";
}

}  // namespace taskcheck::server::testing
