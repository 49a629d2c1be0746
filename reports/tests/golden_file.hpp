#pragma once
// Golden files: checked-in expected output that pins what users read (STYLE.md §20).
// check_golden compares text with reports/tests/golden/<name>. With the environment variable
// TASKCHECK_UPDATE_GOLDEN=1 it rewrites the file instead (and the check passes), so a golden
// only changes when someone asks for it and reviews the diff in git.

#include <string>

namespace taskcheck::reports::test {

// Boost.Test assertion: `actual` equals the golden file's content byte for byte. On a mismatch
// the message names the file, the first differing line and both versions of it.
void check_golden(const std::string& name, const std::string& actual);

// The golden file's content; a missing file fails the current test and returns "".
std::string read_golden(const std::string& name);

}  // namespace taskcheck::reports::test
