#include "model/common/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace taskcheck::detail {

void assertion_failed(const char* file, int line, const char* condition,
                      const std::string& values) {
    std::fprintf(stderr, "taskcheck assertion failed: %s (%s) at %s:%d\n", condition,
                 values.empty() ? "no values" : values.c_str(), file, line);
    std::fflush(stderr);
    std::abort();
}

}  // namespace taskcheck::detail
