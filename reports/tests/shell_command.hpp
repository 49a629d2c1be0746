#pragma once
// run_shell: runs a command line with /bin/sh for the tests that drive external tools (xmllint,
// chromium, cmake) and returns its exit status and everything it printed (stdout and stderr).

#include <string>

namespace taskcheck::reports::test {

struct ShellOutput {
    int exit_status = -1;  // the command's exit status; -1 if it did not exit normally
    std::string output;    // stdout and stderr, interleaved
};

ShellOutput run_shell(const std::string& command);

// `text` quoted for /bin/sh as one word.
std::string shell_quote(const std::string& text);

}  // namespace taskcheck::reports::test
