#include "reports/tests/shell_command.hpp"

#include <sys/wait.h>

#include <cstdio>

namespace taskcheck::reports::test {

ShellOutput run_shell(const std::string& command) {
    ShellOutput result;
    std::string full = "(" + command + ") 2>&1";
    std::FILE* pipe = ::popen(full.c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, n);
    int status = ::pclose(pipe);
    if (status != -1 && WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    return result;
}

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

}  // namespace taskcheck::reports::test
